package org.coco.dsl.semantics;

import java.util.Collection;

import org.coco.dsl.coco.Device;

/**
 * The devices of a boot image numbered in boot order, so that a machine keeps their states in an array
 * ({@link Machine#dev}) instead of a map looked up several times per step. Immutable once made; shared by
 * the image and every machine copied from it. An open-addressing table by identity finds a device's number.
 */
final class DeviceTable {
	private final Device[] keys;
	private final int[] numbers;
	private final int size;

	DeviceTable(Collection<Device> devices) {
		size = devices.size();
		int capacity = Integer.highestOneBit(Math.max(4, size * 2 - 1)) << 1; // load factor at most 1/2
		keys = new Device[capacity];
		numbers = new int[capacity];
		int n = 0;
		for (Device d : devices) {
			int i = slot(d, capacity - 1);
			while (keys[i] != null) {
				i = (i + 1) & (capacity - 1);
			}
			keys[i] = d;
			numbers[i] = n++;
		}
	}

	private static int slot(Object key, int mask) {
		int h = System.identityHashCode(key);
		return (h ^ (h >>> 16)) & mask;
	}

	/** How many devices the table numbers (0 .. size-1). */
	int size() {
		return size;
	}

	/** The device's number, or -1 if the table does not hold it (null included). */
	int indexOf(Device d) {
		if (d == null) {
			return -1;
		}
		Device[] ks = keys;
		int mask = ks.length - 1;
		for (int i = slot(d, mask);; i = (i + 1) & mask) {
			Device k = ks[i];
			if (k == d) {
				return numbers[i];
			}
			if (k == null) {
				return -1;
			}
		}
	}
}

package org.coco.dsl.semantics;

import java.util.Arrays;

/**
 * The original address of each used swiotlb slot, by slot number: an open-addressing table of
 * primitive ints and longs (a map step records one entry per slot, so boxed keys and nodes were a
 * measurable part of a step), copied by two array copies. Entries are never removed, as before.
 */
final class SlotOrigins {
	private static final int EMPTY = -1;
	private int[] keys;
	private long[] values;
	private int size;

	SlotOrigins() {
		this(32);
	}

	private SlotOrigins(int capacity) {
		keys = new int[capacity];
		Arrays.fill(keys, EMPTY);
		values = new long[capacity];
	}

	private int indexOf(int slot) {
		int mask = keys.length - 1;
		int i = (slot * 0x9E3779B9 >>> 7) & mask;
		while (keys[i] != EMPTY && keys[i] != slot) {
			i = (i + 1) & mask;
		}
		return i;
	}

	boolean isEmpty() {
		return size == 0;
	}

	void put(int slot, long orig) {
		int i = indexOf(slot);
		if (keys[i] == EMPTY) {
			if ((size + 1) * 4 > keys.length * 3) {
				grow();
				i = indexOf(slot);
			}
			keys[i] = slot;
			size++;
		}
		values[i] = orig;
	}

	/** The original address of a slot, or {@code absent} if none was recorded. */
	long get(int slot, long absent) {
		int i = indexOf(slot);
		return keys[i] == EMPTY ? absent : values[i];
	}

	private void grow() {
		int[] k = keys;
		long[] v = values;
		keys = new int[k.length * 2];
		Arrays.fill(keys, EMPTY);
		values = new long[k.length * 2];
		for (int j = 0; j < k.length; j++) {
			if (k[j] != EMPTY) {
				int i = indexOf(k[j]);
				keys[i] = k[j];
				values[i] = v[j];
			}
		}
	}

	SlotOrigins copy() {
		SlotOrigins c = new SlotOrigins(1);
		c.keys = keys.clone();
		c.values = values.clone();
		c.size = size;
		return c;
	}
}

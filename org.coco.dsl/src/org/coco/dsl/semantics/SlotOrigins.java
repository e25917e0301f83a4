package org.coco.dsl.semantics;

import java.util.Arrays;

/**
 * The original address of each used swiotlb slot, kept as the runs of slots taken (first slot, count,
 * original address of the first), newest last: a take fills consecutive slots from consecutive
 * addresses, so one run stands for what was a table entry per slot, and a copy (every change of a pool
 * the explorer steps) copies a few runs instead of a table of every slot ever used. A slot reads as the
 * newest run that covers it. Only used slots are read ({@link SwiotlbPool#digest}): a run that a later
 * take covers, or whose slots are all released, is dropped, which keeps the runs to about the live
 * mappings.
 */
final class SlotOrigins {
	private int[] starts;
	private int[] counts;
	private long[] origins;
	private int size;

	SlotOrigins() {
		this(4);
	}

	private SlotOrigins(int capacity) {
		starts = new int[capacity];
		counts = new int[capacity];
		origins = new long[capacity];
	}

	boolean isEmpty() {
		return size == 0;
	}

	/** Slots [start, start + n) now hold the addresses from orig on, one IO_TLB_SIZE apart. */
	void put(int start, int n, long orig) {
		if (n <= 0) {
			return;
		}
		dropWithin(start, n); // wholly overwritten: no slot reads them any more
		if (size == starts.length) {
			int c = size * 2;
			starts = Arrays.copyOf(starts, c);
			counts = Arrays.copyOf(counts, c);
			origins = Arrays.copyOf(origins, c);
		}
		starts[size] = start;
		counts[size] = n;
		origins[size] = orig;
		size++;
	}

	/** Slots [start, start + n) are no longer used: the runs wholly inside are dropped. */
	void released(int start, int n) {
		dropWithin(start, n);
	}

	private void dropWithin(int start, int n) {
		int w = 0;
		for (int r = 0; r < size; r++) {
			boolean within = starts[r] >= start && starts[r] + counts[r] <= start + n;
			if (!within) {
				starts[w] = starts[r];
				counts[w] = counts[r];
				origins[w] = origins[r];
				w++;
			}
		}
		size = w;
	}

	/** The original address of a used slot, or {@code absent} if no run covers it. */
	long get(int slot, long absent) {
		for (int r = size - 1; r >= 0; r--) {
			int off = slot - starts[r];
			if (off >= 0 && off < counts[r]) {
				return origins[r] + (long) off * Layout.IO_TLB_SIZE;
			}
		}
		return absent;
	}

	SlotOrigins copy() {
		SlotOrigins c = new SlotOrigins(Math.max(size, 1));
		System.arraycopy(starts, 0, c.starts, 0, size);
		System.arraycopy(counts, 0, c.counts, 0, size);
		System.arraycopy(origins, 0, c.origins, 0, size);
		c.size = size;
		return c;
	}
}

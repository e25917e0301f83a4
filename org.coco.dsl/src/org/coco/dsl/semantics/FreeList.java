package org.coco.dsl.semantics;

import java.util.Arrays;

/**
 * One zone's free ranges [start, end), sorted by start, in two primitive arrays: what a
 * {@code TreeMap<Long, Long>} held, without boxed keys per allocation and with a copy that is two
 * array copies (the explorer copies allocators per state).
 */
final class FreeList {
	private long[] starts;
	private long[] ends;
	private int n;

	FreeList(long start, long end) {
		starts = new long[] { start, 0, 0, 0 };
		ends = new long[] { end, 0, 0, 0 };
		n = 1;
	}

	private FreeList(FreeList o) {
		starts = o.starts.clone();
		ends = o.ends.clone();
		n = o.n;
	}

	FreeList copy() {
		return new FreeList(this);
	}

	int size() {
		return n;
	}

	long start(int i) {
		return starts[i];
	}

	long end(int i) {
		return ends[i];
	}

	/** First fit, aligned to {@code align}; -1 if no range fits. */
	long alloc(long size, long align) {
		for (int i = 0; i < n; i++) {
			long fs = starts[i], fe = ends[i];
			long start = (fs + align - 1) & ~(align - 1);
			if (start + size <= fe) {
				boolean left = fs < start, right = start + size < fe;
				if (left && right) {
					ends[i] = start;
					insert(i + 1, start + size, fe);
				} else if (left) {
					ends[i] = start;
				} else if (right) {
					starts[i] = start + size;
				} else {
					remove(i);
				}
				return start;
			}
		}
		return -1;
	}

	/** Returns [start, end), merged with a free range ending at start and one starting at end. */
	void free(long start, long end) {
		int lo = floor(start);
		if (lo >= 0 && ends[lo] == start) {
			start = starts[lo];
			remove(lo);
		}
		int hi = indexOf(end);
		if (hi >= 0) {
			end = ends[hi];
			remove(hi);
		}
		int at = floor(start);
		if (at >= 0 && starts[at] == start) {
			ends[at] = end; // a range starting there already: replaced, as a map put does
		} else {
			insert(at + 1, start, end);
		}
	}

	/** The index of the last range starting at or below x, or -1. */
	private int floor(long x) {
		int i = Arrays.binarySearch(starts, 0, n, x);
		return i >= 0 ? i : -i - 2;
	}

	private int indexOf(long start) {
		int i = Arrays.binarySearch(starts, 0, n, start);
		return i >= 0 ? i : -1;
	}

	private void insert(int i, long start, long end) {
		if (n == starts.length) {
			starts = Arrays.copyOf(starts, n * 2);
			ends = Arrays.copyOf(ends, n * 2);
		}
		System.arraycopy(starts, i, starts, i + 1, n - i);
		System.arraycopy(ends, i, ends, i + 1, n - i);
		starts[i] = start;
		ends[i] = end;
		n++;
	}

	private void remove(int i) {
		System.arraycopy(starts, i + 1, starts, i, n - i - 1);
		System.arraycopy(ends, i + 1, ends, i, n - i - 1);
		n--;
	}
}

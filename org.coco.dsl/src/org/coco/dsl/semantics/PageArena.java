package org.coco.dsl.semantics;

import java.util.BitSet;

/**
 * A fixed physical range handed out in whole pages, first fit (gen_pool-like): what atomic pools
 * and per-device coherent pools share. Addresses are computed from the base, never invented.
 */
final class PageArena {
	final long base;
	final long size;
	private final BitSet used = new BitSet();

	PageArena(long base, long size) {
		this.base = base;
		this.size = size;
	}

	boolean contains(long phys) {
		return phys >= base && phys < base + size;
	}

	/** The physical address of bytes (rounded up to pages) at the first free run; -1 if none. */
	long alloc(long bytes) {
		int n = (int) Layout.pages(bytes);
		int total = (int) (size / Layout.PAGE);
		for (int i = 0; i + n <= total; i++) {
			int next = used.nextSetBit(i);
			if (next < 0 || next >= i + n) {
				used.set(i, i + n);
				return base + i * Layout.PAGE;
			}
			i = next;
		}
		return -1;
	}

	void free(long phys, long bytes) {
		int i = (int) ((phys - base) / Layout.PAGE);
		used.clear(i, i + (int) Layout.pages(bytes));
	}
}

package org.coco.dsl.semantics;

import java.util.BitSet;

/**
 * A fixed physical range handed out in whole pages, first fit (gen_pool-like): what atomic pools
 * and per-device coherent pools share. Addresses are computed from the base, never invented.
 */
final class PageArena {
	final long base;
	final long size;
	private BitSet used;
	/** {@link #used} is shared with a copy or the original: copied before the first change. */
	private boolean usedShared;
	/** {@link #digest} of the pages in use, or null after a change. */
	private Digest.Part digested;

	PageArena(long base, long size) {
		this.base = base;
		this.size = size;
		this.used = new BitSet();
	}

	/** The same pages in use as o (for Machine.copy): shared until either side changes (none allocated here). */
	private PageArena(PageArena o) {
		this.base = o.base;
		this.size = o.size;
		o.usedShared = true;
		this.used = o.used;
		this.usedShared = true;
		this.digested = o.digested;
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
				own();
				used.set(i, i + n);
				return base + i * Layout.PAGE;
			}
			i = next;
		}
		return -1;
	}

	void free(long phys, long bytes) {
		int i = (int) ((phys - base) / Layout.PAGE);
		own();
		used.clear(i, i + (int) Layout.pages(bytes));
	}

	/** Before a change: own bitmap, no cached digest. */
	private void own() {
		digested = null;
		if (usedShared) {
			used = (BitSet) used.clone();
			usedShared = false;
		}
	}

	private BitSet savedUsed;
	private Digest.Part savedDigest;

	/** For {@link Machine#checkpoint()}: keeps the pages in use now (the bitmap is shared until a change). */
	void save() {
		savedUsed = used;
		savedDigest = digested;
		usedShared = true;
	}

	/** Whether no page was taken or freed since {@link #save()}: a change copies the saved bitmap first. */
	boolean unchangedSinceSave() {
		return used == savedUsed;
	}

	void restoreSaved() {
		used = savedUsed;
		digested = savedDigest;
		usedShared = true;
	}

	PageArena copy() {
		return new PageArena(this);
	}

	/** The arena into d (hashed once per change). */
	void digest(Digest d) {
		Digest.Part p = digested;
		if (p == null) {
			Digest own = new Digest();
			own.add(base).add(used);
			digested = p = Digest.Part.of(own);
		}
		d.add(p);
	}
}

package org.coco.dsl.semantics;

import java.util.EnumMap;
import java.util.Map;

/**
 * A deterministic page allocator: one first-fit free list per zone (regions in {@link Layout}). Freed
 * ranges are reused; leaked ranges are simply never freed.
 */
final class PageAllocator {
	enum Zone {
		DMA, DMA32, NORMAL, HIGHMEM
	}

	private final Map<Zone, FreeList> free = new EnumMap<>(Zone.class);
	private final Map<Zone, long[]> bounds;
	/**
	 * The zones (bit per ordinal) whose free list is shared with a copy or the original: copied before
	 * the first change, so that copying a machine copies only the free lists a side changes afterwards.
	 */
	private int shared;
	/** {@link #digest} of the current free lists, or null after a change. */
	private Digest.Part digested;

	private PageAllocator(Map<Zone, long[]> bounds) {
		this.bounds = bounds;
	}

	PageAllocator copy() {
		PageAllocator c = new PageAllocator(bounds); // zone bounds never change
		c.free.putAll(free);
		int all = 0;
		for (Zone z : free.keySet()) {
			all |= 1 << z.ordinal();
		}
		shared = all;
		c.shared = all;
		c.digested = digested;
		return c;
	}

	/** {@link #save()}d free lists by zone ordinal, and digest. */
	private final FreeList[] saved = new FreeList[ZONES.length];
	private Digest.Part savedDigest;

	/** For {@link Machine#checkpoint()}: keeps the current free lists (shared until either side changes). */
	void save() {
		int all = 0;
		for (Zone z : ZONES) {
			FreeList f = free.get(z);
			saved[z.ordinal()] = f;
			if (f != null) {
				all |= 1 << z.ordinal();
			}
		}
		shared = all;
		savedDigest = digested;
	}

	/** Whether no free list changed since {@link #save()}: a change copies the saved list first. */
	boolean unchangedSinceSave() {
		for (Zone z : ZONES) {
			if (free.get(z) != saved[z.ordinal()]) {
				return false;
			}
		}
		return true;
	}

	void restoreSaved() {
		int all = 0;
		for (Zone z : ZONES) {
			FreeList f = saved[z.ordinal()];
			if (f != null) {
				free.put(z, f);
				all |= 1 << z.ordinal();
			}
		}
		shared = all;
		digested = savedDigest;
	}

	/** The zone's free list, to be changed: this allocator's own from now on. */
	private FreeList own(Zone z) {
		digested = null;
		FreeList m = free.get(z);
		int bit = 1 << z.ordinal();
		if ((shared & bit) != 0) {
			m = m.copy();
			free.put(z, m);
			shared &= ~bit;
		}
		return m;
	}

	PageAllocator(boolean ramAbove4g) {
		this.bounds = new EnumMap<>(Zone.class);
		add(Zone.DMA, Layout.ZONE_DMA_START, Layout.ZONE_DMA_END);
		add(Zone.DMA32, Layout.ZONE_DMA32_START, Layout.ZONE_DMA32_END);
		add(Zone.HIGHMEM, Layout.HIGHMEM_START, Layout.HIGHMEM_END);
		if (ramAbove4g) {
			add(Zone.NORMAL, Layout.NORMAL_HIGH_START, Layout.NORMAL_HIGH_END);
		} else {
			add(Zone.NORMAL, Layout.NORMAL_LOW_START, Layout.NORMAL_LOW_END);
		}
	}

	private void add(Zone z, long start, long end) {
		free.put(z, new FreeList(start, end));
		bounds.put(z, new long[] { start, end });
	}

	/** First fit, aligned to {@code align}; -1 if the zone is full. */
	long alloc(Zone z, long size, long align) {
		return own(z).alloc(Layout.pageAlign(size), align);
	}

	long alloc(Zone z, long size) {
		return alloc(z, size, Layout.PAGE);
	}

	private static final Zone[] ZONES = Zone.values();

	void free(long phys, long size) {
		size = Layout.pageAlign(size);
		for (Zone z : ZONES) { // in the EnumMap's order, without its iterator
			long[] b = bounds.get(z);
			if (b != null && phys >= b[0] && phys < b[1]) {
				own(z).free(phys, phys + size);
				return;
			}
		}
	}

	/** The free lists into d (hashed once per change). */
	void digest(Digest d) {
		Digest.Part p = digested;
		if (p == null) {
			Digest own = new Digest();
			for (Map.Entry<Zone, FreeList> z : free.entrySet()) {
				FreeList f = z.getValue();
				own.add(z.getKey()).add(f.size());
				for (int i = 0; i < f.size(); i++) {
					own.add(f.start(i)).add(f.end(i));
				}
			}
			digested = p = Digest.Part.of(own);
		}
		d.add(p);
	}
}

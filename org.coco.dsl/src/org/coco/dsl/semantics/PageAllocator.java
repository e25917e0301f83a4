package org.coco.dsl.semantics;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic page allocator: one first-fit free list per zone (regions in {@link Layout}). Freed
 * ranges are reused; leaked ranges are simply never freed.
 */
final class PageAllocator {
	enum Zone {
		DMA, DMA32, NORMAL, HIGHMEM
	}

	private final Map<Zone, TreeMap<Long, Long>> free = new EnumMap<>(Zone.class);
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
		if (shared != all) {
			shared = all;
		}
		c.shared = all;
		c.digested = digested;
		return c;
	}

	/** The zone's free list, to be changed: this allocator's own from now on. */
	private TreeMap<Long, Long> own(Zone z) {
		digested = null;
		TreeMap<Long, Long> m = free.get(z);
		int bit = 1 << z.ordinal();
		if ((shared & bit) != 0) {
			m = new TreeMap<>(m);
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
		TreeMap<Long, Long> m = new TreeMap<>();
		m.put(start, end);
		free.put(z, m);
		bounds.put(z, new long[] { start, end });
	}

	/** First fit, aligned to {@code align}; -1 if the zone is full. */
	long alloc(Zone z, long size, long align) {
		size = Layout.pageAlign(size);
		TreeMap<Long, Long> m = free.get(z);
		for (Map.Entry<Long, Long> e : m.entrySet()) {
			long start = (e.getKey() + align - 1) & ~(align - 1);
			if (start + size <= e.getValue()) {
				long fs = e.getKey(), fe = e.getValue();
				m = own(z); // returns right after the change: the loop's iterator is not used again
				m.remove(fs);
				if (fs < start) {
					m.put(fs, start);
				}
				if (start + size < fe) {
					m.put(start + size, fe);
				}
				return start;
			}
		}
		return -1;
	}

	long alloc(Zone z, long size) {
		return alloc(z, size, Layout.PAGE);
	}

	void free(long phys, long size) {
		size = Layout.pageAlign(size);
		for (Map.Entry<Zone, long[]> b : bounds.entrySet()) {
			if (phys >= b.getValue()[0] && phys < b.getValue()[1]) {
				TreeMap<Long, Long> m = own(b.getKey());
				long start = phys, end = phys + size;
				Map.Entry<Long, Long> lo = m.floorEntry(start);
				if (lo != null && lo.getValue() == start) {
					start = lo.getKey();
					m.remove(lo.getKey());
				}
				Long hiEnd = m.get(end);
				if (hiEnd != null) {
					m.remove(end);
					end = hiEnd;
				}
				m.put(start, end);
				return;
			}
		}
	}

	/** The free lists into d (hashed once per change). */
	void digest(Digest d) {
		Digest.Part p = digested;
		if (p == null) {
			Digest own = new Digest();
			for (Map.Entry<Zone, TreeMap<Long, Long>> z : free.entrySet()) {
				own.add(z.getKey()).add(z.getValue().size());
				for (Map.Entry<Long, Long> e : z.getValue().entrySet()) {
					own.add(e.getKey()).add(e.getValue());
				}
			}
			digested = p = Digest.Part.of(own);
		}
		d.add(p);
	}
}

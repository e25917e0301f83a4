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
	private final Map<Zone, long[]> bounds = new EnumMap<>(Zone.class);

	private PageAllocator() {
	}

	PageAllocator copy() {
		PageAllocator c = new PageAllocator();
		for (Map.Entry<Zone, TreeMap<Long, Long>> e : free.entrySet()) {
			c.free.put(e.getKey(), new TreeMap<>(e.getValue()));
		}
		c.bounds.putAll(bounds);
		return c;
	}

	PageAllocator(boolean ramAbove4g) {
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

	private static final Zone[] ZONES = Zone.values();

	void free(long phys, long size) {
		size = Layout.pageAlign(size);
		for (Zone z : ZONES) { // in the EnumMap's order, without its iterator
			long[] b = bounds.get(z);
			if (b != null && phys >= b[0] && phys < b[1]) {
				TreeMap<Long, Long> m = free.get(z);
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

	void digest(Digest d) {
		for (Map.Entry<Zone, TreeMap<Long, Long>> z : free.entrySet()) {
			d.add(z.getKey()).add(z.getValue().size());
			for (Map.Entry<Long, Long> e : z.getValue().entrySet()) {
				d.add(e.getKey()).add(e.getValue());
			}
		}
	}
}

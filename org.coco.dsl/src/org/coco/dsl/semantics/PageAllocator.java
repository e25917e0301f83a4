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
	private final Map<Zone, long[]> bounds = new EnumMap<>(Zone.class);

	private PageAllocator() {
	}

	PageAllocator copy() {
		PageAllocator c = new PageAllocator();
		for (Map.Entry<Zone, FreeList> e : free.entrySet()) {
			c.free.put(e.getKey(), e.getValue().copy());
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
		free.put(z, new FreeList(start, end));
		bounds.put(z, new long[] { start, end });
	}

	/** First fit, aligned to {@code align}; -1 if the zone is full. */
	long alloc(Zone z, long size, long align) {
		return free.get(z).alloc(Layout.pageAlign(size), align);
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
				free.get(z).free(phys, phys + size);
				return;
			}
		}
	}

	void digest(Digest d) {
		for (Map.Entry<Zone, FreeList> z : free.entrySet()) {
			FreeList f = z.getValue();
			d.add(z.getKey()).add(f.size());
			for (int i = 0; i < f.size(); i++) {
				d.add(f.start(i)).add(f.end(i));
			}
		}
	}
}

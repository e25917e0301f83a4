package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Direction;

/** A live or past streaming mapping: one segment per scatter-gather entry (one for single/phys/resource). */
final class Mapping {
	enum Via {
		DIRECT, BOUNCE, IOVA, OPS
	}

	static final class Segment {
		final long orig;
		final long size;
		Via via;
		long dma;
		Encoding encoding;
		SwiotlbPool pool;
		int slot;
		int nslots;
		long tlb;

		Segment(long orig, long size) {
			this.orig = orig;
			this.size = size;
		}

		/** The physical memory the device reaches through this segment. */
		long reached() {
			return via == Via.BOUNCE ? tlb : orig;
		}
	}

	final String name;
	final Device device;
	final Direction dir;
	final Set<Attr> attrs;
	final boolean mmio;
	final List<Segment> segments = new ArrayList<>();
	boolean live = true;
	/** False when the map call failed: there is nothing to unmap. */
	boolean mapped = true;
	/** The buffer mapped (null for MMIO) and the mapping's name in the scenario (null if unnamed). */
	Buf buf;
	org.coco.dsl.coco.Buffer key;
	/**
	 * {@link Machine#stateKey()}'s digest of this mapping, once computed: the map step that makes a mapping
	 * sets its fields and segments, afterwards only {@link #live} and {@link #mapped} change (an unmapped
	 * mapping is not digested, nor is a transient pool released only by its unmap), so the part stays
	 * valid and a copy takes it along.
	 */
	Digest.Part digested;

	Mapping(String name, Device device, Direction dir, Set<Attr> attrs, boolean mmio) {
		this.name = name;
		this.device = device;
		this.dir = dir;
		this.attrs = attrs;
		this.mmio = mmio;
	}

	/** A copy whose segments point at the copied pools. */
	Mapping copy(java.util.function.Function<SwiotlbPool, SwiotlbPool> pools) {
		Mapping c = new Mapping(name, device, dir, attrs, mmio);
		for (Segment s : segments) {
			if (s.pool == null) { // fields set by the map step only: shared (a bounce segment points at a copied pool)
				c.segments.add(s);
				continue;
			}
			Segment t = new Segment(s.orig, s.size);
			t.via = s.via;
			t.dma = s.dma;
			t.encoding = s.encoding;
			t.pool = pools.apply(s.pool);
			t.slot = s.slot;
			t.nslots = s.nslots;
			t.tlb = s.tlb;
			c.segments.add(t);
		}
		c.live = live;
		c.mapped = mapped;
		c.digested = digested;
		return c;
	}
}

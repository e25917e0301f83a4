package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.coco.DmaPath;
import org.coco.dsl.coco.HeapKind;
import org.coco.dsl.coco.MapKind;
import org.coco.dsl.coco.RamLayout;

/**
 * dma_map_phys routing (§4.1) for single / phys / resource / sg maps: the common prelude, the direct
 * test (dma_map_direct, ops bypass), ccs71's CC_SHARED-only-on-direct rule, dma-iommu IOVAs and legacy
 * ops; sg maps every entry and unwinds on failure.
 */
final class MapRouter {
	private MapRouter() {
	}

	/** Normalises attribute spellings per profile; records what it did. */
	static Set<Attr> normalise(Machine m, List<Attr> given, StepLog log) {
		Set<Attr> attrs = given.isEmpty() ? EnumSet.noneOf(Attr.class) : EnumSet.copyOf(given);
		if (attrs.remove(Attr.CC_DECRYPTED)) {
			attrs.add(Attr.CC_SHARED);
			log.note("DMA_ATTR_CC_DECRYPTED is the seed (v2) name of DMA_ATTR_CC_SHARED");
		}
		if (!m.facts.ccSharedKnown() && attrs.remove(Attr.CC_SHARED)) {
			log.note("DMA_ATTR_CC_SHARED does not exist in profile base: ignored");
		}
		if (attrs.remove(Attr.ALLOC_CC_SHARED)) {
			log.note("__DMA_ATTR_ALLOC_CC_SHARED is internal to allocations: ignored on a map");
		}
		return attrs;
	}

	/** dma_map_direct(dev): no ops / passthrough, or ops bypass when the mask covers all RAM. */
	static boolean mapDirect(Machine m, Device d, long mask) {
		DmaPath path = m.facts.devicePath(d);
		return switch (path) {
		case DIRECT -> true;
		case BYPASS -> Long.compareUnsigned(mask, requiredMask(m)) >= 0;
		case IOMMU, OPS -> false;
		};
	}

	/** dma_direct_get_required_mask: covers the highest RAM address of the layout. */
	static long requiredMask(Machine m) {
		long top = m.facts.platform().getRam() == RamLayout.ABOVE_4G ? Layout.NORMAL_HIGH_END - 1 : Layout.NORMAL_LOW_END - 1;
		return top;
	}

	/** Maps one range through the routing of §4.1. {@code sg}: dma_map_sg (no CC_SHARED check on IOMMU). */
	static MapOut mapPhys(Machine m, Device d, long phys, long size, Direction dir, Set<Attr> attrs, MapKind kind,
			StepLog log) {
		// dma_map_page_attrs refuses MMIO before it calls dma_map_phys
		if (kind == MapKind.SINGLE && attrs.contains(Attr.MMIO)) {
			log.warn("WARN_ON_ONCE(attrs & DMA_ATTR_MMIO)");
			log.rule("§4.1", "dma_map_page_attrs (refuses DMA_ATTR_MMIO)");
			return MapOut.fail(new Outcome.Error("dma_map_page_attrs with DMA_ATTR_MMIO"));
		}
		if (!Devices.coherent(d) && attrs.contains(Attr.REQUIRE_COHERENT)) {
			log.rule("§4 prelude", "dma_map_phys (!coherent && REQUIRE_COHERENT)");
			return MapOut.fail(new Outcome.Error("REQUIRE_COHERENT on a non-coherent device"));
		}
		boolean direct = mapDirect(m, d, PlatformFacts.dmaMask(d));
		if (direct) {
			log.rule("§4.1 step 1", "dma_map_phys -> dma_direct_map_phys");
			return DirectMapper.map(m, d, phys, size, dir, attrs, log);
		}
		if (m.facts.ccSharedKnown() && attrs.contains(Attr.CC_SHARED) && kind != MapKind.SG) {
			log.rule("§4.1 step 2", "dma_map_phys (CC_SHARED only on the direct path)");
			return MapOut.fail(new Outcome.Error("CC_SHARED on a non-direct device"));
		}
		if (kind == MapKind.SG && attrs.contains(Attr.CC_SHARED)) {
			log.note("dma_map_sg on a non-direct device ignores DMA_ATTR_CC_SHARED (§4.1, resolved)");
		}
		DmaPath path = m.facts.devicePath(d);
		if (path == DmaPath.IOMMU) {
			if (d.isUntrusted()) {
				log.note("dma-iommu bounce of untrusted devices is not modelled (§1.2, not verified)");
			}
			long a = iova(m, d, phys, size);
			log.rule("§4.1 step 3", "iommu_dma_map_phys (IOVA; no CC handling modelled)");
			Mapping.Segment s = new Mapping.Segment(phys, size);
			s.via = Mapping.Via.IOVA;
			s.dma = a;
			s.encoding = Encoding.IOVA;
			return new MapOut(new Outcome.Iova(a), s);
		}
		if (attrs.contains(Attr.MMIO)) {
			log.rule("§4.1 step 4", "dma_map_phys (legacy ops without MMIO support)");
			return MapOut.fail(new Outcome.Error("MMIO through legacy dma_map_ops"));
		}
		log.rule("§4.1 step 4", "ops->map_page (legacy dma_map_ops, not modelled)");
		Mapping.Segment s = new Mapping.Segment(phys, size);
		s.via = Mapping.Via.OPS;
		s.dma = phys;
		s.encoding = Encoding.RAW;
		return new MapOut(new Outcome.Ops(phys), s);
	}

	/** IOVA: top-down below min(limit+1, 4 GiB), size-aligned, keeping the page offset. */
	static long iova(Machine m, Device d, long phys, long size) {
		DeviceState st = m.dev(d);
		long limit = PlatformFacts.streamingLimit(d);
		if (st.iovaNext == 0) {
			st.iovaNext = Long.compareUnsigned(limit, Layout.IOVA_TOP - 1) < 0 ? limit + 1 : Layout.IOVA_TOP;
		}
		long off = phys & (Layout.PAGE - 1);
		long len = Layout.pageAlign(off + size);
		long align = Long.highestOneBit(len) == len ? len : Long.highestOneBit(len) << 1;
		long base = (st.iovaNext - len) & ~(align - 1);
		st.iovaNext = base;
		return base + off;
	}

	/** A map step over a buffer or MMIO region: one entry, or one per chunk for sg. */
	static Outcome map(Machine m, Mapping mapping, List<Buf.Chunk> ranges, MapKind kind, Set<Attr> attrs, StepLog log) {
		Device d = mapping.device;
		if (kind != MapKind.SG || ranges.size() == 1) {
			Buf.Chunk c = ranges.get(0);
			MapOut out = mapPhys(m, d, c.phys(), c.size(), mapping.dir, attrs, kind, log);
			if (out.ok()) {
				mapping.segments.add(out.segment());
			}
			if (kind == MapKind.SG && !out.ok()) {
				log.rule("§4.1 sg", "dma_map_sgtable (-EIO)");
				return new Outcome.Failed(Errno.EIO, "dma_map_sgtable: " + out.outcome().describe());
			}
			return kind == MapKind.SG ? new Outcome.Sg(List.of(out.outcome())) : out.outcome();
		}
		List<Outcome> entries = new ArrayList<>();
		for (Buf.Chunk c : ranges) {
			MapOut out = mapPhys(m, d, c.phys(), c.size(), mapping.dir, EnumSet.copyOf(attrsOrEmpty(attrs)), kind, log);
			entries.add(out.outcome());
			if (!out.ok()) {
				// unmap the entries already mapped, with SKIP_CPU_SYNC, and fail the whole call
				for (Mapping.Segment s : mapping.segments) {
					SyncUnmap.unmapSegment(m, mapping, s, EnumSet.of(Attr.SKIP_CPU_SYNC), log);
				}
				mapping.segments.clear();
				log.rule("§4.1 sg", "dma_map_sgtable (entry failed: unwind, -EIO)");
				return new Outcome.Failed(Errno.EIO, "sg entry " + entries.size() + ": " + out.outcome().describe());
			}
			mapping.segments.add(out.segment());
		}
		return new Outcome.Sg(entries);
	}

	private static Set<Attr> attrsOrEmpty(Set<Attr> a) {
		return a.isEmpty() ? EnumSet.noneOf(Attr.class) : a;
	}

	static boolean isCcSharedHeap(Buf b) {
		return b.kind == Buf.Kind.HEAP && b.heap != null && PlatformFacts.canonical(b.heap) == HeapKind.SYSTEM_CC_SHARED;
	}
}

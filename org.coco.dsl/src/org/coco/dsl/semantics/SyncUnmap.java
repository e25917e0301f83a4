package org.coco.dsl.semantics;

import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.coco.SyncTarget;

/** Sync and unmap on the direct path (§4.8), with the swiotlb bounce copies of §4.4. */
final class SyncUnmap {
	private SyncUnmap() {
	}

	static boolean toCpuCopies(Direction d) {
		return d == Direction.FROM_DEVICE || d == Direction.BIDIRECTIONAL;
	}

	static boolean toDeviceCopies(Direction d) {
		return d == Direction.TO_DEVICE || d == Direction.BIDIRECTIONAL;
	}

	/** dma_direct_unmap_phys for one segment. */
	static void unmapSegment(Machine m, Mapping mp, Mapping.Segment s, Set<Attr> attrs, StepLog log) {
		if (s.via == Mapping.Via.IOVA || s.via == Mapping.Via.OPS) {
			log.rule("§4.1 step 5", s.via == Mapping.Via.IOVA ? "iommu_dma_unmap_phys" : "ops->unmap_page");
			return;
		}
		if (attrs.contains(Attr.MMIO) || attrs.contains(Attr.REQUIRE_COHERENT)) {
			log.rule("§4.8", "dma_direct_unmap_phys (MMIO / REQUIRE_COHERENT: nothing)");
			return;
		}
		long phys = m.enc.dmaToPhys(mp.device, s.dma);
		if (!attrs.contains(Attr.SKIP_CPU_SYNC)) {
			if (!Devices.coherent(mp.device)) {
				log.note("arch_sync_dma_for_cpu (non-coherent device)");
			}
			if (s.via == Mapping.Via.BOUNCE && toCpuCopies(mp.dir)) {
				Swiotlb.bounceToOrig(m, s);
				long tlb = s.tlb, orig = s.orig, size = s.size;
				log.note(() -> "swiotlb_bounce tlb " + Hex.of(tlb) + " -> orig " + Hex.of(orig) + " (" + size + " bytes)");
			}
		}
		if (s.via == Mapping.Via.BOUNCE) {
			if (phys != s.tlb) {
				long dma = s.dma, tlb = s.tlb;
				log.note(() -> "dma_to_phys(" + Hex.of(dma) + ") = " + Hex.of(phys) + " differs from the slot " + Hex.of(tlb));
			}
			Swiotlb.release(m, s.pool, s.slot, s.nslots);
			if (s.pool.kind() == SwiotlbPool.Kind.TRANSIENT) {
				Swiotlb.deleteTransient(m, s.pool, log);
			}
			log.rule("§4.8", "swiotlb_tbl_unmap_single (slots released)");
		} else {
			log.rule("§4.8", "dma_direct_unmap_phys");
		}
	}

	static Outcome unmap(Machine m, Mapping mp, Set<Attr> attrs, StepLog log) {
		if (!mp.mapped) {
			log.rule("§4.8", "dma_unmap_phys (the map call failed)");
			return new Outcome.Error("mapping " + mp.name + " failed; nothing to unmap");
		}
		if (!mp.live) {
			log.rule("§4.8", "dma_unmap_phys (mapping already unmapped)");
			return new Outcome.Error("mapping " + mp.name + " is not mapped (double unmap)");
		}
		for (Mapping.Segment s : mp.segments) {
			unmapSegment(m, mp, s, attrs, log);
		}
		m.changing(mp);
		mp.live = false;
		return new Outcome.Ok("unmapped");
	}

	static Outcome sync(Machine m, Mapping mp, SyncTarget target, StepLog log) {
		if (!mp.live) {
			log.rule("§4.8", "dma_sync_single (mapping not live)");
			return new Outcome.Error("mapping " + mp.name + " is not mapped");
		}
		for (Mapping.Segment s : mp.segments) {
			if (mp.mmio || s.via == Mapping.Via.IOVA || s.via == Mapping.Via.OPS) {
				continue;
			}
			if (!Devices.coherent(mp.device)) {
				log.note("arch_sync_dma_for_" + (target == SyncTarget.FOR_CPU ? "cpu" : "device") + " (non-coherent device)");
			}
			if (s.via == Mapping.Via.BOUNCE) {
				if (target == SyncTarget.FOR_DEVICE && toDeviceCopies(mp.dir)) {
					Swiotlb.bounceToTlb(m, s);
					long tlb = s.tlb, orig = s.orig;
					log.note(() -> "swiotlb_bounce orig " + Hex.of(orig) + " -> tlb " + Hex.of(tlb));
				} else if (target == SyncTarget.FOR_CPU && toCpuCopies(mp.dir)) {
					Swiotlb.bounceToOrig(m, s);
					long tlb = s.tlb, orig = s.orig;
					log.note(() -> "swiotlb_bounce tlb " + Hex.of(tlb) + " -> orig " + Hex.of(orig));
				}
			}
		}
		log.rule("§4.8", target == SyncTarget.FOR_CPU ? "dma_direct_sync_single_for_cpu" : "dma_direct_sync_single_for_device");
		return new Outcome.Ok("synced");
	}
}

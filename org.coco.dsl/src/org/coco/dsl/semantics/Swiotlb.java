package org.coco.dsl.semantics;

import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.ConfigSwitch;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Zone;

/**
 * swiotlb_map / swiotlb_tbl_map_single (§4.4) with the per-profile pool/device check, slot search over
 * the default, dynamic and transient pools (restricted pools never grow), and the bounce copies of §4.4
 * and §4.8 (tlb_bounce).
 */
final class Swiotlb {
	private Swiotlb() {
	}

	/** "§4.4 series-v7 step 7" per series profile, made once. */
	private static final java.util.Map<Profile, String> STEP7_SERIES = new java.util.EnumMap<>(Profile.class);
	static {
		for (Profile p : Profile.values()) {
			STEP7_SERIES.put(p, "§4.4 " + p.getLiteral() + " step 7");
		}
	}

	static MapOut map(Machine m, Device d, long phys, long size, Direction dir, Set<Attr> attrs, StepLog log) {
		List<SwiotlbPool> mem = m.ioTlbMem(d);
		if (mem.isEmpty()) {
			log.warn("Can not allocate SWIOTLB buffer earlier and can't now provide you with the DMA bounce buffer");
			log.rule("§4.4 step 1", "swiotlb_tbl_map_single (no swiotlb)");
			return MapOut.fail(new Outcome.Error("no swiotlb pool"));
		}
		if (m.facts.has(CcAttr.MEM_ENCRYPT)) {
			m.warnOnce("swiotlb-mem-encrypt", "Memory encryption is active and system is using DMA bounce buffers", log);
		}
		SwiotlbPool first = mem.get(0);
		boolean ccShared = first.ccShared();
		boolean fdu = m.fdu(d);
		Profile p = m.facts.profile();
		if (p == Profile.SERIES_V6) {
			if (ccShared != fdu) {
				log.rule("§4.4 series-v6", "swiotlb_tbl_map_single (mem->cc_shared " + ccShared + " != FDU " + fdu + ")");
				return MapOut.fail(new Outcome.Error("pool cc_shared=" + ccShared + " does not match FDU=" + fdu));
			}
		} else if (p == Profile.SERIES_V7) {
			if (m.facts.has(CcAttr.GUEST_MEM_ENCRYPT)) {
				if (ccShared != fdu) {
					log.rule("§4.4 series-v7 guest", "swiotlb_tbl_map_single (mem->cc_shared " + ccShared + " != FDU " + fdu + ")");
					return MapOut.fail(new Outcome.Error("pool cc_shared=" + ccShared + " does not match FDU=" + fdu));
				}
			} else if (m.facts.has(CcAttr.HOST_MEM_ENCRYPT) && !ccShared) {
				log.rule("§4.4 series-v7 host", "swiotlb_tbl_map_single (host pool not shared)");
				return MapOut.fail(new Outcome.Error("host swiotlb pool is not unencrypted"));
			}
		}
		if (m.facts.series()) {
			// the pool kind decides the encoding (§4.4 series)
			if (ccShared) {
				attrs.add(Attr.CC_SHARED);
			} else {
				attrs.remove(Attr.CC_SHARED);
			}
		}
		int nslots = SwiotlbPool.nrSlots(size);
		SwiotlbPool pool = null;
		int slot = -1;
		for (SwiotlbPool cand : mem) {
			slot = cand.take(nslots, size, false, phys);
			if (slot >= 0) {
				pool = cand;
				break;
			}
		}
		boolean canGrow = first.kind() != SwiotlbPool.Kind.RESTRICTED && m.facts.config(ConfigSwitch.SWIOTLB_DYNAMIC);
		if (pool == null && canGrow && nslots <= Layout.IO_TLB_SEGSIZE) {
			pool = transientPool(m, d, nslots, log);
			if (pool != null) {
				slot = pool.take(nslots, size, false, phys);
			}
		}
		if (pool == null || slot < 0) {
			if (!attrs.contains(Attr.NO_WARN)) {
				long total = mem.stream().mapToLong(SwiotlbPool::nslabs).sum();
				long used = mem.stream().mapToLong(SwiotlbPool::used).sum();
				log.warn("swiotlb buffer is full (sz: " + size + " bytes), total " + total + " (slots), used " + used + " (slots)");
			} else {
				log.note("\"swiotlb buffer is full\" suppressed by DMA_ATTR_NO_WARN");
			}
			log.rule("§4.4 step 3", "swiotlb_find_slots");
			return MapOut.fail(new Outcome.Error("swiotlb buffer is full"));
		}
		long tlb = pool.slotAddr(slot);
		// step 4: bounce orig -> tlb always, even for FROM_DEVICE (preserves unwritten bytes)
		m.memory.copy(phys, tlb, size);
		boolean unenc = m.facts.series() ? attrs.contains(Attr.CC_SHARED) : true;
		long a = unenc ? m.enc.physToDmaUnencrypted(d, tlb) : m.enc.physToDmaEncrypted(d, tlb);
		if (!DirectMapper.capable(m, d, a, size, attrs, p == Profile.SERIES_V7)) {
			release(m, pool, slot, nslots);
			if (pool.kind() == SwiotlbPool.Kind.TRANSIENT) {
				deleteTransient(m, pool, log);
			}
			long mask = PlatformFacts.dmaMask(d), busLimit = d.getBusLimit();
			m.warnOnce("swiotlb-overflow", () -> "swiotlb addr " + Hex.pad(a) + "+" + size + " overflow (mask " + Hex.llx(mask)
					+ ", bus limit " + Hex.llx(busLimit) + ").", log);
			log.rule("§4.4 step 6", "swiotlb_map (dma_capable failed)");
			return MapOut.fail(new Outcome.Error("bounce address " + Hex.of(a) + " beyond limit "
					+ Hex.of(PlatformFacts.streamingLimit(d))));
		}
		if (!Devices.coherent(d) && !attrs.contains(Attr.SKIP_CPU_SYNC)) {
			log.note("arch_sync_dma_for_device on the tlb slot (non-coherent device)");
		}
		log.rule(m.facts.series() ? STEP7_SERIES.get(m.facts.profile()) : "§4.4 step 7", "swiotlb_map");
		Mapping.Segment s = new Mapping.Segment(phys, size);
		s.via = Mapping.Via.BOUNCE;
		s.pool = pool;
		s.slot = slot;
		s.nslots = nslots;
		s.tlb = tlb;
		s.dma = a;
		s.encoding = unenc ? Encoding.UNENCRYPTED : Encoding.ENCRYPTED;
		return new MapOut(new Outcome.Bounce(pool.name(), slot, tlb, a, s.encoding), s);
	}

	/**
	 * A transient pool (CONFIG_SWIOTLB_DYNAMIC, §3): GFP_NOWAIT, so FDU devices take it from an atomic
	 * pool (dma_alloc_from_pool), others from alloc_dma_pages (decrypted; series: only if MEM_ENCRYPT).
	 */
	private static SwiotlbPool transientPool(Machine m, Device d, int nslots, StepLog log) {
		long bytes = Layout.pageAlign((long) nslots * Layout.IO_TLB_SIZE);
		String name = "transient" + (++m.transientCount);
		if (m.fdu(d)) {
			if (m.atomic.isEmpty()) {
				log.note("transient swiotlb pool: FDU device and no atomic pools (CONFIG_DMA_COHERENT_POOL off)");
				return null;
			}
			for (Zone z : List.of(Zone.KERNEL, Zone.DMA32, Zone.DMA)) {
				AtomicPool ap = m.atomic.get(z);
				if (ap == null) {
					continue;
				}
				long phys = ap.alloc(bytes);
				if (phys < 0) {
					continue;
				}
				long a = m.enc.physToDmaUnencrypted(d, phys);
				if (Long.compareUnsigned(a + bytes - 1, PlatformFacts.coherentLimit(d)) > 0) {
					ap.free(phys, bytes);
					continue;
				}
				log.rule("§3 swiotlb dynamic", "swiotlb_alloc_tlb (dma_alloc_from_pool, " + ap.name() + ")");
				return new SwiotlbPool(name, SwiotlbPool.Kind.TRANSIENT, phys, bytes, ap.unencrypted(), ap);
			}
			log.note("transient swiotlb pool: no atomic pool chunk fits the device");
			return null;
		}
		long limit = PlatformFacts.streamingLimit(d);
		for (PageAllocator.Zone z : List.of(PageAllocator.Zone.NORMAL, PageAllocator.Zone.DMA32, PageAllocator.Zone.DMA)) {
			long phys = m.pages.alloc(z, bytes);
			if (phys < 0) {
				continue;
			}
			if (Long.compareUnsigned(phys + bytes - 1, limit) > 0) {
				m.pages.free(phys, bytes);
				continue;
			}
			boolean dec = m.facts.series() ? m.facts.has(CcAttr.MEM_ENCRYPT) : true;
			if (dec) {
				m.decrypt(phys, bytes, false, "alloc_dma_pages", log);
			}
			log.rule("§3 swiotlb dynamic", "swiotlb_alloc_tlb (alloc_dma_pages)");
			return new SwiotlbPool(name, SwiotlbPool.Kind.TRANSIENT, phys, bytes,
					dec && m.facts.conversionActive(), null);
		}
		return null;
	}

	/** swiotlb_release_slots; a transient pool is deleted (§4.8): back to its atomic pool, or re-encrypted and freed. */
	static void release(Machine m, SwiotlbPool pool, int slot, int nslots) {
		m.changing(pool);
		pool.release(slot, nslots);
	}

	static void deleteTransient(Machine m, SwiotlbPool pool, StepLog log) {
		if (pool.fromAtomic != null) {
			pool.fromAtomic.free(pool.base(), pool.size());
			log.note("transient swiotlb pool " + pool.name() + " returned to " + pool.fromAtomic.name());
			return;
		}
		boolean wasDecrypted = m.facts.series() ? pool.ccShared() : true;
		if (wasDecrypted) {
			m.encrypt(pool.base(), pool.size(), false, "swiotlb_free_tlb", log);
		}
		m.freeToAllocator(pool.base(), pool.size(), log);
		log.note("transient swiotlb pool " + pool.name() + " deleted");
	}

	/** swiotlb_bounce tlb -> orig (sync for CPU / unmap). */
	static void bounceToOrig(Machine m, Mapping.Segment s) {
		m.memory.copy(s.tlb, s.orig, s.size);
	}

	/** swiotlb_bounce orig -> tlb (sync for device). */
	static void bounceToTlb(Machine m, Mapping.Segment s) {
		m.memory.copy(s.orig, s.tlb, s.size);
	}
}

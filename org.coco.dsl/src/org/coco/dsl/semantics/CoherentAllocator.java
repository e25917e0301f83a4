package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.ConfigSwitch;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.DmaPath;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Zone;

/**
 * Coherent allocation: dma_alloc_attrs / dma_direct_alloc (§4.5) and dma_alloc_pages /
 * dma_direct_alloc_pages (§4.6): per-device coherent pool, atomic pools, restricted pools, zone
 * fallback until dma_coherent_ok, remap, decryption with failure injection.
 */
final class CoherentAllocator {
	private CoherentAllocator() {
	}

	/** dma_alloc_coherent / dma_alloc_attrs. */
	static Outcome allocCoherent(Machine m, Buf b, Device d, long size, boolean atomic, Set<Attr> attrs, boolean decryptFails,
			StepLog log) {
		boolean v7 = m.facts.profile() == Profile.SERIES_V7;
		if (v7) {
			if (attrs.contains(Attr.CC_SHARED) || attrs.contains(Attr.ALLOC_CC_SHARED)) {
				log.rule("§4.5 series-v7", "dma_alloc_attrs (caller passed CC_SHARED / __DMA_ATTR_ALLOC_CC_SHARED)");
				return new Outcome.Null("allocation attributes are internal");
			}
			if (m.fdu(d)) {
				attrs.add(Attr.ALLOC_CC_SHARED);
				log.rule("§4.5 series-v7", "dma_alloc_attrs (FDU: attrs |= __DMA_ATTR_ALLOC_CC_SHARED)");
			}
		} else if (attrs.contains(Attr.ALLOC_CC_SHARED)) {
			attrs.remove(Attr.ALLOC_CC_SHARED);
			log.note("__DMA_ATTR_ALLOC_CC_SHARED exists only in series-v7: ignored");
		}
		Machine.CoherentArea area = m.coherentPools.get(d);
		if (area != null) {
			long phys = area.alloc(size);
			if (phys >= 0) {
				b.chunks.add(new Buf.Chunk(phys, Layout.pageAlign(size)));
				b.source = Buf.Source.COHERENT_POOL;
				b.device = d;
				long h = Encodings.rawPhysToDma(d, phys);
				b.handle = h;
				b.handleEncoding = Encoding.RAW;
				m.memory.put(phys, phys + Layout.pageAlign(size), 0L);
				log.note("per-device coherent pool: CC behaviour not verified (§3); memory not converted");
				log.rule("§4.5", "dma_alloc_from_dev_coherent (" + area.name + ")");
				return new Outcome.Allocated(phys, Layout.pageAlign(size), "coherent pool " + area.name, h, Encoding.RAW);
			}
			log.note("per-device coherent pool " + area.name + " full: falling back");
		}
		boolean direct = MapRouter.mapDirect(m, d, PlatformFacts.coherentMask(d));
		if (!direct) {
			return nonDirectAlloc(m, b, d, size, log, "dma_alloc_attrs");
		}
		boolean dec = v7 ? attrs.contains(Attr.ALLOC_CC_SHARED) : m.fdu(d);
		return directAlloc(m, b, d, size, atomic, attrs, dec, decryptFails, log);
	}

	static Outcome nonDirectAlloc(Machine m, Buf b, Device d, long size, StepLog log, String fn) {
		long bytes = Layout.pageAlign(size);
		long phys = m.pages.alloc(PageAllocator.Zone.NORMAL, bytes);
		if (phys < 0) {
			return new Outcome.Null("out of memory");
		}
		b.chunks.add(new Buf.Chunk(phys, bytes));
		b.device = d;
		m.memory.put(phys, phys + bytes, 0L);
		if (m.facts.devicePath(d) == DmaPath.IOMMU) {
			b.source = Buf.Source.IOMMU;
			long a = MapRouter.iova(m, d, phys, bytes);
			b.handle = a;
			b.handleEncoding = Encoding.IOVA;
			log.rule("§4.5", fn + " -> iommu_dma_alloc (private pages, IOVA)");
			return new Outcome.Allocated(phys, bytes, "iommu_dma_alloc", a, Encoding.IOVA);
		}
		b.source = Buf.Source.OPS;
		b.handle = phys;
		b.handleEncoding = Encoding.RAW;
		log.rule("§4.5", fn + " -> ops->alloc (legacy dma_map_ops, not modelled)");
		return new Outcome.Allocated(phys, bytes, "ops->alloc", phys, Encoding.RAW);
	}

	/** dma_direct_use_pool = !gfpflags_allow_blocking && !is_swiotlb_for_alloc; ov-cca-da: never for accepted devices. */
	static boolean usePool(Machine m, Device d, boolean atomic) {
		if (m.facts.overlay(Overlay.CCA_DA) && m.accepted(d)) {
			return false;
		}
		return atomic && !DirectMapper.swiotlbForAlloc(m, d);
	}

	/** phys_to_dma_direct: unencrypted iff dec (ov-ms: also for externally decrypted restricted pools). */
	static long handle(Machine m, Device d, long phys, boolean unenc) {
		return unenc ? m.enc.physToDmaUnencrypted(d, phys) : m.enc.physToDmaEncrypted(d, phys);
	}

	/** dma_coherent_ok: phys_to_dma_direct(dev, phys) + size - 1 <= coherent limit. */
	static boolean coherentOk(Machine m, Device d, long phys, long size, boolean dec) {
		long a = handle(m, d, phys, dec);
		return Long.compareUnsigned(a + size - 1, PlatformFacts.coherentLimit(d)) <= 0;
	}

	static Outcome directAlloc(Machine m, Buf b, Device d, long size, boolean atomic, Set<Attr> attrs, boolean dec,
			boolean decryptFails, StepLog log) {
		String prof = m.facts.series() ? m.facts.profile().getLiteral() : "base/ccs71";
		boolean v7 = m.facts.profile() == Profile.SERIES_V7;
		boolean ms = m.facts.overlay(Overlay.MS);
		long bytes = Layout.pageAlign(size);
		boolean forAlloc = DirectMapper.swiotlbForAlloc(m, d);
		log.note("dec = " + dec + (v7 ? " (__DMA_ATTR_ALLOC_CC_SHARED)" : " (FDU: " + m.facts.fduReason(d, m.accepted(d)) + ")"));
		b.device = d;
		b.dec = dec;
		if (attrs.contains(Attr.NO_KERNEL_MAPPING) && !dec && !forAlloc) {
			long phys = zoneAlloc(m, d, bytes, false, log);
			if (phys < 0) {
				log.rule("§4.5 step 2", "dma_direct_alloc (NO_KERNEL_MAPPING)");
				return new Outcome.Null("no pages satisfy dma_coherent_ok");
			}
			b.chunks.add(new Buf.Chunk(phys, bytes));
			b.noKernelMapping = true;
			return done(m, b, d, phys, bytes, false, "pages (NO_KERNEL_MAPPING)", "§4.5 step 2", log);
		}
		boolean remap = false;
		if (!Devices.coherent(d)) {
			if (m.facts.config(ConfigSwitch.DMA_DIRECT_REMAP)) {
				remap = true;
			} else {
				m.warnOnce("coherent-not-supported", "coherent DMA allocations not supported on this platform", log);
				log.rule("§4.5 step 3", "dma_direct_alloc (non-coherent, no remap)");
				return new Outcome.Null("coherent DMA allocations not supported");
			}
		}
		if ((remap || dec) && usePool(m, d, atomic)) {
			return fromAtomicPool(m, b, d, bytes, dec, attrs.contains(Attr.NO_WARN), "§4.5 step 4", log);
		}
		long phys;
		String source;
		if (forAlloc) {
			SwiotlbPool rp = m.ioTlbMem(d).get(0);
			if (v7 && rp.ccShared() != dec) {
				log.rule("§4.5 series-v7 step 5", "swiotlb_alloc (mem->cc_shared != dec)");
				return new Outcome.Null("restricted pool " + rp.name() + " state does not match the request");
			}
			int nslots = SwiotlbPool.nrSlots(bytes);
			int slot = rp.take(nslots, bytes, true, 0);
			if (slot < 0) {
				log.rule("§4.5 step 5", "swiotlb_alloc (restricted pool " + rp.name() + " full)");
				return new Outcome.Null("restricted pool full");
			}
			phys = rp.slotAddr(slot);
			boolean unencHandle = dec || (ms && rp.ccShared());
			if (!coherentOk(m, d, phys, bytes, unencHandle)) {
				rp.release(slot, nslots);
				log.rule("§4.5 step 5", "dma_direct_alloc_swiotlb (slot not dma_coherent_ok)");
				return new Outcome.Null("restricted pool slot beyond the coherent mask");
			}
			b.source = Buf.Source.RESTRICTED_POOL;
			b.restrictedPool = rp;
			b.restrictedSlot = slot;
			b.restrictedSlots = nslots;
			source = "restricted pool " + rp.name();
			log.rule("§4.5 step 5", "__dma_direct_alloc_pages -> swiotlb_alloc");
		} else {
			phys = zoneAlloc(m, d, bytes, dec, log);
			if (phys < 0) {
				log.rule("§4.5 step 5", "__dma_direct_alloc_pages (no zone satisfies dma_coherent_ok)");
				return new Outcome.Null("no pages satisfy dma_coherent_ok");
			}
			source = "pages";
		}
		b.chunks.add(new Buf.Chunk(phys, bytes));
		if (remap) {
			b.remapped = true;
			if (dec && (ms || v7)) {
				if (!m.decrypt(phys, bytes, decryptFails, "dma_direct_alloc remap (ov-ms / series)", log)) {
					log.leaked += Layout.pages(bytes);
					log.rule("§4.5 step 7 (" + (v7 ? "series-v7" : "ov-ms") + ")", "dma_direct_alloc (remap decrypt failed: leak)");
					return new Outcome.Null("set_memory_decrypted failed (pages leaked)");
				}
			} else if (dec) {
				log.note("remap path: only the vmap alias gets pgprot_decrypted; the linear map is not converted (§4.5 step 7)");
			}
			source += " (remapped" + (dec ? ", pgprot_decrypted" : "") + ")";
		} else if (dec) {
			boolean owned = b.source != Buf.Source.RESTRICTED_POOL;
			if (!owned && (v7 || ms)) {
				log.note("restricted-pool pages are decrypted by the pool: not decrypted again (" + (v7 ? "series-v7" : "ov-ms") + ")");
			} else {
				if (!owned) {
					log.note("restricted-pool pages decrypted a second time (double decryption, §4.5 step 7, §6 inv. 5)");
				}
				if (!m.decrypt(phys, bytes, decryptFails, "dma_set_decrypted", log)) {
					log.leaked += Layout.pages(bytes);
					log.rule("§4.5 step 7", "dma_direct_alloc (dma_set_decrypted failed: out_leak_pages)");
					return new Outcome.Null("set_memory_decrypted failed (pages leaked)");
				}
			}
		} else if (decryptFails) {
			log.note("decrypt-fails has no effect: this allocation does not decrypt (dec = false)");
		}
		boolean unencHandle = dec || (ms && b.source == Buf.Source.RESTRICTED_POOL && b.restrictedPool.ccShared());
		if (ms && !dec && unencHandle) {
			log.note("ov-ms is_dma_decrypted: restricted pool is externally decrypted, handle is unencrypted");
		}
		return done(m, b, d, phys, bytes, unencHandle, source, "§4.5 step 9 (" + prof + ")", log);
	}

	private static Outcome done(Machine m, Buf b, Device d, long phys, long bytes, boolean unenc, String source, String section,
			StepLog log) {
		long h = handle(m, d, phys, unenc);
		b.handle = h;
		b.handleEncoding = unenc ? Encoding.UNENCRYPTED : Encoding.ENCRYPTED;
		m.memory.put(phys, phys + bytes, 0L);
		log.rule(section, b.kind == Buf.Kind.DMA_PAGES ? "dma_direct_alloc_pages" : "dma_direct_alloc");
		return new Outcome.Allocated(phys, bytes, source, h, b.handleEncoding);
	}

	/**
	 * __dma_direct_alloc_pages without a restricted pool: start in the zone the coherent mask asks for
	 * (dma_direct_optimal_gfp_mask), fall back to lower zones until dma_coherent_ok holds.
	 */
	static long zoneAlloc(Machine m, Device d, long bytes, boolean dec, StepLog log) {
		long limit = PlatformFacts.coherentLimit(d);
		List<PageAllocator.Zone> zones = new ArrayList<>();
		if (Long.compareUnsigned(limit, PlatformFacts.bitMask(m.facts.arch().zoneDmaBits())) <= 0) {
			zones.add(PageAllocator.Zone.DMA);
		} else if (Long.compareUnsigned(limit, PlatformFacts.bitMask(32)) <= 0) {
			zones.add(PageAllocator.Zone.DMA32);
			zones.add(PageAllocator.Zone.DMA);
		} else {
			zones.add(PageAllocator.Zone.NORMAL);
			zones.add(PageAllocator.Zone.DMA32);
			zones.add(PageAllocator.Zone.DMA);
		}
		for (PageAllocator.Zone z : zones) {
			long phys = m.pages.alloc(z, bytes);
			if (phys < 0) {
				continue;
			}
			if (coherentOk(m, d, phys, bytes, dec)) {
				if (z != zones.get(0)) {
					log.note("zone fallback to " + z + " for dma_coherent_ok");
				}
				return phys;
			}
			m.pages.free(phys, bytes);
		}
		return -1;
	}

	/** dma_guess_pool order: the gfp zone's pool first, then kernel -> dma32 -> dma. */
	static List<Zone> poolOrder(Machine m, Device d) {
		long limit = PlatformFacts.coherentLimit(d);
		if (Long.compareUnsigned(limit, PlatformFacts.bitMask(m.facts.arch().zoneDmaBits())) <= 0) {
			return List.of(Zone.DMA);
		}
		if (Long.compareUnsigned(limit, PlatformFacts.bitMask(32)) <= 0) {
			return List.of(Zone.DMA32, Zone.DMA);
		}
		return List.of(Zone.KERNEL, Zone.DMA32, Zone.DMA);
	}

	/** dma_alloc_from_pool with dma_coherent_ok, the series' state match and the 2026 messages (§4.5 step 4). */
	static Outcome fromAtomicPool(Machine m, Buf b, Device d, long bytes, boolean dec, boolean noWarn, String section,
			StepLog log) {
		if (m.atomic.isEmpty()) {
			log.warn("WARN_ON_ONCE(!IS_ENABLED(CONFIG_DMA_COHERENT_POOL))");
			log.rule(section, "dma_direct_alloc_from_pool (no CONFIG_DMA_COHERENT_POOL)");
			return new Outcome.Null("no atomic pools");
		}
		boolean found = false;
		for (Zone z : poolOrder(m, d)) {
			AtomicPool p = m.atomic.get(z);
			if (p == null) {
				continue;
			}
			if (m.facts.series() && p.unencrypted() != dec) {
				log.note(p.name() + " skipped: unencrypted=" + p.unencrypted() + " != request " + dec + " (series)");
				continue;
			}
			found = true;
			long phys = p.alloc(bytes);
			if (phys < 0) {
				continue;
			}
			if (!coherentOk(m, d, phys, bytes, dec)) {
				p.free(phys, bytes);
				continue;
			}
			b.chunks.add(new Buf.Chunk(phys, bytes));
			b.source = Buf.Source.ATOMIC_POOL;
			b.atomicPool = p;
			b.device = d;
			return done(m, b, d, phys, bytes, dec, p.name(), section, log);
		}
		if (!found) {
			log.warn("Failed to get suitable pool for " + d.getName());
		} else if (!noWarn) {
			log.warn("DMA pool exhausted for " + d.getName());
		} else {
			log.note("\"DMA pool exhausted\" suppressed by DMA_ATTR_NO_WARN (__GFP_NOWARN)");
		}
		log.rule(section, "dma_alloc_from_pool");
		return new Outcome.Null(found ? "atomic pools exhausted or beyond the coherent mask" : "no suitable atomic pool");
	}

	/** dma_alloc_pages -> dma_direct_alloc_pages (§4.6). */
	static Outcome allocPages(Machine m, Buf b, Device d, long size, boolean atomic, boolean decryptFails, StepLog log) {
		if (!MapRouter.mapDirect(m, d, PlatformFacts.coherentMask(d))) {
			return nonDirectAlloc(m, b, d, size, log, "dma_alloc_pages");
		}
		boolean v7 = m.facts.profile() == Profile.SERIES_V7;
		boolean ms = m.facts.overlay(Overlay.MS);
		boolean dec = m.fdu(d);
		long bytes = Layout.pageAlign(size);
		b.device = d;
		b.dec = dec;
		log.note("dec = FDU = " + dec + " (" + m.facts.fduReason(d, m.accepted(d)) + ")");
		if (dec && usePool(m, d, atomic)) {
			return fromAtomicPool(m, b, d, bytes, dec, false, "§4.6 step 1", log);
		}
		long phys;
		String source = "pages";
		if (DirectMapper.swiotlbForAlloc(m, d)) {
			SwiotlbPool rp = m.ioTlbMem(d).get(0);
			if (v7 && rp.ccShared() != dec) {
				log.rule("§4.6 step 2 (series-v7)", "swiotlb_alloc (mem->cc_shared != dec)");
				return new Outcome.Null("restricted pool state does not match");
			}
			int nslots = SwiotlbPool.nrSlots(bytes);
			int slot = rp.take(nslots, bytes, true, 0);
			if (slot < 0) {
				log.rule("§4.6 step 2", "swiotlb_alloc (restricted pool full)");
				return new Outcome.Null("restricted pool full");
			}
			phys = rp.slotAddr(slot);
			b.source = Buf.Source.RESTRICTED_POOL;
			b.restrictedPool = rp;
			b.restrictedSlot = slot;
			b.restrictedSlots = nslots;
			source = "restricted pool " + rp.name();
		} else {
			phys = zoneAlloc(m, d, bytes, dec, log);
			if (phys < 0) {
				log.rule("§4.6 step 2", "__dma_direct_alloc_pages (no zone satisfies dma_coherent_ok)");
				return new Outcome.Null("no pages satisfy dma_coherent_ok");
			}
		}
		b.chunks.add(new Buf.Chunk(phys, bytes));
		if (dec) {
			boolean owned = b.source != Buf.Source.RESTRICTED_POOL;
			if (!owned && (v7 || ms)) {
				log.note("restricted-pool pages are not decrypted again (" + (v7 ? "series-v7" : "ov-ms") + ")");
			} else if (!m.decrypt(phys, bytes, decryptFails, "dma_set_decrypted", log)) {
				log.leaked += Layout.pages(bytes);
				log.rule("§4.6 step 3", "dma_direct_alloc_pages (dma_set_decrypted failed: pages leaked)");
				return new Outcome.Null("set_memory_decrypted failed (pages leaked)");
			}
		}
		boolean unencHandle = dec || (ms && b.source == Buf.Source.RESTRICTED_POOL && b.restrictedPool.ccShared());
		return done(m, b, d, phys, bytes, unencHandle, source, "§4.6 step 4", log);
	}
}

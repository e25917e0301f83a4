package org.coco.dsl.semantics;

import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.coco.MmioImpliesShared;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;

/**
 * dma_direct_map_phys per profile (§4.2) with the overlays on the map path (§4.3), and the per-device
 * swiotlb predicates is_swiotlb_force_bounce / is_swiotlb_active / is_swiotlb_for_alloc.
 */
final class DirectMapper {
	private DirectMapper() {
	}

	/** is_swiotlb_force_bounce(dev), with ov-tdi-rfc / ov-sev-tio exempting accepted devices (§4.3). */
	static boolean forceBounce(Machine m, Device d, StepLog log) {
		boolean accepted = m.accepted(d);
		boolean base = m.hasRestrictedPool(d) || (m.facts.swiotlbForced() && !m.defaultMem.isEmpty());
		if (accepted && base && (m.facts.overlay(Overlay.TDI_RFC) || m.facts.overlay(Overlay.SEV_TIO))) {
			log.rule("§4.3 ov-tdi-rfc/ov-sev-tio", "is_swiotlb_force_bounce (accepted device: false)");
			if (m.facts.overlay(Overlay.TDI_RFC)) {
				m.warnOnce("tio-disable-swiotlb", d.getName() + ": (TIO) Disable SWIOTLB", log);
			}
			return false;
		}
		return base;
	}

	/** is_swiotlb_active(dev) = mem && mem->nslabs; ov-cca-da: false for accepted devices (§4.3). */
	static boolean swiotlbActive(Machine m, Device d) {
		if (m.facts.overlay(Overlay.CCA_DA) && m.accepted(d)) {
			return false;
		}
		for (SwiotlbPool p : m.ioTlbMem(d)) {
			if (p.nslabs() > 0) {
				return true;
			}
		}
		return false;
	}

	/** is_swiotlb_for_alloc(dev): restricted pools only; ov-cca-da: false for accepted devices. */
	static boolean swiotlbForAlloc(Machine m, Device d) {
		if (m.facts.overlay(Overlay.CCA_DA) && m.accepted(d)) {
			return false;
		}
		return m.hasRestrictedPool(d);
	}

	/** dma_capable(dev, a, size, is_ram[, attrs]) (§0.2); series-v7 first refuses !CC_SHARED on FDU devices. */
	static boolean capable(Machine m, Device d, long a, long size, Set<Attr> attrs, boolean withAttrs) {
		if (withAttrs && !attrs.contains(Attr.CC_SHARED) && m.fdu(d)) {
			return false;
		}
		long limit = PlatformFacts.streamingLimit(d);
		return Long.compareUnsigned(a + size - 1, limit) <= 0;
	}

	/** err_overflow: dev_WARN_ONCE only when the mask is at least 32 bits or a bus limit is set. */
	static Outcome overflow(Machine m, Device d, long a, long size, String section, StepLog log) {
		long mask = PlatformFacts.dmaMask(d);
		if (Long.compareUnsigned(mask, PlatformFacts.bitMask(32)) >= 0 || d.getBusLimit() != 0) {
			long busLimit = d.getBusLimit();
			m.warnOnce("dma-direct-overflow", () -> "DMA addr " + Hex.pad(a) + "+" + size + " overflow (mask " + Hex.llx(mask)
					+ ", bus limit " + Hex.llx(busLimit) + ").", log);
		} else {
			log.note("no WARN: mask below 32 bits and no bus limit (err_overflow condition)");
		}
		log.rule(section, "dma_direct_map_phys (dma_capable failed)");
		return new Outcome.Error("DMA addr " + Hex.of(a) + "+" + size + " beyond limit " + Hex.of(PlatformFacts.streamingLimit(d)));
	}

	/** phys_to_dma: enc(__phys_to_dma), except ov-sev-tio accepted devices (no C-bit; IOMMU applies the key). */
	static long physToDma(Machine m, Device d, long phys, StepLog log) {
		if (m.facts.overlay(Overlay.SEV_TIO) && m.accepted(d) && m.facts.hasCBit() && m.facts.isGuest()) {
			log.note("ov-sev-tio: phys_to_dma of an accepted device has no C-bit (the IOMMU applies the key); "
					+ "encoding reported as encrypted (private alias)");
			return Encodings.rawPhysToDma(d, phys);
		}
		return m.enc.physToDmaEncrypted(d, phys);
	}

	/** "§4.2 series-v7 step 1" .. "step 6", made once: a map step cites one of them. */
	private static final String[][] SECTIONS = { sections("series-v6"), sections("series-v7") };

	private static String[] sections(String prof) {
		String[] out = new String[7];
		for (int i = 1; i < out.length; i++) {
			out[i] = "§4.2 " + prof + " step " + i;
		}
		return out;
	}

	private static String section(String prof, int step) {
		return SECTIONS[prof.equals("series-v7") ? 1 : 0][step];
	}

	static MapOut map(Machine m, Device d, long phys, long size, Direction dir, Set<Attr> attrs, StepLog log) {
		Profile p = m.facts.profile();
		return switch (p) {
		case BASE -> base(m, d, phys, size, dir, attrs, log);
		case CCS71 -> ccs71(m, d, phys, size, dir, attrs, log);
		case SERIES_V6, SERIES_V7 -> series(m, d, phys, size, dir, attrs, log, p == Profile.SERIES_V7 ? "series-v7" : "series-v6");
		};
	}

	private static MapOut direct(Machine m, Device d, long a, long phys, long size, Encoding e, Set<Attr> attrs,
			boolean sync, String section, StepLog log) {
		if (sync && !Devices.coherent(d) && !attrs.contains(Attr.SKIP_CPU_SYNC)) {
			log.note("arch_sync_dma_for_device (non-coherent device)");
		}
		log.rule(section, "dma_direct_map_phys");
		Mapping.Segment s = new Mapping.Segment(phys, size);
		s.via = Mapping.Via.DIRECT;
		s.dma = a;
		s.encoding = e;
		return new MapOut(new Outcome.Direct(a, e), s);
	}

	private static MapOut base(Machine m, Device d, long phys, long size, Direction dir, Set<Attr> attrs, StepLog log) {
		boolean mmio = attrs.contains(Attr.MMIO);
		boolean reqCoh = attrs.contains(Attr.REQUIRE_COHERENT);
		if (forceBounce(m, d, log)) {
			if (mmio || reqCoh) {
				log.rule("§4.2 base step 1", "dma_direct_map_phys (force bounce, " + (mmio ? "MMIO" : "REQUIRE_COHERENT") + ")");
				return MapOut.fail(new Outcome.Error((mmio ? "MMIO" : "REQUIRE_COHERENT") + " on a force-bounced device"));
			}
			log.rule("§4.2 base step 1", "is_swiotlb_force_bounce");
			return Swiotlb.map(m, d, phys, size, dir, attrs, log);
		}
		if (mmio) {
			long a = phys;
			if (!capable(m, d, a, size, attrs, false)) {
				return MapOut.fail(overflow(m, d, a, size, "§4.2 base step 2", log));
			}
			return direct(m, d, a, phys, size, Encoding.RAW, attrs, false, "§4.2 base step 2", log);
		}
		long a = physToDma(m, d, phys, log);
		if (!capable(m, d, a, size, attrs, false)) {
			if (swiotlbActive(m, d) && !reqCoh) {
				log.rule("§4.2 base step 3", "dma_capable failed, is_swiotlb_active");
				return Swiotlb.map(m, d, phys, size, dir, attrs, log);
			}
			return MapOut.fail(overflow(m, d, a, size, "§4.2 base step 3", log));
		}
		return direct(m, d, a, phys, size, Encoding.ENCRYPTED, attrs, true, "§4.2 base step 4", log);
	}

	private static MapOut ccs71(Machine m, Device d, long phys, long size, Direction dir, Set<Attr> attrs, StepLog log) {
		boolean mmio = attrs.contains(Attr.MMIO);
		boolean reqCoh = attrs.contains(Attr.REQUIRE_COHERENT);
		boolean shared = attrs.contains(Attr.CC_SHARED);
		if (forceBounce(m, d, log)) {
			if (!shared) {
				if (mmio || reqCoh) {
					log.rule("§4.2 ccs71 step 1", "dma_direct_map_phys (force bounce, " + (mmio ? "MMIO" : "REQUIRE_COHERENT") + ")");
					return MapOut.fail(new Outcome.Error((mmio ? "MMIO" : "REQUIRE_COHERENT") + " on a force-bounced device"));
				}
				log.rule("§4.2 ccs71 step 1", "is_swiotlb_force_bounce");
				return Swiotlb.map(m, d, phys, size, dir, attrs, log);
			}
			log.rule("§4.2 ccs71 step 1", "CC_SHARED on a force-bounced device: no bounce");
		} else if (shared) {
			log.rule("§4.2 ccs71 step 1", "dma_direct_map_phys (CC_SHARED without force bounce)");
			return MapOut.fail(new Outcome.Error("CC_SHARED on a device without force bounce"));
		}
		if (mmio) {
			long a = phys; // no shared bit, even with CC_SHARED (§4.2 ccs71 step 2)
			if (!capable(m, d, a, size, attrs, false)) {
				return MapOut.fail(overflow(m, d, a, size, "§4.2 ccs71 step 2", log));
			}
			return direct(m, d, a, phys, size, Encoding.RAW, attrs, false, "§4.2 ccs71 step 2", log);
		}
		if (shared) {
			long a = m.enc.physToDmaUnencrypted(d, phys);
			if (!capable(m, d, a, size, attrs, false)) {
				return MapOut.fail(overflow(m, d, a, size, "§4.2 ccs71 step 3", log));
			}
			return direct(m, d, a, phys, size, Encoding.UNENCRYPTED, attrs, true, "§4.2 ccs71 step 3", log);
		}
		long a = physToDma(m, d, phys, log);
		if (!capable(m, d, a, size, attrs, false)) {
			if (swiotlbActive(m, d) && !reqCoh) {
				log.rule("§4.2 ccs71 step 4", "dma_capable failed, is_swiotlb_active");
				return Swiotlb.map(m, d, phys, size, dir, attrs, log);
			}
			return MapOut.fail(overflow(m, d, a, size, "§4.2 ccs71 step 4", log));
		}
		return direct(m, d, a, phys, size, Encoding.ENCRYPTED, attrs, true, "§4.2 ccs71 step 4", log);
	}

	private static MapOut series(Machine m, Device d, long phys, long size, Direction dir, Set<Attr> attrs, StepLog log,
			String prof) {
		boolean mmio = attrs.contains(Attr.MMIO);
		boolean reqCoh = attrs.contains(Attr.REQUIRE_COHERENT);
		if (mmio && !attrs.contains(Attr.CC_SHARED)) {
			MmioImpliesShared mis = m.params.mmioImpliesShared();
			boolean implied = switch (mis) {
			case FDU -> m.fdu(d);
			case FDU_OR_HOST -> m.fdu(d) || m.facts.has(CcAttr.HOST_MEM_ENCRYPT);
			case NEVER -> false;
			};
			if (implied) {
				attrs.add(Attr.CC_SHARED);
				log.rule(section(prof, 1), "MMIO implies CC_SHARED (mmio_implies_shared=" + mis.getLiteral() + ")");
			}
		}
		boolean shared = attrs.contains(Attr.CC_SHARED);
		if (forceBounce(m, d, log)) {
			if (mmio || reqCoh) {
				log.rule(section(prof, 2), "dma_direct_map_phys (force bounce, " + (mmio ? "MMIO" : "REQUIRE_COHERENT") + ")");
				return MapOut.fail(new Outcome.Error((mmio ? "MMIO" : "REQUIRE_COHERENT") + " on a force-bounced device"));
			}
			log.rule(section(prof, 2), "is_swiotlb_force_bounce");
			return Swiotlb.map(m, d, phys, size, dir, attrs, log);
		}
		long a = shared ? m.enc.physToDmaUnencrypted(d, phys) : physToDma(m, d, phys, log);
		Encoding e = shared ? Encoding.UNENCRYPTED : Encoding.ENCRYPTED;
		if (mmio) {
			if (!capable(m, d, a, size, attrs, true)) {
				return MapOut.fail(overflow(m, d, a, size, section(prof, 4), log));
			}
			return direct(m, d, a, phys, size, e, attrs, false, section(prof, 4), log);
		}
		if (!capable(m, d, a, size, attrs, true)) {
			if (swiotlbActive(m, d) && !reqCoh) {
				log.rule(section(prof, 5), !shared && m.fdu(d) ? "dma_capable failed (!CC_SHARED && FDU), is_swiotlb_active"
						: "dma_capable failed, is_swiotlb_active");
				return Swiotlb.map(m, d, phys, size, dir, attrs, log);
			}
			return MapOut.fail(overflow(m, d, a, size, section(prof, 5), log));
		}
		return direct(m, d, a, phys, size, e, attrs, true, section(prof, 6), log);
	}
}

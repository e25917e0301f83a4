package org.coco.dsl.validation;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.CoherentPool;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.coco.Technology;
import org.coco.dsl.semantics.Hex;
import org.coco.dsl.semantics.PlatformFacts;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.validation.Check;

/**
 * Pools and MMIO ranges (§3, §5.1): restricted pools the kernel rejects or does not keep private,
 * overlapping ranges, pool sizes that split 2M RMP entries on SEV-SNP.
 */
public class MemoryLayoutValidator extends CocoCheck {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;
	static final long SIZE_2M = 2L << 20;
	/** The default swiotlb size when a declared default pool gives none (docs/semantics.md layout). */
	static final long DEFAULT_SWIOTLB_SIZE = 64L << 20;

	/** Private pools exist only in the series (§3: base/ccs71 decrypt every restricted pool at first attach). */
	@Check
	public void privatePoolSupported(RestrictedPool pool) {
		if (!pool.isPrivate() || !(pool.eContainer() instanceof Platform p)) {
			return;
		}
		if (PlatformUsage.configurations(p, getContext()).stream().noneMatch(PlatformFacts::series)) {
			warnAt("restricted pool " + pool.getName() + " is declared private, but profile " + p.getProfile().getLiteral()
					+ " decrypts every restricted pool at first attach (§3: private pools need series-v6/v7): make it shared",
					pool, node(pool, COCO.getRestrictedPool_Private()), IssueCodes.PRIVATE_POOL_UNSUPPORTED, "shared");
		}
	}

	@Check
	public void restrictedPoolAccepted(RestrictedPool pool) {
		flag(pool, pool.isNoMap(), COCO.getRestrictedPool_NoMap(), "no-map", "rmem_swiotlb_setup rejects 'no-map' (-EINVAL)");
		flag(pool, pool.isReusable(), COCO.getRestrictedPool_Reusable(), "reusable", "rmem_swiotlb_setup rejects 'reusable' (-EINVAL)");
		flag(pool, pool.isHighmem(), COCO.getRestrictedPool_Highmem(), "highmem",
				"rmem_swiotlb_device_init rejects a pool in highmem (-EINVAL)");
	}

	private void flag(RestrictedPool pool, boolean set, EStructuralFeature f, String word, String why) {
		if (set) {
			warnAt("restricted pool " + pool.getName() + " is never set up: " + why + " (§3); remove '" + word + "'", pool,
					node(pool, f), IssueCodes.RESTRICTED_POOL_REJECTED, word);
		}
	}

	private record Range(EObject member, String name, long base, long size, EStructuralFeature baseFeature) {
		long end() {
			return base + size;
		}
	}

	@Check
	public void rangesDoNotOverlap(Platform p) {
		List<Range> all = new ArrayList<>();
		for (PlatformMember m : p.getMembers()) {
			Range r = range(m);
			if (r != null) {
				all.add(r);
			}
		}
		// Performance (docs/performance.md): the pairwise pass below is O(n²), minutes for a fleet of
		// 100k pools; a sort by base proves in O(n log n) that nothing overlaps, the usual case.
		if (!mayOverlap(all)) {
			return;
		}
		List<Range> ranges = new ArrayList<>();
		for (Range r : all) {
			EObject m = r.member();
			for (Range earlier : ranges) {
				if (Long.compareUnsigned(r.base(), earlier.end()) < 0 && Long.compareUnsigned(earlier.base(), r.end()) < 0) {
					errorAt(r.name() + " [" + Hex.of(r.base()) + ", " + Hex.of(r.end()) + ") overlaps " + earlier.name() + " ["
							+ Hex.of(earlier.base()) + ", " + Hex.of(earlier.end()) + "): move one of them", m,
							node(m, r.baseFeature()), IssueCodes.OVERLAPPING_RANGES);
					break;
				}
			}
			ranges.add(r);
		}
	}

	/** False only if no two ranges overlap (a sweep over the ranges sorted by base); true means "check pairwise". */
	private static boolean mayOverlap(List<Range> ranges) {
		List<Range> byBase = new ArrayList<>(ranges);
		byBase.sort((a, b) -> Long.compareUnsigned(a.base(), b.base()));
		long maxEnd = 0;
		for (int i = 0; i < byBase.size(); i++) {
			Range r = byBase.get(i);
			if (Long.compareUnsigned(r.end(), r.base()) < 0) {
				return true; // wraps past 2^64: the pairwise pass decides
			}
			if (i > 0 && Long.compareUnsigned(r.base(), maxEnd) < 0) {
				return true;
			}
			if (i == 0 || Long.compareUnsigned(r.end(), maxEnd) > 0) {
				maxEnd = r.end();
			}
		}
		return false;
	}

	private Range range(PlatformMember m) {
		if (m instanceof SwiotlbPool s && node(s, COCO.getSwiotlbPool_Base()) != null) {
			long size = node(s, COCO.getPool_Size()) != null ? s.getSize() : DEFAULT_SWIOTLB_SIZE;
			return new Range(s, "pool " + s.getName(), s.getBase(), size, COCO.getSwiotlbPool_Base());
		}
		if (m instanceof RestrictedPool r && node(r, COCO.getRestrictedPool_Base()) != null) {
			return new Range(r, "pool " + r.getName(), r.getBase(), r.getSize(), COCO.getRestrictedPool_Base());
		}
		if (m instanceof CoherentPool c && node(c, COCO.getCoherentPool_Base()) != null) {
			return new Range(c, "pool " + c.getName(), c.getBase(), c.getSize(), COCO.getCoherentPool_Base());
		}
		if (m instanceof Mmio mm) {
			return new Range(mm, "mmio " + mm.getName(), mm.getBase(), mm.getSize(), COCO.getMmio_Base());
		}
		return null;
	}

	/** §5.1: shared DMA memory should come in 2 MiB-aligned chunks, or converting it splits 2M RMP entries. */
	@Check
	public void poolSizeIs2MAlignedOnSnp(Platform p) {
		if (p.getTechnology() != Technology.SEV_SNP) {
			return;
		}
		for (PlatformMember m : p.getMembers()) {
			EStructuralFeature f = m instanceof SwiotlbPool ? COCO.getPool_Size()
					: m instanceof RestrictedPool ? COCO.getPool_Size()
							: m instanceof CoherentPool ? COCO.getPool_Size() : null;
			long value = f == null ? 0 : (Long) m.eGet(f);
			// where the size is written is looked up only for a size that is off (a walk over the pool's text)
			INode size = value % SIZE_2M == 0 ? null : node(m, f);
			if (size != null) {
				long rounded = (value + SIZE_2M - 1) / SIZE_2M * SIZE_2M;
				warnAt("pool size " + Hex.size(value) + " is not a multiple of 2M: converting it to shared splits 2M RMP "
						+ "entries on SEV-SNP (§5.1): use " + Hex.size(rounded), m, size, IssueCodes.POOL_NOT_2M_ALIGNED,
						Hex.size(rounded));
			}
		}
	}
}

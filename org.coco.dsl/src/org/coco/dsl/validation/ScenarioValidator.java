package org.coco.dsl.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.CoherentAlloc;
import org.coco.dsl.coco.ConvertOp;
import org.coco.dsl.coco.ConvertStep;
import org.coco.dsl.coco.DmaPath;
import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.HeapAlloc;
import org.coco.dsl.coco.HeapKind;
import org.coco.dsl.coco.MapKind;
import org.coco.dsl.coco.MapSource;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.PageAlloc;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.SyncStep;
import org.coco.dsl.coco.UnmapStep;
import org.coco.dsl.semantics.PlatformFacts;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.validation.Check;

/**
 * Scenario steps read in order, without running them: buffers used after `free`, unmaps of what was
 * never mapped, DMA attributes that do not fit the memory (CC_SHARED on private memory, missing on
 * memory the caller decrypted, MMIO on page memory), the device's path (CC_SHARED is direct-only) or
 * the call (dma_alloc_coherent attributes), and the deprecated seed names.
 */
public class ScenarioValidator extends CocoCheck {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	/** Where each buffer was freed / unmapped, and which page buffers the caller decrypted. */
	private static final class Flow {
		final Map<Buffer, Step> freed = new HashMap<>();
		final Map<Buffer, Step> unmapped = new HashMap<>();
		final Set<Buffer> decrypted = new HashSet<>();
	}

	@Check
	public void stepsInOrder(Scenario s) {
		Platform p = s.getPlatform();
		PlatformFacts facts = p == null || p.eIsProxy() ? null : PlatformUsage.scenarioFacts(p, s);
		Flow flow = new Flow();
		for (Step step : s.getSteps()) {
			useAfterFree(step, flow);
			if (step instanceof FreeStep f && f.getBuffer() != null && !f.getBuffer().eIsProxy()) {
				flow.freed.putIfAbsent(f.getBuffer(), step);
			}
			if (step instanceof UnmapStep u) {
				mappingRef(step, u.getMapping(), COCO.getUnmapStep_Mapping(), flow);
				if (u.getMapping() != null) {
					flow.unmapped.putIfAbsent(u.getMapping(), step);
				}
			}
			if (step instanceof SyncStep sy) {
				mappingRef(step, sy.getMapping(), COCO.getSyncStep_Mapping(), flow);
			}
			if (step instanceof ConvertStep c && c.getBuffer() != null && !c.isFail()) {
				if (c.getOp() == ConvertOp.DECRYPT) {
					flow.decrypted.add(c.getBuffer());
				} else {
					flow.decrypted.remove(c.getBuffer());
				}
			}
			if (step instanceof MapStep m) {
				deprecatedAttrs(m, m.getAttrs(), COCO.getMapStep_Attrs());
				if (facts != null) {
					mapAttributes(m, facts, flow);
				}
			}
			if (step instanceof UnmapStep u) {
				deprecatedAttrs(u, u.getAttrs(), COCO.getUnmapStep_Attrs());
			}
			if (step instanceof AllocStep a && a.getSource() instanceof CoherentAlloc c) {
				deprecatedAttrs(c, c.getAttrs(), COCO.getCoherentAlloc_Attrs());
				if (facts != null) {
					allocAttributes(a, c, facts);
				}
			}
			if (step instanceof AllocStep a && a.getSource() instanceof HeapAlloc h && h.getHeap() == HeapKind.SYSTEM_CC_DECRYPTED) {
				warnAt("system_cc_decrypted is the seed name of the heap (§0.1 ccs71: renamed in v5): use system_cc_shared", h,
						node(h, COCO.getHeapAlloc_Heap()), IssueCodes.DEPRECATED_HEAP_NAME, HeapKind.SYSTEM_CC_SHARED.getLiteral());
			}
		}
	}

	/** Every buffer reference of a step, checked against the buffers freed before it. */
	private void useAfterFree(Step step, Flow flow) {
		for (EObject o : withContents(step)) {
			for (EReference r : o.eClass().getEAllReferences()) {
				if (r.isContainment() || r.isMany() || !(o.eGet(r, false) instanceof EObject target) || target.eIsProxy()) {
					continue;
				}
				if (target instanceof Buffer b && flow.freed.containsKey(b)) {
					errorAt("buffer " + b.getName() + " is used after it was freed (line " + line(flow.freed.get(b))
							+ "): use it before the free, or allocate it again", o, node(o, r), IssueCodes.USE_AFTER_FREE);
				}
			}
		}
	}

	private static List<EObject> withContents(Step step) {
		List<EObject> all = new java.util.ArrayList<>();
		all.add(step);
		step.eAllContents().forEachRemaining(all::add);
		return all;
	}

	private void mappingRef(Step step, Buffer m, EStructuralFeature f, Flow flow) {
		if (m == null || m.eIsProxy()) {
			return;
		}
		String op = step instanceof UnmapStep ? "unmap" : "sync";
		if (!(m.eContainer() instanceof MapStep)) {
			errorAt(m.getName() + " is an allocation, never mapped: " + op + " takes the name of a mapping (m = map "
					+ m.getName() + " -> <device> ...; " + op + " m)", step, node(step, f), IssueCodes.UNMAP_NOT_MAPPED);
		} else if (flow.unmapped.containsKey(m)) {
			errorAt("mapping " + m.getName() + " was already unmapped (line " + line(flow.unmapped.get(m)) + "): map it again first",
					step, node(step, f), IssueCodes.UNMAP_NOT_MAPPED);
		}
	}

	private static int line(EObject o) {
		INode n = whole(o);
		return n == null ? 0 : n.getStartLine();
	}

	private void deprecatedAttrs(EObject o, List<Attr> attrs, EStructuralFeature f) {
		for (int i = 0; i < attrs.size(); i++) {
			if (attrs.get(i) == Attr.CC_DECRYPTED) {
				warnAt("CC_DECRYPTED is the seed name of DMA_ATTR_CC_SHARED (§0.1 ccs71: renamed in v5): use CC_SHARED", o,
						node(o, f, i), IssueCodes.DEPRECATED_ATTRIBUTE, Attr.CC_SHARED.getLiteral());
			}
		}
	}

	private static boolean ccShared(Attr a) {
		return a == Attr.CC_SHARED || a == Attr.CC_DECRYPTED;
	}

	/** Static page state of a map target: TRUE shared, FALSE private, null when it depends on the run. */
	private static Boolean shared(MapSource src, Flow flow) {
		if (src instanceof Mmio mmio) {
			return !mmio.isPrivate();
		}
		if (src instanceof Buffer b && b.eContainer() instanceof AllocStep a) {
			if (a.getSource() instanceof PageAlloc) {
				return flow.decrypted.contains(b);
			}
			if (a.getSource() instanceof HeapAlloc h) {
				return PlatformFacts.canonical(h.getHeap()) == HeapKind.SYSTEM_CC_SHARED;
			}
		}
		return null;
	}

	private void mapAttributes(MapStep m, PlatformFacts facts, Flow flow) {
		MapSource src = m.getTarget() == null ? null : m.getTarget().getRef();
		if (src == null || src.eIsProxy()) {
			return;
		}
		boolean quiet = expectsFailure(m);
		Boolean shared = shared(src, flow);
		boolean active = facts.ccSharedKnown() && facts.conversionActive();
		for (int i = 0; i < m.getAttrs().size(); i++) {
			Attr a = m.getAttrs().get(i);
			INode at = node(m, COCO.getMapStep_Attrs(), i);
			if (ccShared(a) && active && Boolean.FALSE.equals(shared) && !quiet) {
				warnAt("CC_SHARED on " + name(src) + ", which is private here: the device would be given the shared alias of "
						+ "private memory (§6 invariant 1: callers must be honest about CC_SHARED); remove CC_SHARED or "
						+ "set_memory_decrypted it first", m, at, IssueCodes.CC_SHARED_ON_PRIVATE, a.getLiteral());
			}
			if (ccShared(a) && facts.ccSharedKnown() && m.getDevice() != null && !m.getDevice().eIsProxy()
					&& facts.devicePath(m.getDevice()) != DmaPath.DIRECT && !quiet) {
				warnAt("CC_SHARED only works on the direct path, and " + m.getDevice().getName() + " is on the "
						+ facts.devicePath(m.getDevice()).getLiteral() + " path: dma_map_phys returns DMA_MAPPING_ERROR, the sg "
						+ "path ignores it (§4.1 step 2, §6 invariant 11); remove CC_SHARED", m, at,
						IssueCodes.CC_SHARED_NOT_DIRECT, a.getLiteral());
			}
			if (a == Attr.MMIO && src instanceof Buffer && m.getKind() != MapKind.PHYS && !quiet) {
				errorAt("MMIO on page memory " + name(src) + ": dma_map_page_attrs refuses DMA_ATTR_MMIO (§4.1); remove MMIO, "
						+ "or map an mmio region with map resource", m, at, IssueCodes.MMIO_ON_PAGE_BUFFER, a.getLiteral());
			}
		}
		boolean hasShared = m.getAttrs().stream().anyMatch(ScenarioValidator::ccShared);
		if (!hasShared && active && facts.isGuest() && Boolean.TRUE.equals(shared) && src instanceof Buffer b
				&& b.eContainer() instanceof AllocStep a && a.getSource() instanceof PageAlloc && !quiet) {
			INode last = m.getAttrs().isEmpty() ? node(m, COCO.getMapStep_Direction())
					: node(m, COCO.getMapStep_Attrs(), m.getAttrs().size() - 1);
			String insert = m.getAttrs().isEmpty() ? " attrs CC_SHARED" : " | CC_SHARED";
			warnAt(b.getName() + " was decrypted with set_memory_decrypted, but the map does not say CC_SHARED: the kernel "
					+ "treats it as private and bounces it (§4.2 ccs71 step 1, series step 5); add CC_SHARED", m,
					node(m.getTarget(), COCO.getMapTarget_Ref()), IssueCodes.CC_SHARED_MISSING,
					Integer.toString(last == null ? 0 : last.getEndOffset()), insert);
		}
	}

	private static String name(MapSource src) {
		return src instanceof Buffer b ? "buffer " + b.getName() : "mmio " + ((Mmio) src).getName();
	}

	/** §4.5: series-v7 returns NULL for CC_SHARED / __ALLOC_CC_SHARED; earlier profiles ignore them. */
	private void allocAttributes(AllocStep step, CoherentAlloc c, PlatformFacts facts) {
		for (int i = 0; i < c.getAttrs().size(); i++) {
			Attr a = c.getAttrs().get(i);
			if (!ccShared(a) && a != Attr.ALLOC_CC_SHARED) {
				continue;
			}
			INode at = node(c, COCO.getCoherentAlloc_Attrs(), i);
			if (facts.profile() == Profile.SERIES_V7) {
				if (!expectsFailure(step)) {
					errorAt("dma_alloc_coherent with " + a.getLiteral() + " returns NULL in series-v7 (§4.5, §6 invariant 12: "
							+ "callers never pass it; the core tags FDU allocations itself): remove it", c, at,
							IssueCodes.ALLOC_ATTR_REJECTED, a.getLiteral());
				}
			} else {
				warnAt("dma_alloc_coherent ignores " + a.getLiteral() + " in profile " + facts.profile().getLiteral()
						+ " (§4.5: the allocation is decrypted by FDU, not by the caller): remove it", c, at,
						IssueCodes.ALLOC_ATTR_REJECTED, a.getLiteral());
			}
		}
	}
}

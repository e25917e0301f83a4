package org.coco.dsl.validation;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.DmaPath;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.coco.Technology;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.semantics.Hex;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.semantics.RmpRule;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;

/**
 * A device against its platform: the §5.1 RMP size rule, masks that cannot reach the shared alias or
 * the pool the device bounces through (§4.4 step 6), TDISP where there is no guest TSM (§2.2), and a
 * T=1 device bound to a shared restricted pool (§6 invariant 8).
 */
public class DeviceValidator extends CocoCheck {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	@Check
	public void iommuLeafMatchesRmp(Device d) {
		if (!(d.eContainer() instanceof Platform p) || p.getTechnology() != Technology.SEV_SNP) {
			return;
		}
		// node() keeps its answer for the run: the platform's whole text is walked once, not per device;
		// a device's own text only when the rule fails
		INode rmp = node(p, COCO.getPlatform_RmpPageSize());
		if (rmp == null || RmpRule.ok(d.getIommuLeaf(), p.getRmpPageSize())) {
			return;
		}
		INode leaf = node(d, COCO.getDevice_IommuLeaf());
		if (leaf == null) {
			return;
		}
		long cls = RmpRule.sizeClass(d.getIommuLeaf());
		// data: the leaf that matches the RMP, and the RMP page that matches the leaf (with where it is written)
		errorAt("device " + d.getName() + ": " + RmpRule.explain(d.getIommuLeaf(), p.getRmpPageSize())
				+ " (§5.1, §6 invariant 14): set iommu-leaf " + Hex.size(p.getRmpPageSize()) + " or rmp-page " + Hex.size(cls),
				d, leaf, IssueCodes.RMP_LEAF_MISMATCH, Hex.size(p.getRmpPageSize()), Hex.size(cls),
				Integer.toString(rmp.getOffset()), Integer.toString(rmp.getLength()));
	}

	/** Where to point at a device's addressing: its dma-mask if written, else its name. */
	private INode maskNode(Device d) {
		INode mask = NodeModelUtils.getNode(d.getDmaMask());
		return mask != null ? mask : node(d, d.eClass().getEStructuralFeature("name"));
	}

	@Check
	public void maskReachesSharedAlias(Device d) {
		if (!(d.eContainer() instanceof Platform p) || p.getTechnology() != Technology.CCA_REALM) {
			return;
		}
		PlatformFacts f = PlatformFacts.of(p);
		long shared = f.protNsShared();
		if (shared != 0 && f.fdu(d) && f.devicePath(d) == DmaPath.DIRECT
				&& Long.compareUnsigned(PlatformFacts.streamingLimit(d), shared) < 0) {
			warnAt("device " + d.getName() + " is T=0 in a realm, so every shared DMA address carries PROT_NS_SHARED "
					+ Hex.of(shared) + " (bit " + (f.ipaBits() - 1) + "), above its limit " + Hex.of(PlatformFacts.streamingLimit(d))
					+ ": every bounce fails \"swiotlb addr ... overflow\" (§4.4 step 6, §5.2); widen dma-mask to at least "
					+ f.ipaBits() + " bits", d, maskNode(d), IssueCodes.MASK_CANNOT_REACH_SHARED);
		}
	}

	@Check
	public void maskReachesPool(Device d) {
		if (!(d.eContainer() instanceof Platform p)) {
			return;
		}
		PlatformFacts f = PlatformFacts.of(p);
		long limit = PlatformFacts.streamingLimit(d);
		RestrictedPool rp = d.getRestrictedPool();
		if (rp != null && !rp.eIsProxy() && node(rp, COCO.getRestrictedPool_Base()) != null) {
			long last = rp.getBase() + rp.getSize() - 1;
			if (Long.compareUnsigned(last, limit) > 0) {
				warnAt("device " + d.getName() + " cannot reach its restricted pool " + rp.getName() + " (ends at " + Hex.of(last)
						+ ", limit " + Hex.of(limit) + "): every bounce fails (§4.4 step 6, §6 invariant 9); move the pool below the limit or widen dma-mask",
						d, maskNode(d), IssueCodes.MASK_CANNOT_REACH_POOL);
			}
			return;
		}
		SwiotlbPool def = defaultPool(p, f);
		if (def != null && node(def, COCO.getSwiotlbPool_Base()) != null && f.fdu(d) && f.devicePath(d) == DmaPath.DIRECT) {
			long size = node(def, COCO.getPool_Size()) != null ? def.getSize() : MemoryLayoutValidator.DEFAULT_SWIOTLB_SIZE;
			long last = def.getBase() + size - 1;
			if (Long.compareUnsigned(last, limit) > 0) {
				warnAt("device " + d.getName() + " must bounce (FDU) but cannot reach the default swiotlb pool (ends at "
						+ Hex.of(last) + ", limit " + Hex.of(limit) + "): bounces may fail (§4.4 step 6, §6 invariant 9); "
						+ "move the pool below the limit or widen dma-mask", d, maskNode(d), IssueCodes.MASK_CANNOT_REACH_POOL);
			}
		}
	}

	/** declaredDefaultPool() walks every member: once per platform and validation run, not per device (performance). */
	private SwiotlbPool defaultPool(Platform p, PlatformFacts f) {
		java.util.Map<Object, Object> context = getContext();
		if (context == null) {
			return f.declaredDefaultPool();
		}
		return (SwiotlbPool) ((java.util.Optional<?>) context.computeIfAbsent(
				org.eclipse.xtext.util.Tuples.pair("coco.defaultPool", p),
				k -> java.util.Optional.ofNullable(f.declaredDefaultPool()))).orElse(null);
	}

	private static boolean guestTsm(PlatformFacts f) {
		return f.isGuest() && (f.overlay(Overlay.DEVSEC) || f.overlay(Overlay.TDI_RFC) || f.overlay(Overlay.CCA_DA)
				|| f.overlay(Overlay.SEV_TIO));
	}

	/** On a host, `tdisp` is what host connect needs; in a guest, lock/accept need a guest TSM overlay. */
	@Check
	public void tdispHasGuestTsm(Device d) {
		if (!d.isTdisp() || !(d.eContainer() instanceof Platform p) || !PlatformFacts.of(p).isGuest()) {
			return;
		}
		if (PlatformUsage.configurations(p, getContext()).stream().noneMatch(DeviceValidator::guestTsm)) {
			warnAt("device " + d.getName() + " is TDISP, but no guest TSM overlay (ov-devsec, ov-tdi-rfc, ov-cca-da, ov-sev-tio) "
					+ "is on for " + p.getName() + ": lock/accept fail with ENXIO (§2.2); add an overlay or drop tdisp",
					d, node(d, COCO.getDevice_Tdisp()), IssueCodes.TDISP_UNSUPPORTED, addDevsec(p));
		}
	}

	/**
	 * Where the quick fix adds ov-devsec (the generic guest TSM, §0.1) and what it writes: after the last
	 * overlay of the platform, else on a line of its own after `technology`. Empty if neither is written.
	 */
	private String[] addDevsec(Platform p) {
		INode last = node(p, COCO.getTopLevel_Overlays(), p.getOverlays().size() - 1);
		if (last != null) {
			return new String[] { Integer.toString(last.getEndOffset()), ", " + Overlay.DEVSEC.getLiteral() };
		}
		INode tech = node(p, COCO.getPlatform_Technology());
		if (tech == null) {
			return new String[0];
		}
		String text = tech.getRootNode().getText();
		int lineStart = text.lastIndexOf('\n', tech.getOffset() - 1) + 1;
		int i = lineStart;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return new String[] { Integer.toString(tech.getEndOffset()),
				"\n" + text.substring(lineStart, i) + "overlays " + Overlay.DEVSEC.getLiteral() };
	}

	@Check
	public void t1DeviceNotOnSharedPool(Device d) {
		RestrictedPool rp = d.getRestrictedPool();
		if (rp == null || rp.eIsProxy() || rp.isPrivate() || !d.isAccepted() || d.getTsmState() != TsmState.RUN) {
			return;
		}
		warnAt("device " + d.getName() + " is T=1 (run, accepted) but bound to shared restricted pool " + rp.getName()
				+ ": a T=1 device never bounces through a shared pool (§6 invariant 8; series returns ERROR); make the pool private",
				d, node(d, COCO.getDevice_RestrictedPool()), IssueCodes.T1_DEVICE_SHARED_POOL);
	}
}

package org.coco.dsl.validation;

import java.util.List;

import org.coco.dsl.coco.BootOption;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.HeapKind;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Technology;
import org.coco.dsl.semantics.CcAttr;
import org.coco.dsl.semantics.PlatformFacts;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.validation.Check;

/**
 * Platform settings that cannot be what the author meant: an address-encoding parameter of another
 * technology (§0.2), a C-bit outside the address width, an overlay or setting for another technology
 * (§0.1), a heap the kernel never registers (§3, §6 inv. 7), a deprecated heap name, `swiotlb=force`
 * that ov-x86pt drops at boot (§1.2), `swiotlb=noforce` while a device must bounce.
 */
public class PlatformValidator extends CocoCheck {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	/** The technology's own address-encoding parameter (§0.2), or null if it has none. */
	public static String encodingParameter(Technology t) {
		return switch (t) {
		case SME_HOST, SEV, SEV_ES, SEV_SNP -> "c-bit";
		case CCA_REALM, PKVM -> "ipa-bits";
		case SEV_SNP_VTOM, HYPERV_TDX -> "shared-gpa-boundary";
		default -> null;
		};
	}

	@Check
	public void encodingParameterFitsTechnology(Platform p) {
		Technology t = p.getTechnology();
		String own = encodingParameter(t);
		check(p, COCO.getPlatform_CBit(), "c-bit", own, t);
		check(p, COCO.getPlatform_IpaBits(), "ipa-bits", own, t);
		check(p, COCO.getPlatform_SharedGpaBoundary(), "shared-gpa-boundary", own, t);
	}

	private void check(Platform p, EStructuralFeature f, String keyword, String own, Technology t) {
		if (node(p, f) == null || keyword.equals(own)) {
			return;
		}
		// Offer the technology's own parameter only if the platform does not give it already.
		boolean ownGiven = own != null && node(p, ownFeature(own)) != null;
		String replacement = own == null || ownGiven ? "" : own;
		String fix = replacement.isEmpty() ? "remove it" : "use " + own + " instead";
		reportSetting(true, "'" + keyword + "' does not apply to technology " + t.getLiteral() + " (its address encoding is "
				+ (own == null ? "none" : own) + ", §0.2): " + fix, p, f, IssueCodes.ENCODING_PARAMETER_MISMATCH, keyword,
				replacement);
	}

	private static EStructuralFeature ownFeature(String keyword) {
		return switch (keyword) {
		case "c-bit" -> COCO.getPlatform_CBit();
		case "ipa-bits" -> COCO.getPlatform_IpaBits();
		default -> COCO.getPlatform_SharedGpaBoundary();
		};
	}

	@Check
	public void cBitWithinAddressWidth(Platform p) {
		INode value = node(p, COCO.getPlatform_CBit());
		if (value == null || !PlatformFacts.of(p).hasCBit()) {
			return;
		}
		int width = p.getPhysBits() > 0 ? p.getPhysBits() : 64;
		if (p.getCBit() >= width) {
			errorAt("C-bit " + p.getCBit() + " is outside the physical address width (" + width
					+ " bits): sme_me_mask must be a bit inside the address, e.g. c-bit 47 or 51", p, value,
					IssueCodes.C_BIT_OUT_OF_RANGE);
		}
	}

	/** Which technologies an overlay is written for (§0.1). */
	public static boolean overlayApplies(Overlay o, Technology t) {
		return switch (o) {
		case CCA_DA, TDI_RFC -> t == Technology.CCA_REALM;
		case SEV_TIO -> t == Technology.SEV || t == Technology.SEV_ES || t == Technology.SEV_SNP;
		case PKVM -> t == Technology.PKVM;
		case X86PT -> t == Technology.SME_HOST;
		case DEVSEC -> t != Technology.NONE && t != Technology.SME_HOST;
		case MS -> true;
		};
	}

	@Check
	public void overlaysApplyToTechnology(Platform p) {
		overlays(p, p.getOverlays(), p.getTechnology());
	}

	@Check
	public void scenarioOverlaysApplyToTechnology(Scenario s) {
		if (s.getPlatform() != null && !s.getPlatform().eIsProxy()) {
			overlays(s, s.getOverlays(), s.getPlatform().getTechnology());
		}
	}

	private void overlays(EObject o, List<Overlay> list, Technology t) {
		EStructuralFeature f = o.eClass().getEStructuralFeature("overlays");
		for (int i = 0; i < list.size(); i++) {
			Overlay ov = list.get(i);
			if (!overlayApplies(ov, t)) {
				errorAt("overlay " + ov.getLiteral() + " does not apply to technology " + t.getLiteral() + " (§0.1): remove it",
						o, node(o, f, i), IssueCodes.OVERLAY_NOT_APPLICABLE, ov.getLiteral());
			}
		}
	}

	@Check
	public void settingsApplyToTechnology(Platform p) {
		Technology t = p.getTechnology();
		if (t != Technology.SEV_SNP) {
			reportSetting(false, "rmp-page only matters on SEV-SNP (§5.1), not on " + t.getLiteral() + ": remove it", p,
					COCO.getPlatform_RmpPageSize(), IssueCodes.SETTING_NOT_APPLICABLE);
		}
		if (!PlatformFacts.of(p).isGuest()) {
			reportSetting(false, "t1-shared-access only matters in a confidential guest (§2.3), not on " + t.getLiteral()
					+ ": remove it", p, COCO.getPlatform_T1SharedAccess(), IssueCodes.SETTING_NOT_APPLICABLE);
		}
	}

	@Check
	public void heapIsRegistered(Heap h) {
		if (PlatformFacts.canonical(h.getKind()) != HeapKind.SYSTEM_CC_SHARED || !(h.eContainer() instanceof Platform p)) {
			return;
		}
		List<PlatformFacts> configs = PlatformUsage.heapConfigurations(p);
		if (configs.stream().anyMatch(f -> f.heapRegisteredByKernel(h.getKind()))) {
			return;
		}
		PlatformFacts f = configs.get(0);
		String why = f.config(org.coco.dsl.coco.ConfigSwitch.HIGHMEM) ? "CONFIG_HIGHMEM is set"
				: !f.has(CcAttr.MEM_ENCRYPT) ? "cc_platform_has(MEM_ENCRYPT) is false on " + p.getTechnology().getLiteral()
						+ hint(p.getTechnology())
						: "the kernel does not register it";
		boolean hasSystem = p.getMembers().stream().anyMatch(m -> m instanceof Heap o && o.getKind() == HeapKind.SYSTEM);
		warnAt("the kernel never registers heap " + h.getKind().getLiteral() + " here: " + why
				+ " (§3, §6 invariant 7); remove it" + (hasSystem ? "" : " or use heap system"), h,
				node(h, COCO.getHeap_Kind()), IssueCodes.HEAP_NOT_REGISTERED, hasSystem ? "" : "system");
	}

	private static String hint(Technology t) {
		return switch (t) {
		case PKVM -> " without ov-pkvm";
		case S390_PV -> " before series-v6";
		default -> "";
		};
	}

	@Check
	public void heapNameIsCurrent(Heap h) {
		if (h.getKind() == HeapKind.SYSTEM_CC_DECRYPTED) {
			warnAt("system_cc_decrypted is the seed name of the heap (§0.1 ccs71: renamed in v5): use system_cc_shared", h,
					node(h, COCO.getHeap_Kind()), IssueCodes.DEPRECATED_HEAP_NAME, HeapKind.SYSTEM_CC_SHARED.getLiteral());
		}
	}

	@Check
	public void swiotlbForceNotIgnored(Platform p) {
		if (PlatformFacts.of(p).x86ptClearsForce()) {
			int i = p.getBoot().indexOf(BootOption.SWIOTLB_FORCE);
			warnAt("swiotlb=force is ignored at boot on an SME host with IOMMU passthrough under ov-x86pt (\"Ignoring "
					+ "swiotlb=force with host memory encryption and IOMMU passthrough\", §1.2): drop it", p,
					node(p, COCO.getPlatform_Boot(), i), IssueCodes.SWIOTLB_FORCE_IGNORED, BootOption.SWIOTLB_FORCE.getLiteral());
		}
	}

	/** `swiotlb=noforce` removes the default pool (§3): a T=0 device on the direct path then cannot bounce. */
	@Check
	public void swiotlbNotDisabledWhileNeeded(Platform p) {
		int i = p.getBoot().indexOf(BootOption.SWIOTLB_NOFORCE);
		if (i < 0) {
			return;
		}
		PlatformFacts f = PlatformFacts.of(p);
		for (PlatformMember m : p.getMembers()) {
			if (m instanceof org.coco.dsl.coco.Device d && d.getRestrictedPool() == null && f.isGuest() && f.fdu(d)
					&& f.devicePath(d) == org.coco.dsl.coco.DmaPath.DIRECT) {
				warnAt("swiotlb=noforce disables the default swiotlb pool, but device " + d.getName()
						+ " must bounce private memory (FDU, §4.2, §4.4 step 1: \"Can not allocate SWIOTLB buffer\"): drop swiotlb=noforce",
						p, node(p, COCO.getPlatform_Boot(), i), IssueCodes.SWIOTLB_DISABLED, BootOption.SWIOTLB_NOFORCE.getLiteral());
				return;
			}
		}
	}
}

package org.coco.dsl.semantics;

import java.util.EnumSet;
import java.util.Set;

import org.coco.dsl.coco.BootOption;
import org.coco.dsl.coco.ConfigSwitch;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.DmaPath;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.HeapKind;
import org.coco.dsl.coco.IommuMode;
import org.coco.dsl.coco.Mask;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.coco.T1SharedAccess;
import org.coco.dsl.coco.Technology;

/**
 * Static platform facts of §1.1 / §3 for one platform under one profile and overlay set: cc_platform_has,
 * force_dma_unencrypted, swiotlb forcing and decryption, heap registration, masks and limits. Immutable
 * and side-effect free, so the validator and the editor can call it as the interpreter does.
 */
public final class PlatformFacts {
	/** Used when the platform has no `c-bit`: a typical EPYC C-bit position. Recorded in the trace. */
	public static final int DEFAULT_C_BIT = 47;
	/** Used when a realm has no `ipa-bits`. Recorded in the trace. */
	public static final int DEFAULT_IPA_BITS = 48;

	private final Platform platform;
	private final Profile profile;
	private final Set<Overlay> overlays;
	private final Technology tech;
	private final Set<CcAttr> cc;

	private PlatformFacts(Platform platform, Profile profile, Set<Overlay> overlays) {
		this.platform = platform;
		this.profile = profile;
		this.overlays = overlays.isEmpty() ? EnumSet.noneOf(Overlay.class) : EnumSet.copyOf(overlays);
		this.tech = platform.getTechnology();
		this.cc = computeCc();
	}

	/** Facts under the platform's own profile and overlays. */
	public static PlatformFacts of(Platform platform) {
		return new PlatformFacts(platform, platform.getProfile(), Set.copyOf(platform.getOverlays()));
	}

	public static PlatformFacts of(Platform platform, Profile profile, Set<Overlay> overlays) {
		return new PlatformFacts(platform, profile, overlays);
	}

	public Platform platform() {
		return platform;
	}

	public Profile profile() {
		return profile;
	}

	public Set<Overlay> overlays() {
		return Set.copyOf(overlays);
	}

	public boolean overlay(Overlay o) {
		return overlays.contains(o);
	}

	public Technology technology() {
		return tech;
	}

	public Arch arch() {
		return Arch.of(tech);
	}

	/** ccs71, series-v6, series-v7: DMA_ATTR_CC_SHARED and the system_cc_shared heap exist. */
	public boolean ccSharedKnown() {
		return profile != Profile.BASE;
	}

	/** series-v6 / series-v7 (Aneesh's series). */
	public boolean series() {
		return profile == Profile.SERIES_V6 || profile == Profile.SERIES_V7;
	}

	// ------------------------------------------------------------------ §1.1 cc_platform_has

	private Set<CcAttr> computeCc() {
		EnumSet<CcAttr> s = EnumSet.noneOf(CcAttr.class);
		switch (tech) {
		case NONE -> {
		}
		case SME_HOST -> s.addAll(Set.of(CcAttr.MEM_ENCRYPT, CcAttr.HOST_MEM_ENCRYPT));
		case SEV -> s.addAll(Set.of(CcAttr.MEM_ENCRYPT, CcAttr.GUEST_MEM_ENCRYPT));
		case SEV_ES -> s.addAll(Set.of(CcAttr.MEM_ENCRYPT, CcAttr.GUEST_MEM_ENCRYPT, CcAttr.GUEST_STATE_ENCRYPT));
		case SEV_SNP -> s.addAll(Set.of(CcAttr.MEM_ENCRYPT, CcAttr.GUEST_MEM_ENCRYPT, CcAttr.GUEST_STATE_ENCRYPT,
				CcAttr.GUEST_SEV_SNP));
		// vTOM (amd_cc_platform_vtom) and Intel (TDX, Hyper-V TDX): GUEST_MEM_ENCRYPT and MEM_ENCRYPT
		case SEV_SNP_VTOM, TDX, HYPERV_TDX -> s.addAll(Set.of(CcAttr.MEM_ENCRYPT, CcAttr.GUEST_MEM_ENCRYPT));
		case CCA_REALM, PPC_SVM -> {
			s.add(CcAttr.MEM_ENCRYPT);
			if (profile == Profile.SERIES_V7) {
				s.add(CcAttr.GUEST_MEM_ENCRYPT); // "Mark secure guests with CC_ATTR_GUEST_MEM_ENCRYPT"
			}
		}
		case PKVM -> {
			if (overlay(Overlay.PKVM)) {
				s.add(CcAttr.MEM_ENCRYPT); // ov-pkvm: MEM_ENCRYPT only (§4.4 series-v7 note)
			}
		}
		case S390_PV -> {
			if (series()) {
				s.add(CcAttr.MEM_ENCRYPT); // v6 01/20 "Expose protected virtualization through cc_platform_has()"
			}
			if (profile == Profile.SERIES_V7) {
				s.add(CcAttr.GUEST_MEM_ENCRYPT);
			}
		}
		}
		return s;
	}

	public Set<CcAttr> ccPlatformHas() {
		return Set.copyOf(cc);
	}

	public boolean has(CcAttr a) {
		return cc.contains(a);
	}

	/** A confidential guest: private memory the host (and T=0 devices) cannot reach (§2.3). */
	public boolean isGuest() {
		return tech != Technology.NONE && tech != Technology.SME_HOST;
	}

	/** set_memory_decrypted/encrypted change something (§1.1 "what decrypt means"); no-op on non-CC. */
	public boolean conversionActive() {
		return tech != Technology.NONE;
	}

	// ------------------------------------------------------------------ §0.2 encodings inputs

	public boolean hasCBit() {
		return tech == Technology.SME_HOST || tech == Technology.SEV || tech == Technology.SEV_ES
				|| tech == Technology.SEV_SNP;
	}

	public int cBit() {
		return platform.getCBit() > 0 ? platform.getCBit() : DEFAULT_C_BIT;
	}

	/** sme_me_mask: the C-bit on SME hosts and C-bit SEV guests, else 0. */
	public long smeMeMask() {
		return hasCBit() ? 1L << cBit() : 0;
	}

	public int ipaBits() {
		return platform.getIpaBits() > 0 ? platform.getIpaBits() : DEFAULT_IPA_BITS;
	}

	/** PROT_NS_SHARED = BIT(ipa_bits-1), only in a realm. */
	public long protNsShared() {
		return tech == Technology.CCA_REALM ? 1L << (ipaBits() - 1) : 0;
	}

	/** Hyper-V vTOM shared_gpa_boundary (0 if not given). */
	public long sharedGpaBoundary() {
		return platform.getSharedGpaBoundary();
	}

	// ------------------------------------------------------------------ §2.1 device masks

	public static long bitMask(int bits) {
		return bits >= 64 ? -1L : (1L << bits) - 1;
	}

	private static long mask(Mask m, long dflt) {
		if (m == null) {
			return dflt;
		}
		return m.getBits() > 0 ? bitMask(m.getBits()) : m.getValue();
	}

	/** *dev->dma_mask; a device without `dma-mask` has the PCI / OF default DMA_BIT_MASK(32). */
	public static long dmaMask(Device d) {
		return mask(d.getDmaMask(), bitMask(32));
	}

	/** coherent_dma_mask; default DMA_BIT_MASK(32). */
	public static long coherentMask(Device d) {
		return mask(d.getCoherentMask(), bitMask(32));
	}

	static long minNotZero(long a, long b) {
		if (a == 0) {
			return b;
		}
		if (b == 0) {
			return a;
		}
		return Long.compareUnsigned(a, b) < 0 ? a : b;
	}

	/** limit(dev) = min_not_zero(*dma_mask, bus_dma_limit) (§0.2). */
	public static long streamingLimit(Device d) {
		return minNotZero(dmaMask(d), d.getBusLimit());
	}

	/** The coherent variant, min_not_zero(coherent_dma_mask, bus_dma_limit). */
	public static long coherentLimit(Device d) {
		return minNotZero(coherentMask(d), d.getBusLimit());
	}

	// ------------------------------------------------------------------ §1.1 force_dma_unencrypted

	/** FDU(dev) with the device's declared `accepted` flag. */
	public boolean fdu(Device d) {
		return fdu(d, d.isAccepted());
	}

	/**
	 * force_dma_unencrypted(dev). {@code accepted} is the guest's acceptance flag (tdi_enabled /
	 * device_cc_accepted) that the overlays key on (§0.1, §2.2).
	 */
	public boolean fdu(Device d, boolean accepted) {
		return switch (tech) {
		case NONE -> false;
		// x86 mem_encrypt.c: host test on the coherent/bus limit vs DMA_BIT_MASK(__ffs64(sme_me_mask))
		case SME_HOST -> Long.compareUnsigned(coherentLimit(d), bitMask(cBit())) <= 0;
		case SEV, SEV_ES, SEV_SNP -> !(overlay(Overlay.SEV_TIO) && accepted);
		case SEV_SNP_VTOM, TDX, HYPERV_TDX -> true;
		case CCA_REALM -> !((overlay(Overlay.TDI_RFC) || overlay(Overlay.CCA_DA)) && accepted);
		case PKVM -> overlay(Overlay.PKVM);
		case PPC_SVM, S390_PV -> true;
		};
	}

	/** Rule text for FDU, for traces. */
	public String fduReason(Device d, boolean accepted) {
		return switch (tech) {
		case NONE -> "non-CC: false";
		case SME_HOST -> "SME host: min_not_zero(coherent_dma_mask, bus_dma_limit) " + Hex.of(coherentLimit(d))
				+ (fdu(d, accepted) ? " <= " : " > ") + "DMA_BIT_MASK(" + cBit() + ")";
		case SEV, SEV_ES, SEV_SNP -> overlay(Overlay.SEV_TIO) && accepted ? "ov-sev-tio: accepted device"
				: "GUEST_MEM_ENCRYPT";
		case SEV_SNP_VTOM, TDX, HYPERV_TDX -> "GUEST_MEM_ENCRYPT";
		case CCA_REALM -> fdu(d, accepted) ? "is_realm_world()" : "accepted device (ov-tdi-rfc / ov-cca-da)";
		case PKVM -> overlay(Overlay.PKVM) ? "ov-pkvm: is_protected_kvm_guest()" : "pKVM without ov-pkvm: false";
		case PPC_SVM -> "is_secure_guest()";
		case S390_PV -> "is_prot_virt_guest()";
		};
	}

	// ------------------------------------------------------------------ §1.1 / §3 swiotlb

	public boolean boot(BootOption o) {
		return platform.getBoot().contains(o);
	}

	public boolean iommuPassthrough() {
		return platform.getIommu() == IommuMode.PASSTHROUGH || boot(BootOption.IOMMU_PT);
	}

	/** ov-x86pt: `swiotlb=force` dropped on an SME host with IOMMU passthrough (boot pr_warn). */
	public boolean x86ptClearsForce() {
		return overlay(Overlay.X86PT) && boot(BootOption.SWIOTLB_FORCE) && has(CcAttr.HOST_MEM_ENCRYPT)
				&& iommuPassthrough();
	}

	/** The arch sets SWIOTLB_FORCE for CC guests: base/ccs71 only (the series drops it, §4.2). */
	public boolean archForcesSwiotlb() {
		if (series()) {
			return false;
		}
		return switch (tech) {
		case SEV, SEV_ES, SEV_SNP, SEV_SNP_VTOM, TDX, HYPERV_TDX, CCA_REALM, PPC_SVM, S390_PV -> true;
		default -> false;
		};
	}

	/** SWIOTLB_FORCE on the default pool: `swiotlb=force` (unless ov-x86pt clears it) or the arch flag. */
	public boolean swiotlbForced() {
		if (boot(BootOption.SWIOTLB_NOFORCE)) {
			return false;
		}
		return (boot(BootOption.SWIOTLB_FORCE) && !x86ptClearsForce()) || archForcesSwiotlb();
	}

	public SwiotlbPool declaredDefaultPool() {
		for (PlatformMember m : platform.getMembers()) {
			if (m instanceof SwiotlbPool p && "default".equals(p.getName())) {
				return p;
			}
		}
		return null;
	}

	/**
	 * Whether the default swiotlb pool exists (§3: only with an addressing need, a CC platform or
	 * `swiotlb=force`; `swiotlb=noforce` disables it). A declared `pool swiotlb default` exists unless noforce.
	 */
	public boolean defaultPoolExists() {
		if (boot(BootOption.SWIOTLB_NOFORCE)) {
			return false;
		}
		if (declaredDefaultPool() != null || boot(BootOption.SWIOTLB_FORCE)) {
			return true;
		}
		if (platform.getRam() == org.coco.dsl.coco.RamLayout.ABOVE_4G) {
			return true; // pci_swiotlb_detect / arm64: memory beyond the 32-bit DMA limit
		}
		return switch (tech) {
		// x86 pci_swiotlb_detect: HOST_MEM_ENCRYPT or GUEST_MEM_ENCRYPT; realm / SVM / PV: swiotlb on
		case SME_HOST, SEV, SEV_ES, SEV_SNP, SEV_SNP_VTOM, TDX, HYPERV_TDX, CCA_REALM, PPC_SVM, S390_PV -> true;
		default -> false;
		};
	}

	/**
	 * Default pool decrypted: the arch calls swiotlb_update_mem_attributes() (x86 when MEM_ENCRYPT, realm,
	 * SVM, and s390 PV — whose base/ccs71 kernels have no cc_platform_has, yet pv_init still shares the
	 * pool, §1.1 s390 row and §3); the series' cc_shared = MEM_ENCRYPT agrees for s390 from v6 on.
	 */
	public boolean defaultPoolDecrypted() {
		return has(CcAttr.MEM_ENCRYPT) || tech == Technology.S390_PV;
	}

	/**
	 * Whether a restricted pool is decrypted at first attach: base/ccs71 unconditionally (a no-op on
	 * non-CC); series: only if MEM_ENCRYPT, and a `private` pool is left private (§3).
	 */
	public boolean restrictedPoolDecrypted(RestrictedPool p) {
		if (!conversionActive()) {
			return false;
		}
		if (series()) {
			return has(CcAttr.MEM_ENCRYPT) && !p.isPrivate();
		}
		return true;
	}

	/** rmem_swiotlb_setup rejects reusable / no-map; device init rejects highmem (§3). Null if usable. */
	public String restrictedPoolRejection(RestrictedPool p) {
		if (!config(ConfigSwitch.DMA_RESTRICTED_POOL)) {
			return "CONFIG_DMA_RESTRICTED_POOL is off";
		}
		if (p.isReusable()) {
			return "rmem_swiotlb_setup: 'reusable' is not allowed (-EINVAL)";
		}
		if (p.isNoMap()) {
			return "rmem_swiotlb_setup: 'no-map' is not allowed (-EINVAL)";
		}
		if (p.isHighmem()) {
			return "rmem_swiotlb_device_init: restricted DMA pool in highmem is not supported (-EINVAL)";
		}
		return null;
	}

	// ------------------------------------------------------------------ config switches

	/**
	 * Effective CONFIG_ switch: as listed when the platform has a `config` clause; otherwise the arch
	 * default (arm64: DMA_DIRECT_REMAP, DMA_COHERENT_POOL, DMA_RESTRICTED_POOL; x86 CC: DMA_COHERENT_POOL
	 * via AMD_MEM_ENCRYPT / TDX; declared atomic pools imply DMA_COHERENT_POOL).
	 */
	public boolean config(ConfigSwitch c) {
		if (!platform.getConfig().isEmpty()) {
			return platform.getConfig().contains(c);
		}
		return switch (c) {
		case HIGHMEM, SWIOTLB_DYNAMIC -> false;
		case DMA_DIRECT_REMAP -> arch() == Arch.ARM64;
		case DMA_RESTRICTED_POOL -> arch() == Arch.ARM64 || declaresRestrictedPool();
		case DMA_COHERENT_POOL -> arch() == Arch.ARM64 || (arch() == Arch.X86 && tech != Technology.NONE)
				|| declaresAtomicPool();
		};
	}

	private boolean declaresAtomicPool() {
		return platform.getMembers().stream().anyMatch(m -> m instanceof org.coco.dsl.coco.AtomicPool);
	}

	private boolean declaresRestrictedPool() {
		return platform.getMembers().stream().anyMatch(m -> m instanceof RestrictedPool);
	}

	// ------------------------------------------------------------------ §3 heaps

	/** The kernel's registration test for a heap kind (system_cc_decrypted is the seed alias). */
	public boolean heapRegisteredByKernel(HeapKind k) {
		return switch (k) {
		case SYSTEM -> true;
		// v5: IS_ENABLED(CONFIG_HIGHMEM) || !cc_platform_has(CC_ATTR_MEM_ENCRYPT) => skip
		case SYSTEM_CC_SHARED, SYSTEM_CC_DECRYPTED -> ccSharedKnown() && !config(ConfigSwitch.HIGHMEM)
				&& has(CcAttr.MEM_ENCRYPT);
		};
	}

	public boolean heapDeclared(HeapKind k) {
		for (PlatformMember m : platform.getMembers()) {
			if (m instanceof Heap h && canonical(h.getKind()) == canonical(k)) {
				return true;
			}
		}
		return false;
	}

	/** Available to a scenario: built (declared) and registered. */
	public boolean heapAvailable(HeapKind k) {
		return heapDeclared(k) && heapRegisteredByKernel(k);
	}

	/** system_cc_decrypted is a deprecated alias of system_cc_shared. */
	public static HeapKind canonical(HeapKind k) {
		return k == HeapKind.SYSTEM_CC_DECRYPTED ? HeapKind.SYSTEM_CC_SHARED : k;
	}

	// ------------------------------------------------------------------ §2.1 dma path

	/**
	 * The device's DMA path: its `path` if given; otherwise behind the IOMMU on a platform with a
	 * translating IOMMU (`iommu translated` without `iommu=pt`), else direct.
	 */
	public DmaPath devicePath(Device d) {
		if (d.isPathSet()) {
			return d.getPath();
		}
		if (platform.getIommu() == IommuMode.TRANSLATED && !boot(BootOption.IOMMU_PT)) {
			return DmaPath.IOMMU;
		}
		return DmaPath.DIRECT;
	}

	// ------------------------------------------------------------------ §2.3 recommendation

	/** The per-platform value §2.3 suggests for t1_shared_access (for validators / quick fixes). */
	public T1SharedAccess recommendedT1SharedAccess() {
		return switch (tech) {
		case SEV, SEV_ES, SEV_SNP -> T1SharedAccess.FORBIDDEN;
		case CCA_REALM -> T1SharedAccess.ALLOWED_IF_MAPPED;
		default -> T1SharedAccess.UNKNOWN;
		};
	}
}

package org.coco.dsl.validation;

import org.eclipse.xtext.diagnostics.Diagnostic;

/**
 * Every diagnostic coco reports has one of these stable codes. Users filter and suppress by them
 * in CI, so a code is never renamed or reused; docs/rules.md lists them all.
 */
public final class IssueCodes {
	private IssueCodes() {
	}

	private static final String PREFIX = "coco.";

	/** The text does not follow the grammar. */
	public static final String SYNTAX = PREFIX + "syntax";
	/** A name refers to nothing visible from here. */
	public static final String UNRESOLVED_REFERENCE = PREFIX + "unresolved-reference";
	/** A number does not fit (e.g. more than 64 bits) or a size/address is malformed. */
	public static final String BAD_NUMBER = PREFIX + "bad-number";
	/** A required setting is missing (a platform without `technology`). */
	public static final String MISSING_SETTING = PREFIX + "missing-setting";
	/** A setting that takes one value is given twice. */
	public static final String DUPLICATE_SETTING = PREFIX + "duplicate-setting";
	/** A diagnostic from Xtext that has no coco code (see {@link #stable(String)}). */
	public static final String OTHER = PREFIX + "other";
	/** A file cannot be read, or is not valid input. */
	public static final String UNREADABLE_INPUT = PREFIX + "unreadable-input";

	// ------------------------------------------------------------------ platform consistency

	/** c-bit / ipa-bits / shared-gpa-boundary on a technology that has no such encoding (§0.2). */
	public static final String ENCODING_PARAMETER_MISMATCH = PREFIX + "encoding-parameter-mismatch";
	/** The C-bit lies outside the physical address width (phys-bits) or above bit 63. */
	public static final String C_BIT_OUT_OF_RANGE = PREFIX + "c-bit-out-of-range";
	/** An overlay that does not apply to the platform's technology (e.g. ov-cca-da on TDX, §0.1). */
	public static final String OVERLAY_NOT_APPLICABLE = PREFIX + "overlay-not-applicable";
	/** A setting the technology ignores (rmp-page off SEV-SNP, t1-shared-access outside a guest). */
	public static final String SETTING_NOT_APPLICABLE = PREFIX + "setting-not-applicable";
	/** A system_cc_shared heap the kernel would not register in any configuration the platform is used in (§3, §6 inv. 7). */
	public static final String HEAP_NOT_REGISTERED = PREFIX + "heap-not-registered";
	/** The seed name system_cc_decrypted (renamed system_cc_shared in v5, §0.1). */
	public static final String DEPRECATED_HEAP_NAME = PREFIX + "deprecated-heap-name";
	/** The seed attribute CC_DECRYPTED (renamed CC_SHARED in v5, §0.1). */
	public static final String DEPRECATED_ATTRIBUTE = PREFIX + "deprecated-attribute";
	/** swiotlb=force on an SME host with IOMMU passthrough under ov-x86pt: ignored at boot (§1.2). */
	public static final String SWIOTLB_FORCE_IGNORED = PREFIX + "swiotlb-force-ignored";
	/** A private restricted pool on a profile that decrypts every restricted pool (base, ccs71; §3). */
	public static final String PRIVATE_POOL_UNSUPPORTED = PREFIX + "private-pool-unsupported";
	/** A restricted pool the kernel rejects: no-map, reusable, highmem (§3). */
	public static final String RESTRICTED_POOL_REJECTED = PREFIX + "restricted-pool-rejected";
	/** Two pools or MMIO ranges with explicit addresses overlap. */
	public static final String OVERLAPPING_RANGES = PREFIX + "overlapping-ranges";
	/** A pool size that is not a multiple of 2 MiB on SEV-SNP: sharing it splits 2M RMP entries (§5.1). */
	public static final String POOL_NOT_2M_ALIGNED = PREFIX + "pool-not-2m-aligned";
	/** A device's IOMMU leaf size class differs from the RMP page size: its DMA fails the RMP check (§5.1). */
	public static final String RMP_LEAF_MISMATCH = PREFIX + "rmp-leaf-mismatch";
	/** swiotlb=noforce while a device must bounce private memory (§3, §4.4 step 1). */
	public static final String SWIOTLB_DISABLED = PREFIX + "swiotlb-disabled";
	/** A T=0 realm device whose mask is below the shared alias bit PROT_NS_SHARED (§4.4 step 6, §5.2). */
	public static final String MASK_CANNOT_REACH_SHARED = PREFIX + "mask-cannot-reach-shared";
	/** A device whose mask does not reach its restricted pool or the default swiotlb pool (§4.4 step 6, §6 inv. 9). */
	public static final String MASK_CANNOT_REACH_POOL = PREFIX + "mask-cannot-reach-pool";
	/** A TDISP device where no guest TSM interface exists (technology or overlays, §2.2). */
	public static final String TDISP_UNSUPPORTED = PREFIX + "tdisp-unsupported";
	/** A device declared T=1 (run accepted) bound to a shared restricted pool (§6 inv. 8). */
	public static final String T1_DEVICE_SHARED_POOL = PREFIX + "t1-device-shared-pool";

	// ------------------------------------------------------------------ scenarios

	/** A TSM write the state machine refuses from the device's state at that step (§2.2, §6 inv. 13). */
	public static final String TSM_TRANSITION_NOT_ALLOWED = PREFIX + "tsm-transition-not-allowed";
	/** A buffer used after it was freed. */
	public static final String USE_AFTER_FREE = PREFIX + "use-after-free";
	/** unmap/sync of something that is not a mapping, or was already unmapped (§4.8). */
	public static final String UNMAP_NOT_MAPPED = PREFIX + "unmap-not-mapped";
	/** CC_SHARED on memory that is private at that step (§6 inv. 1: callers must be honest). */
	public static final String CC_SHARED_ON_PRIVATE = PREFIX + "cc-shared-on-private";
	/** A map of memory the caller decrypted, without CC_SHARED: it is treated as private (§4.2 ccs71). */
	public static final String CC_SHARED_MISSING = PREFIX + "cc-shared-missing";
	/** MMIO on a page-allocator buffer: dma_map_page_attrs refuses DMA_ATTR_MMIO (§4.1). */
	public static final String MMIO_ON_PAGE_BUFFER = PREFIX + "mmio-on-page-buffer";
	/** CC_SHARED on a device that is not on the direct path (§4.1 step 2, §6 inv. 11). */
	public static final String CC_SHARED_NOT_DIRECT = PREFIX + "cc-shared-not-direct";
	/** An attribute dma_alloc_coherent rejects or ignores under the profile (§4.5, §6 inv. 12). */
	public static final String ALLOC_ATTR_REJECTED = PREFIX + "alloc-attr-rejected";
	/** An expectation the interpreter contradicts (reported with the actual outcome and the rule). */
	public static final String EXPECTATION_CONTRADICTED = PREFIX + "expectation-contradicted";

	// ------------------------------------------------------------------ general

	/** Two platforms, two members of a platform or two scenarios with the same name. */
	public static final String DUPLICATE_NAME = PREFIX + "duplicate-name";
	/** A device, pool or heap that no scenario on the platform uses. */
	public static final String UNUSED_MEMBER = PREFIX + "unused-member";
	/** An import that names no platform or package. */
	public static final String UNRESOLVED_IMPORT = PREFIX + "unresolved-import";

	/** Every code, for docs/rules.md and its test. */
	public static java.util.List<String> all() {
		java.util.List<String> codes = new java.util.ArrayList<>();
		for (java.lang.reflect.Field f : IssueCodes.class.getFields()) {
			if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
				try {
					codes.add((String) f.get(null));
				} catch (IllegalAccessException e) {
					throw new IllegalStateException(e);
				}
			}
		}
		return codes;
	}

	/**
	 * The stable code for a diagnostic: our own codes pass through, Xtext's built-in ones (syntax,
	 * linking, value conversion) are mapped to ours.
	 */
	public static String stable(String code) {
		if (code == null) {
			return OTHER;
		}
		if (code.startsWith(PREFIX)) {
			return code;
		}
		switch (code) {
		case Diagnostic.SYNTAX_DIAGNOSTIC:
			return SYNTAX;
		case Diagnostic.LINKING_DIAGNOSTIC:
			return UNRESOLVED_REFERENCE;
		case "org.eclipse.xtext.conversion.ValueConverterException":
			return BAD_NUMBER;
		default:
			return OTHER;
		}
	}
}

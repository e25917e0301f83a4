package org.coco.dsl.semantics;

import org.coco.dsl.coco.Technology;

/** The architecture whose dma_addr_* helpers and zones apply (§0.2). */
public enum Arch {
	X86, ARM64, PPC, S390;

	public static Arch of(Technology t) {
		return switch (t) {
		case CCA_REALM, PKVM -> ARM64;
		case PPC_SVM -> PPC;
		case S390_PV -> S390;
		default -> X86;
		};
	}

	/** zone_dma_bits: the ZONE_DMA limit the coherent allocator falls back to (§4.5 step 5). */
	public int zoneDmaBits() {
		return switch (this) {
		case X86 -> 24;
		case ARM64 -> 32;
		case PPC, S390 -> 31;
		};
	}
}

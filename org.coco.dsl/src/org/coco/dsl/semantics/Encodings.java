package org.coco.dsl.semantics;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Technology;

/**
 * DMA address encodings of §0.2: enc / unenc / canon per arch, and the phys_to_dma family.
 * x86 C-bit: enc = x | sme_me_mask, unenc = x, canon = x & ~sme_me_mask. arm64 realm: enc = x,
 * unenc = x | PROT_NS_SHARED, canon = x & ~PROT_NS_SHARED. Otherwise identity (TDX, vTOM, pKVM, ppc, s390,
 * non-CC) — except that parameter vtom_device_alias=vtom_alias makes Hyper-V vTOM unenc add the boundary.
 */
public final class Encodings {
	private final long encBits;
	private final long unencBits;

	public Encodings(PlatformFacts facts, Parameters.VtomDeviceAlias vtom) {
		this.encBits = facts.smeMeMask();
		long u = facts.protNsShared();
		if (vtom == Parameters.VtomDeviceAlias.VTOM_ALIAS
				&& (facts.technology() == Technology.SEV_SNP_VTOM || facts.technology() == Technology.HYPERV_TDX)) {
			u |= facts.sharedGpaBoundary();
		}
		this.unencBits = u;
	}

	public long enc(long x) {
		return x | encBits;
	}

	public long unenc(long x) {
		return x | unencBits;
	}

	public long canon(long x) {
		return x & ~encBits & ~unencBits;
	}

	/** __phys_to_dma: the device's dma_range_map offset (`range-offset`, added; §1.1 "PA (+ range offset)"). */
	public static long rawPhysToDma(Device d, long pa) {
		return pa + d.getRangeOffset();
	}

	public long physToDmaEncrypted(Device d, long pa) {
		return enc(rawPhysToDma(d, pa));
	}

	public long physToDmaUnencrypted(Device d, long pa) {
		return unenc(rawPhysToDma(d, pa));
	}

	/** dma_to_phys: canon, then undo the range offset (§4.8). */
	public long dmaToPhys(Device d, long dma) {
		return canon(dma) - d.getRangeOffset();
	}

	public long encBits() {
		return encBits;
	}

	public long unencBits() {
		return unencBits;
	}
}

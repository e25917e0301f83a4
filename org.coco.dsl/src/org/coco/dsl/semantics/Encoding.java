package org.coco.dsl.semantics;

/**
 * Which helper produced a DMA address (§0.2): ENCRYPTED = phys_to_dma / phys_to_dma_encrypted (private
 * alias), UNENCRYPTED = phys_to_dma_unencrypted (shared alias), RAW = the physical address itself (MMIO
 * in base/ccs71), IOVA = an IOMMU virtual address.
 */
public enum Encoding {
	ENCRYPTED, UNENCRYPTED, RAW, IOVA;

	public String label() {
		return name().toLowerCase();
	}
}

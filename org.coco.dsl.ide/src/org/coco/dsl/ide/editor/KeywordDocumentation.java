package org.coco.dsl.ide.editor;

import java.util.Map;

/**
 * What a hover says about a keyword. Short, with the section of the reference semantics
 * (cc-dma-semantics.md) that defines it, so a user knows where to read on.
 */
public final class KeywordDocumentation {
	private KeywordDocumentation() {
	}

	private static final Map<String, String> DOCS = Map.ofEntries(
			Map.entry("platform", "`platform Name { settings members }`: a machine the scenarios run on: its confidential-computing technology, address bits, profile, overlays, devices and memory sources (§1-§3)."),
			Map.entry("scenario", "`scenario \"name\" on Platform { steps }`: a sequence of Linux DMA API calls on a platform; the interpreter runs it step by step and checks each `expect` (§4)."),
			Map.entry("technology", "The confidential-computing technology: non-cc, sme-host, sev, sev-es, sev-snp, sev-snp-vtom, tdx, cca-realm, pkvm, ppc-svm, s390-pv, hyperv-tdx (§1). Required."),
			Map.entry("c-bit", "The position of the AMD encryption bit (C-bit) in a physical address (§1.2)."),
			Map.entry("phys-bits", "The number of physical address bits of the guest."),
			Map.entry("ipa-bits", "Arm CCA: the number of IPA bits; the top bit selects the shared (unprotected) alias (§1.2)."),
			Map.entry("shared-gpa-boundary", "The guest physical address above which memory is shared with the host (vTOM, TDX shared bit)."),
			Map.entry("profile", "The kernel behaviour to model: base, ccs71, series-v6 or series-v7 (§4.2). A scenario may override the platform's."),
			Map.entry("overlays", "Patch series layered on the profile: ov-tdi-rfc, ov-devsec, ov-cca-da, ov-sev-tio, ov-pkvm, ov-ms, ov-x86pt (§2.2)."),
			Map.entry("mmio-implies-shared", "§4.2 series-v7 step 1 (disputed): when an MMIO mapping counts as shared: fdu, fdu-or-host, never."),
			Map.entry("iommu", "The IOMMU mode of the platform: none, translated or passthrough (§2.1)."),
			Map.entry("boot", "Kernel command line options: swiotlb=force, swiotlb=noforce, iommu=pt, mem_encrypt=on."),
			Map.entry("config", "Kernel configuration switches: HIGHMEM, SWIOTLB_DYNAMIC, DMA_RESTRICTED_POOL, DMA_DIRECT_REMAP, DMA_COHERENT_POOL."),
			Map.entry("ram", "Where RAM lies: below-4g or above-4g."),
			Map.entry("rmp-page", "The RMP page size on SEV-SNP (4K or 2M)."),
			Map.entry("t1-shared-access", "§2.3 (disputed): may a T=1 device access shared memory? unknown (the default, never guessed), forbidden, allowed-if-mapped."),
			Map.entry("device", "`device name : pci|platform { ... }`: a DMA-capable device with its masks, DMA path, coherence and TDISP state (§2.1, §2.2)."),
			Map.entry("dma-mask", "The streaming DMA mask: `dma-mask 32` is DMA_BIT_MASK(32); a hex value is the mask itself."),
			Map.entry("coherent-mask", "The coherent DMA mask (dma_set_coherent_mask)."),
			Map.entry("bus-limit", "The highest bus address the interconnect can reach (bus_dma_limit)."),
			Map.entry("range-offset", "A DMA range offset between CPU physical and bus addresses (dma-ranges)."),
			Map.entry("coherent", "The device snoops CPU caches: no cache maintenance on map/sync."),
			Map.entry("non-coherent", "The device does not snoop caches: map and sync do cache maintenance."),
			Map.entry("path", "How DMA addresses are made: direct, iommu, ops or bypass (§2.1)."),
			Map.entry("untrusted", "An untrusted (external-facing) device: the IOMMU bounces sub-page buffers."),
			Map.entry("restricted-pool", "The device's restricted DMA pool (a `pool restricted` of this platform), §3."),
			Map.entry("tdisp", "The device implements TDISP (TEE device interface); `state` gives its interface state, `accepted` whether the guest accepted it (§2.2)."),
			Map.entry("driver-bound", "A driver is bound to the device; TDISP lock is refused with EBUSY until it is unbound (§2.2)."),
			Map.entry("iommu-leaf", "The IOMMU leaf page size for this device (§2.1)."),
			Map.entry("pool", "A memory source: `pool swiotlb default|dynamic`, `pool restricted`, `pool atomic`, `pool coherent` (§3)."),
			Map.entry("swiotlb", "The bounce buffer pool (SWIOTLB): private memory a device cannot reach is copied through it (§3, §4.4)."),
			Map.entry("heap", "A dma-buf heap: system, system_cc_shared or system_cc_decrypted (§3)."),
			Map.entry("mmio", "`mmio name at addr size n [private|shared] [of device]`: an MMIO region, e.g. a device BAR, for peer-to-peer mapping."),
			Map.entry("alloc", "Allocates a buffer: `alloc pages <size>` (page allocator) or `alloc heap <kind> <size>` (dma-buf heap)."),
			Map.entry("map", "`[m =] map [single|sg|phys|resource] buf -> device <direction>`: a streaming DMA mapping (dma_map_*); the trace tells direct, bounce or fail and which rule decided (§4.2)."),
			Map.entry("unmap", "Unmaps a streaming mapping (dma_unmap_*); a bounced mapping copies back for from-device/bidirectional (§4.4)."),
			Map.entry("sync", "`sync m for-device|for-cpu`: dma_sync_* on a mapping; bounced data is copied (§4.4)."),
			Map.entry("free", "Frees a buffer through the path matching its allocation; re-encryption may fail (§4.7)."),
			Map.entry("expect", "An expectation on the step's outcome: direct, bounce, ok, error, null, leak, warn, errno, state, t0/t1. A failed expectation fails the scenario."),
			Map.entry("dma_alloc_coherent", "Allocates coherent DMA memory for a device (§4.5)."),
			Map.entry("dma_alloc_pages", "Allocates pages for DMA to a device (dma_alloc_pages, §4.5)."),
			Map.entry("bounce", "`expect bounce [via pool]`: the mapping goes through a SWIOTLB pool (§4.4)."),
			Map.entry("direct", "`expect direct [encrypted|unencrypted]`: the device reaches the buffer at its own (aliased) address (§4.2)."),
			Map.entry("check", "`check buf cpu-sees|device-sees 0x..`: the data the CPU or the device sees, to check bouncing preserves data (§4.8)."),
			Map.entry("writes", "`cpu|device writes buf 0x..`: writes a pattern into a buffer (§4.8)."),
			Map.entry("on", "The platform the scenario runs on (a platform name, qualified or imported)."),
			Map.entry("import", "Makes names from another package visible: `import lab.platforms.*`."),
			Map.entry("package", "The package of this file's platforms and scenarios; other files refer to them as package.Name."));

	/** The documentation of a keyword, or null. */
	public static String of(String keyword) {
		return DOCS.get(keyword);
	}
}

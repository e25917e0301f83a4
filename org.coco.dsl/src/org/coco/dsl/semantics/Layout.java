package org.coco.dsl.semantics;

/**
 * The deterministic physical memory layout of the model (documented in docs/semantics.md). Pools and
 * zones sit at fixed places so every address in a trace is reproducible; `at` on a pool overrides.
 */
public final class Layout {
	private Layout() {
	}

	public static final long PAGE = 4096;
	/** IO_TLB_SIZE: one swiotlb slot (§3). */
	public static final long IO_TLB_SIZE = 2048;
	/** IO_TLB_SEGSIZE: max slots of one mapping (§3: 128 slots x 2 KiB). */
	public static final int IO_TLB_SEGSIZE = 128;

	/** ZONE_DMA pages, for the coherent allocator's zone fallback (below 16 MiB). */
	public static final long ZONE_DMA_START = 0x0010_0000L, ZONE_DMA_END = 0x00C0_0000L;
	/** Atomic pools (§3): dma (below 16 MiB), dma32, kernel. */
	public static final long ATOMIC_DMA = 0x00C0_0000L, ATOMIC_DMA32 = 0x0200_0000L, ATOMIC_KERNEL = 0x0280_0000L;
	public static final long ATOMIC_DEFAULT_SIZE = 256 * 1024;
	/** Default swiotlb pool (x86 guests: low memory, §7), 64 MiB. */
	public static final long SWIOTLB_DEFAULT_BASE = 0x0400_0000L, SWIOTLB_DEFAULT_SIZE = 64L << 20;
	/** Restricted pools without `at`, one after the other (1 MiB aligned). */
	public static final long RESTRICTED_BASE = 0x0900_0000L;
	/** Per-device coherent pools without `at`. */
	public static final long COHERENT_POOL_BASE = 0x0D00_0000L;
	/** ZONE_DMA32 pages (zone fallback below 4 GiB). */
	public static final long ZONE_DMA32_START = 0x1000_0000L, ZONE_DMA32_END = 0x3800_0000L;
	/** Highmem pages (`alloc pages ... highmem` with CONFIG_HIGHMEM). */
	public static final long HIGHMEM_START = 0x3800_0000L, HIGHMEM_END = 0x4000_0000L;
	/** ZONE_NORMAL: `ram below-4g` (default) or `ram above-4g`. */
	public static final long NORMAL_LOW_START = 0x4000_0000L, NORMAL_LOW_END = 0x1_0000_0000L;
	public static final long NORMAL_HIGH_START = 0x1_0000_0000L, NORMAL_HIGH_END = 0x10_0000_0000L;
	/** IOVAs: allocated top-down below min(limit, 4 GiB) (dma-iommu prefers 32-bit IOVAs for PCI). */
	public static final long IOVA_TOP = 0x1_0000_0000L;

	public static long pageAlign(long size) {
		return (size + PAGE - 1) & ~(PAGE - 1);
	}

	public static long pages(long size) {
		return pageAlign(size) / PAGE;
	}
}

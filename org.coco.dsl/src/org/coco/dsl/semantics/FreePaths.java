package org.coco.dsl.semantics;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;

/**
 * Free paths of §4.7: dma_direct_free, dma_direct_free_pages, page-allocator frees and (via
 * {@link Heaps}) heap release. Re-encryption failures leak, with the kernel's message.
 */
final class FreePaths {
	private FreePaths() {
	}

	static final String LEAK_TEXT = "leaking DMA memory that can't be re-encrypted";

	static Outcome free(Machine m, Buf b, boolean encryptFails, StepLog log) {
		if (!b.live) {
			log.rule("§4.7", "free (buffer already freed)");
			return new Outcome.Error("buffer " + b.name + " already freed (double free)");
		}
		m.changing(b);
		b.live = false;
		return switch (b.kind) {
		case PAGES -> freePages(m, b, encryptFails, log);
		case HEAP -> Heaps.release(m, b, encryptFails, log);
		case COHERENT, DMA_PAGES -> dmaFree(m, b, encryptFails, log);
		};
	}

	private static Outcome freePages(Machine m, Buf b, boolean encryptFails, StepLog log) {
		if (encryptFails) {
			log.note("encrypt-fails has no effect: __free_pages does not convert memory");
		}
		PageState s = m.stateOf(b.phys(), b.size());
		if (s != PageState.PRIVATE) {
			log.note("pages returned to the allocator in state " + s.label() + " (the caller did not re-encrypt; §6 inv. 3)");
		}
		for (Buf.Chunk c : b.chunks) {
			m.freeToAllocator(c.phys(), c.size(), log);
		}
		log.rule("§3 page allocator", "__free_pages");
		return new Outcome.Ok("freed");
	}

	/** dma_direct_free (§4.7) / dma_direct_free_pages; dec is recomputed at free time, as the kernel does. */
	private static Outcome dmaFree(Machine m, Buf b, boolean encryptFails, StepLog log) {
		Device d = b.device;
		boolean v7 = m.facts.profile() == Profile.SERIES_V7;
		boolean ms = m.facts.overlay(Overlay.MS);
		String fn = b.kind == Buf.Kind.DMA_PAGES ? "dma_direct_free_pages" : "dma_direct_free";
		long bytes = b.size();
		long phys = b.phys();
		switch (b.source) {
		case COHERENT_POOL -> {
			m.coherentPools.get(d).free(phys, bytes);
			log.rule("§4.7", "dma_release_from_dev_coherent");
			return new Outcome.Ok("freed");
		}
		case IOMMU, OPS -> {
			m.freeToAllocator(phys, bytes, log);
			log.rule("§4.7", b.source == Buf.Source.IOMMU ? "iommu_dma_free" : "ops->free");
			return new Outcome.Ok("freed");
		}
		case ATOMIC_POOL -> {
			b.atomicPool.free(phys, bytes);
			log.rule("§4.7", fn + " -> dma_free_from_pool (never re-encrypted)");
			return new Outcome.Ok("returned to " + b.atomicPool.name());
		}
		default -> {
		}
		}
		boolean dec = m.fdu(d);
		if (dec != b.dec) {
			log.note("FDU changed since the allocation (now " + dec + "): the free path follows the current value");
		}
		boolean restrictedBacked = b.source == Buf.Source.RESTRICTED_POOL;
		if (b.noKernelMapping && !dec && !restrictedBacked) {
			m.freeToAllocator(phys, bytes, log);
			log.rule("§4.7", fn + " (NO_KERNEL_MAPPING cookie)");
			return new Outcome.Ok("freed");
		}
		boolean reencrypt;
		if (b.remapped) {
			// base/ccs71 never decrypted the linear map of remapped memory; ov-ms / series did
			reencrypt = dec && (ms || v7) && !restrictedBacked;
			log.note("vunmap of the remapped alias");
		} else {
			reencrypt = dec;
			if (dec && restrictedBacked) {
				if (v7 || ms) {
					reencrypt = false;
					log.note("swiotlb-backed pages are not re-encrypted (" + (v7 ? "series-v7" : "ov-ms") + ")");
				} else {
					log.note("base/ccs71 re-encrypts restricted-pool slots owned by the pool (§4.7, §6 inv. 4)");
				}
			}
		}
		if (reencrypt && !m.encrypt(phys, bytes, encryptFails, "dma_set_encrypted", log)) {
			log.warn(LEAK_TEXT);
			log.leaked += Layout.pages(bytes);
			if (restrictedBacked) {
				log.note("the restricted-pool slots are never released");
			}
			log.rule("§4.7", fn + " (dma_set_encrypted failed: leak)");
			return new Outcome.Leak(phys, Layout.pages(bytes));
		}
		if (!reencrypt && encryptFails) {
			log.note("encrypt-fails has no effect: this free path does not re-encrypt");
		}
		if (restrictedBacked) {
			b.restrictedPool.release(b.restrictedSlot, b.restrictedSlots);
			log.rule("§4.7", fn + " -> swiotlb_free (restricted pool slots released)");
		} else {
			m.freeToAllocator(phys, bytes, log);
			log.rule("§4.7", fn + (reencrypt ? " (re-encrypted)" : "") + " -> dma_free_contiguous");
		}
		return new Outcome.Ok("freed");
	}
}

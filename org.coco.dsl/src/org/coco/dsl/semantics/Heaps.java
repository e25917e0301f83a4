package org.coco.dsl.semantics;

import org.coco.dsl.coco.CpuMapOp;
import org.coco.dsl.coco.HeapKind;

/**
 * dma-buf heaps of §3: `system` and `system_cc_shared` (deprecated alias `system_cc_decrypted`):
 * registration, allocate (decrypt per compound page; on failure tear down the whole buffer), release
 * (re-encrypt per page, leak on failure), mmap / vmap with pgprot_decrypted.
 */
final class Heaps {
	private Heaps() {
	}

	/** The system heap's page orders: 1 MiB, 64 KiB, 4 KiB compound pages. */
	private static final java.util.List<Long> ORDER_SIZES = java.util.List.of(1L << 20, 64L << 10, 4L << 10);

	static Outcome allocate(Machine m, Buf b, HeapKind kind, long size, boolean decryptFails, StepLog log) {
		HeapKind k = PlatformFacts.canonical(kind);
		if (kind == HeapKind.SYSTEM_CC_DECRYPTED) {
			log.note("system_cc_decrypted is the deprecated (seed v2/v3) name of system_cc_shared");
		}
		if (!m.facts.heapDeclared(k)) {
			log.rule("§3 heaps", "dma_heap_add (heap not built on this platform)");
			return new Outcome.Error("heap " + k.getLiteral() + " is not declared on this platform");
		}
		if (!m.facts.heapRegisteredByKernel(k)) {
			log.rule("§3 heaps", "system_heap_create (IS_ENABLED(CONFIG_HIGHMEM) || !cc_platform_has(CC_ATTR_MEM_ENCRYPT): not registered)");
			return new Outcome.Error("heap " + k.getLiteral() + " is not registered"
					+ (m.facts.ccSharedKnown() ? "" : " (it does not exist in profile base)"));
		}
		b.heap = k;
		long remaining = Layout.pageAlign(size);
		while (remaining > 0) {
			long chunk = ORDER_SIZES.get(ORDER_SIZES.size() - 1);
			for (long s : ORDER_SIZES) {
				if (s <= remaining) {
					chunk = s;
					break;
				}
			}
			long phys = m.pages.alloc(PageAllocator.Zone.NORMAL, chunk, chunk);
			if (phys < 0) {
				phys = m.pages.alloc(PageAllocator.Zone.NORMAL, chunk);
			}
			if (phys < 0) {
				for (Buf.Chunk c : b.chunks) {
					m.pages.free(c.phys(), c.size());
				}
				return new Outcome.Failed(Errno.ENOMEM, "out of memory");
			}
			b.chunks.add(new Buf.Chunk(phys, chunk));
			remaining -= chunk;
		}
		if (k == HeapKind.SYSTEM_CC_SHARED) {
			for (int i = 0; i < b.chunks.size(); i++) {
				Buf.Chunk c = b.chunks.get(i);
				boolean fail = decryptFails && i == 0; // the injected failure hits the first compound page
				if (!m.decrypt(c.phys(), c.size(), fail, "system_heap_set_page_decrypted", log)) {
					log.warn("dma-buf system heap: failed to decrypt page at " + Hex.of(c.phys()));
					// error path: set_memory_encrypted on every page of the table, then free (leak if that fails)
					for (Buf.Chunk e : b.chunks) {
						m.encrypt(e.phys(), e.size(), false, "system_heap_set_page_encrypted (allocate error path)", log);
						m.pages.free(e.phys(), e.size());
					}
					b.live = false;
					log.rule("§3 system_cc_shared allocate", "system_heap_allocate (decrypt failed: buffer torn down)");
					return new Outcome.Failed(Machine.CONVERSION_ERRNO, "set_memory_decrypted failed");
				}
			}
		} else if (decryptFails) {
			log.note("decrypt-fails has no effect: the system heap does not decrypt");
		}
		for (Buf.Chunk c : b.chunks) {
			m.memory.put(c.phys(), c.phys() + c.size(), 0L);
		}
		log.rule("§3 " + k.getLiteral() + " heap", "system_heap_allocate");
		return new Outcome.Allocated(b.phys(), b.size(), "heap " + k.getLiteral() + " (" + b.chunks.size() + " compound page"
				+ (b.chunks.size() == 1 ? "" : "s") + ")", null, null);
	}

	static Outcome release(Machine m, Buf b, boolean encryptFails, StepLog log) {
		if (b.heap != HeapKind.SYSTEM_CC_SHARED) {
			for (Buf.Chunk c : b.chunks) {
				m.pages.free(c.phys(), c.size());
			}
			log.rule("§3 system heap", "system_heap_dma_buf_release");
			return new Outcome.Ok("freed");
		}
		long leaked = 0;
		long firstLeak = -1;
		for (Buf.Chunk c : b.chunks) {
			if (!m.encrypt(c.phys(), c.size(), encryptFails, "system_heap_set_page_encrypted", log)) {
				log.warn("dma-buf system heap: failed to re-encrypt page at " + Hex.of(c.phys()) + ", leaking memory");
				leaked += Layout.pages(c.size());
				firstLeak = firstLeak < 0 ? c.phys() : firstLeak;
				continue;
			}
			m.pages.free(c.phys(), c.size());
		}
		log.rule("§3 system_cc_shared release", "system_heap_dma_buf_release" + (leaked > 0 ? " (re-encrypt failed: leak)" : ""));
		if (leaked > 0) {
			log.leaked += leaked;
			return new Outcome.Leak(firstLeak, leaked);
		}
		return new Outcome.Ok("re-encrypted and freed");
	}

	/** mmap / vmap of a heap buffer: pgprot_decrypted for system_cc_shared (§3). */
	static Outcome cpuMap(Machine m, Buf b, CpuMapOp op, StepLog log) {
		if (b.kind != Buf.Kind.HEAP || !b.live) {
			log.rule("§3", "dma_buf_" + op.getLiteral());
			return new Outcome.Error(op.getLiteral() + " needs a live heap buffer");
		}
		boolean dec = b.heap == HeapKind.SYSTEM_CC_SHARED;
		log.rule("§3 " + b.heap.getLiteral() + " heap", "system_heap_" + op.getLiteral() + (dec ? " (pgprot_decrypted)" : ""));
		return new Outcome.Ok(op.getLiteral() + " with " + (dec ? "pgprot_decrypted" : "default pgprot"));
	}
}

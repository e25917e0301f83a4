package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.HeapKind;

/** A buffer a scenario allocated: where it lives, how it was allocated (for the matching free path, §4.7). */
final class Buf {
	enum Kind {
		PAGES, HEAP, COHERENT, DMA_PAGES
	}

	/** Where the memory came from. */
	enum Source {
		BUDDY, ATOMIC_POOL, RESTRICTED_POOL, COHERENT_POOL, IOMMU, OPS
	}

	record Chunk(long phys, long size) {
	}

	final String name;
	final Kind kind;
	final List<Chunk> chunks = new ArrayList<>();
	Source source = Source.BUDDY;
	Device device;
	HeapKind heap;
	/** The allocation decrypted its memory (dec / dma_owns_decryption). */
	boolean dec;
	/** Kernel-visible through a vmap alias (DMA_DIRECT_REMAP / highmem). */
	boolean remapped;
	boolean noKernelMapping;
	AtomicPool atomicPool;
	SwiotlbPool restrictedPool;
	int restrictedSlot;
	int restrictedSlots;
	Long handle;
	Encoding handleEncoding;
	boolean live = true;
	/**
	 * {@link Machine#stateKey()}'s digest of this buffer's fields, once computed: a buffer's fields are set
	 * by the step that allocates it, and afterwards only {@link #live} changes (a dead buffer is not
	 * digested), so the part stays valid and a copy takes it along.
	 */
	Digest.Part digested;

	Buf(String name, Kind kind) {
		this.name = name;
		this.kind = kind;
	}

	/** A copy whose pool references point at the given (copied) pools. */
	Buf copy(AtomicPool atomic, SwiotlbPool restricted) {
		Buf c = new Buf(name, kind);
		c.chunks.addAll(chunks);
		c.source = source;
		c.device = device;
		c.heap = heap;
		c.dec = dec;
		c.remapped = remapped;
		c.noKernelMapping = noKernelMapping;
		c.atomicPool = atomic;
		c.restrictedPool = restricted;
		c.restrictedSlot = restrictedSlot;
		c.restrictedSlots = restrictedSlots;
		c.handle = handle;
		c.handleEncoding = handleEncoding;
		c.live = live;
		c.digested = digested;
		return c;
	}

	long phys() {
		return chunks.get(0).phys();
	}

	long size() {
		long n = 0;
		for (Chunk c : chunks) {
			n += c.size();
		}
		return n;
	}
}

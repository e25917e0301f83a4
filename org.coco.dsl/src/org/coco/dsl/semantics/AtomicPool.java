package org.coco.dsl.semantics;

import org.coco.dsl.coco.Zone;

/**
 * One atomic pool (atomic_pool_dma / _dma32 / _kernel, §3): fixed size (the model does not expand it),
 * page-granular first fit. {@code unencrypted}: base/ccs71 decrypt every pool (a no-op without CC); the
 * series sets it to cc_platform_has(MEM_ENCRYPT).
 */
public final class AtomicPool {
	private final Zone zone;
	private final PageArena arena;
	private final boolean unencrypted;

	AtomicPool(Zone zone, long base, long size, boolean unencrypted) {
		this(zone, new PageArena(base, Layout.pageAlign(size)), unencrypted);
	}

	private AtomicPool(Zone zone, PageArena arena, boolean unencrypted) {
		this.zone = zone;
		this.arena = arena;
		this.unencrypted = unencrypted;
	}

	public Zone zone() {
		return zone;
	}

	public String name() {
		return "atomic_pool_" + zone.getLiteral();
	}

	public long base() {
		return arena.base;
	}

	public long size() {
		return arena.size;
	}

	public boolean unencrypted() {
		return unencrypted;
	}

	public boolean contains(long phys) {
		return arena.contains(phys);
	}

	/** gen_pool_alloc: first fit; -1 if no room. */
	long alloc(long bytes) {
		return arena.alloc(bytes);
	}

	void free(long phys, long bytes) {
		arena.free(phys, bytes);
	}

	void digest(Digest d) {
		d.add(zone);
		arena.digest(d);
	}

	void save() {
		arena.save();
	}

	boolean unchangedSinceSave() {
		return arena.unchangedSinceSave();
	}

	void restoreSaved() {
		arena.restoreSaved();
	}

	AtomicPool copy() {
		return new AtomicPool(zone, arena.copy(), unencrypted);
	}
}

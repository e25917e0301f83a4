package org.coco.dsl.semantics;

import java.util.BitSet;

import org.coco.dsl.coco.Zone;

/**
 * One atomic pool (atomic_pool_dma / _dma32 / _kernel, §3): fixed size (the model does not expand it),
 * page-granular first fit. {@code unencrypted}: base/ccs71 decrypt every pool (a no-op without CC); the
 * series sets it to cc_platform_has(MEM_ENCRYPT).
 */
public final class AtomicPool {
	private final Zone zone;
	private final long base;
	private final long size;
	private final boolean unencrypted;
	private final BitSet used = new BitSet();

	AtomicPool(Zone zone, long base, long size, boolean unencrypted) {
		this.zone = zone;
		this.base = base;
		this.size = Layout.pageAlign(size);
		this.unencrypted = unencrypted;
	}

	public Zone zone() {
		return zone;
	}

	public String name() {
		return "atomic_pool_" + zone.getLiteral();
	}

	public long base() {
		return base;
	}

	public long size() {
		return size;
	}

	public boolean unencrypted() {
		return unencrypted;
	}

	public boolean contains(long phys) {
		return phys >= base && phys < base + size;
	}

	/** gen_pool_alloc: first fit; -1 if no room. */
	long alloc(long bytes) {
		int n = (int) Layout.pages(bytes);
		int total = (int) (size / Layout.PAGE);
		for (int i = 0; i + n <= total; i++) {
			int next = used.nextSetBit(i);
			if (next < 0 || next >= i + n) {
				used.set(i, i + n);
				return base + i * Layout.PAGE;
			}
			i = next;
		}
		return -1;
	}

	void free(long phys, long bytes) {
		int i = (int) ((phys - base) / Layout.PAGE);
		used.clear(i, i + (int) Layout.pages(bytes));
	}

	void digest(Digest d) {
		d.add(zone).add(used);
	}

	AtomicPool copy() {
		AtomicPool c = new AtomicPool(zone, base, size, unencrypted);
		c.used.or(used);
		return c;
	}
}

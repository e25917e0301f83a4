package org.coco.dsl.semantics;

import java.util.BitSet;

/**
 * One swiotlb pool (io_tlb_pool) with real slots of IO_TLB_SIZE (2 KiB): the default pool, a dynamic
 * pool, a transient pool or a restricted-dma pool (§3, §4.4). The model uses one area per pool (the
 * kernel's per-CPU areas only change which CPU searches where); the search is next-fit from the area
 * index, as swiotlb_search_pool_area does, and a mapping never crosses an IO_TLB_SEGSIZE boundary.
 */
public final class SwiotlbPool {
	public enum Kind {
		DEFAULT, DYNAMIC, TRANSIENT, RESTRICTED
	}

	private final String name;
	private final Kind kind;
	private final long base;
	private final int nslabs;
	private final boolean ccShared;
	private BitSet used;
	/** Original address per used slot (runs of slots: a 64 MiB pool has 32768 slots, and the explorer copies pools often). */
	private SlotOrigins orig;
	/**
	 * {@link #used} and {@link #orig} are shared with a copy or the original: copied before the first
	 * change, so that copying a machine does not copy the slots of pools that neither side changes.
	 */
	private boolean slotsShared;
	/** {@link #digest} of the current state, or null after a change. */
	private Digest.Part digested;
	private int index;
	/** Transient pools: where the pages came from (atomic pool or page allocator). */
	final AtomicPool fromAtomic;

	SwiotlbPool(String name, Kind kind, long base, long size, boolean ccShared, AtomicPool fromAtomic) {
		this.name = name;
		this.kind = kind;
		this.base = base;
		this.nslabs = (int) (size / Layout.IO_TLB_SIZE);
		this.ccShared = ccShared;
		this.fromAtomic = fromAtomic;
		this.used = new BitSet();
		this.orig = new SlotOrigins();
	}

	public String name() {
		return name;
	}

	/** "swiotlb NAME", as {@link Machine#poolOwning} answers; made at the first question. */
	private String swiotlbLabel;

	String swiotlbLabel() {
		String l = swiotlbLabel;
		if (l == null) {
			l = "swiotlb " + name;
			swiotlbLabel = l;
		}
		return l;
	}

	public Kind kind() {
		return kind;
	}

	public long base() {
		return base;
	}

	public long size() {
		return (long) nslabs * Layout.IO_TLB_SIZE;
	}

	public int nslabs() {
		return nslabs;
	}

	/** Pool memory is shared (decrypted): the series' mem->cc_shared. */
	public boolean ccShared() {
		return ccShared;
	}

	public int used() {
		return used.cardinality();
	}

	public boolean contains(long phys) {
		return phys >= base && phys < base + size();
	}

	public long slotAddr(int slot) {
		return base + (long) slot * Layout.IO_TLB_SIZE;
	}

	public int slotOf(long phys) {
		return (int) ((phys - base) / Layout.IO_TLB_SIZE);
	}

	static int nrSlots(long size) {
		return (int) ((size + Layout.IO_TLB_SIZE - 1) / Layout.IO_TLB_SIZE);
	}

	/**
	 * Finds and takes {@code nslots} free slots; -1 if none. Mappings of PAGE_SIZE or more are
	 * page-aligned (stride); {@code pageAligned} forces that for swiotlb_alloc.
	 */
	int take(int nslots, long allocSize, boolean pageAligned, long origAddr) {
		if (nslots > Layout.IO_TLB_SEGSIZE || nslots > nslabs || nslots <= 0) {
			return -1;
		}
		int stride = (allocSize >= Layout.PAGE || pageAligned) ? (int) (Layout.PAGE / Layout.IO_TLB_SIZE) : 1;
		int start = ((index + stride - 1) / stride) * stride;
		if (start >= nslabs) {
			start = 0;
		}
		int i = start;
		do {
			if (fits(i, nslots)) {
				ownSlots();
				used.set(i, i + nslots);
				orig.put(i, nslots, origAddr);
				index = i + nslots >= nslabs ? 0 : i + nslots;
				return i;
			}
			i += stride;
			if (i >= nslabs) {
				i = 0;
			}
		} while (i != start);
		return -1;
	}

	private boolean fits(int i, int nslots) {
		if (i + nslots > nslabs) {
			return false;
		}
		// a mapping cannot span two IO_TLB_SEGSIZE segments
		if (i / Layout.IO_TLB_SEGSIZE != (i + nslots - 1) / Layout.IO_TLB_SEGSIZE) {
			return false;
		}
		int next = used.nextSetBit(i);
		return next < 0 || next >= i + nslots;
	}

	void release(int slot, int nslots) {
		ownSlots();
		used.clear(slot, slot + nslots);
		orig.released(slot, nslots);
	}

	/** Before a change: own slot tables, no cached digest. */
	private void ownSlots() {
		digested = null;
		if (slotsShared) {
			used = (BitSet) used.clone();
			orig = orig.copy();
			slotsShared = false;
		}
	}

	private BitSet savedUsed;
	private SlotOrigins savedOrig;
	private int savedIndex;
	private Digest.Part savedDigest;

	/**
	 * For {@link Machine#checkpoint()}: keeps the slots in use and the search cursor (the slot tables are
	 * shared until a change).
	 */
	void save() {
		savedUsed = used;
		savedOrig = orig;
		savedIndex = index;
		savedDigest = digested;
		slotsShared = true;
	}

	/** Whether no slot was taken or released since {@link #save()}: a change copies the saved tables first. */
	boolean unchangedSinceSave() {
		return used == savedUsed && orig == savedOrig && index == savedIndex;
	}

	void restoreSaved() {
		used = savedUsed;
		orig = savedOrig;
		index = savedIndex;
		digested = savedDigest;
		slotsShared = true;
	}

	/** What restores the slots as they are now: for a pool the machine's tables do not hold (a transient one). */
	Runnable checkpoint() {
		BitSet u = used;
		SlotOrigins o = orig;
		int i = index;
		Digest.Part d = digested;
		slotsShared = true;
		return () -> {
			used = u;
			orig = o;
			index = i;
			digested = d;
			slotsShared = true;
		};
	}

	/** A copy with the same slots in use and the same search cursor (for {@link Machine#copy()}). */
	SwiotlbPool copy(AtomicPool from) {
		return new SwiotlbPool(this, from);
	}

	/** {@link #copy}: the slot tables are shared, copy on write (see slotsShared); none allocated here. */
	private SwiotlbPool(SwiotlbPool o, AtomicPool from) {
		this.name = o.name;
		this.kind = o.kind;
		this.base = o.base;
		this.nslabs = o.nslabs;
		this.ccShared = o.ccShared;
		this.fromAtomic = from;
		o.slotsShared = true;
		this.used = o.used;
		this.orig = o.orig;
		this.slotsShared = true;
		this.index = o.index;
		this.digested = o.digested;
		this.swiotlbLabel = o.swiotlbLabel;
	}

	boolean inUse(int slot) {
		return used.get(slot);
	}

	/** The pool's state into d (hashed once per change). */
	void digest(Digest d) {
		Digest.Part p = digested;
		if (p == null) {
			Digest own = new Digest();
			own.add(name).add(kind).add(base).add(nslabs).add(ccShared).add(index).add(used);
			for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
				own.add(orig.get(i, 0L));
			}
			digested = p = Digest.Part.of(own);
		}
		d.add(p);
	}

	/** The original address a used slot bounces (0 if none was recorded). */
	long origOf(int slot) {
		return orig.get(slot, 0L);
	}
}

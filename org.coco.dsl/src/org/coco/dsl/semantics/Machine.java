package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.AtomicPool;
import org.coco.dsl.coco.BootOption;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.CoherentPool;
import org.coco.dsl.coco.ConfigSwitch;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.RamLayout;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.coco.Zone;

/**
 * The state of one run: memory contents and page states, the page allocator, swiotlb / restricted /
 * atomic / coherent pools, devices, buffers and mappings. Booted from the platform description (§3
 * initial states) once per {@link BootImage}, then {@link #freeze() frozen}; every run steps its own
 * {@link #copy()}, which shares what it has not changed with the image (pools and devices are copied at
 * first use, page states and memory are layered over the image's).
 */
final class Machine implements MachineView {
	/** The errno an injected set_memory_decrypted/encrypted failure returns (the grammar says only "fails"). */
	static final Errno CONVERSION_ERRNO = Errno.EIO;

	final PlatformFacts facts;
	final Parameters params;
	final Encodings enc;
	final PageAllocator pages;
	final RangeMap<PageState> states;
	final RangeMap<Long> memory;
	/** Boot messages and boot-time page-state changes: immutable (and shared) once frozen. */
	List<String> boot = new ArrayList<>();
	List<PageStateChange> bootChanges = new ArrayList<>();

	/** The default io_tlb_mem: default pool then dynamic pools (null entries never). */
	final List<org.coco.dsl.semantics.SwiotlbPool> defaultMem = new ArrayList<>();
	final LazyCopyMap<RestrictedPool, org.coco.dsl.semantics.SwiotlbPool> restricted;
	/** In zone order, the order boot adds them in (an EnumMap: a copy puts three entries). */
	final Map<Zone, org.coco.dsl.semantics.AtomicPool> atomic = new java.util.EnumMap<>(Zone.class);
	final LazyCopyMap<Device, CoherentArea> coherentPools;
	/**
	 * Device states: in a boot image and its copies, those of devices outside {@link #deviceTable} only
	 * (a step naming a device of another platform); in the machine being booted, all of them.
	 */
	final LazyCopyMap<Device, DeviceState> devices;
	/** The image's devices by number (null while booting): their states live in the arrays below. */
	private final DeviceTable deviceTable;
	/** The image's device states by number, never changed (null while booting). */
	private final DeviceState[] deviceTemplate;
	/**
	 * The states this machine changed, by number (copied from the template at the first change); null
	 * while it changed none. Shared with a checkpoint when {@link #deviceOwnShared}: copied before the next change.
	 */
	private DeviceState[] deviceOwn;
	private boolean deviceOwnShared;
	private DeviceState[] savedDeviceOwn;
	/** The device asked for last and its number: a step asks about the same device several times. */
	private Device lastDevice;
	private int lastDeviceIndex = -1;
	/** Where the restricted pools lie (fixed at boot), for {@link #poolOwning} without a scan of all pools. */
	private final PoolIndex restrictedIndex;
	/** {@link RefMap}s (Maps by type, so that code compiled against the fields' type keeps working). */
	final Map<Buffer, Buf> buffers;
	final Map<Buffer, Mapping> mappings;
	/** Latest mapping per buffer, for `device writes buf` / `check buf device-sees`. */
	final Map<Buf, Mapping> lastMapping;
	/**
	 * The mappings that were live and mapped when made (a superset of those still live; pruned as they
	 * die): what {@link #staleMappings()} looks at, instead of every mapping a long run ever made.
	 */
	final List<Mapping> liveMapped = new ArrayList<>();
	/**
	 * The sites whose once-only warning was printed: an array never changed once made (a new site makes a
	 * new array), so that a copy or a checkpoint shares it as it is. A run prints a handful at most.
	 */
	private String[] onceFired = NO_SITES;
	private static final String[] NO_SITES = {};
	/** Digest of {@link #onceFired}, or null after a change. */
	private Digest.Part onceDigest;
	/** The sums of {@link #onceFired}'s {@link Digest#element}s, kept as it grows: its digest without a pass over it. */
	private long onceSumA, onceSumB;
	/**
	 * Digest of the device states, or null once a device state was handed out for change ({@link #dev});
	 * device states change only through it.
	 */
	private Digest.Part devicesDigest;
	int transientCount;
	/** A step may be undone ({@link #checkpoint()}): false in every run but the explorer's. */
	private boolean undoOpen;
	/**
	 * While {@link #undoOpen}: what restores the objects the write sites saved, run last to first (reused;
	 * null until the first checkpoint). The rest the checkpoint saved in the saved* fields and in the
	 * tables themselves ({@code save()} / {@code restoreSaved()}).
	 */
	private List<Runnable> undo;
	private int savedRestricted, savedCoherent, savedDevices, savedLiveMapped, savedTransientCount;
	private String[] savedOnce;
	private Digest.Part savedOnceDigest, savedDevicesDigest;
	private long savedOnceSumA, savedOnceSumB;

	/** {@link #atomic}'s pools in its order, made at the first use after boot (the map does not change then). */
	private org.coco.dsl.semantics.AtomicPool[] atomicPools;

	private org.coco.dsl.semantics.AtomicPool[] atomicPools() {
		var a = atomicPools;
		if (a == null) {
			atomicPools = a = atomic.values().toArray(new org.coco.dsl.semantics.AtomicPool[0]);
		}
		return a;
	}

	/** A per-device coherent pool (DT shared-dma-pool, §3): a named page arena. */
	static final class CoherentArea {
		final String name;
		final PageArena pages;

		CoherentArea(String name, long base, long size) {
			this(name, new PageArena(base, size));
		}

		private CoherentArea(String name, PageArena pages) {
			this.name = name;
			this.pages = pages;
		}

		CoherentArea copy() {
			return new CoherentArea(name, pages.copy());
		}

		long alloc(long bytes) {
			return pages.alloc(bytes);
		}

		void free(long phys, long bytes) {
			pages.free(phys, bytes);
		}
	}

	/**
	 * A copy that evolves independently: the explorer steps a copy of a state instead of booting and
	 * replaying the steps that led to it, and every run steps a copy of its boot image. Immutable parts
	 * (facts, parameters, encodings, the model's EObjects, range segments, boot messages, the frozen
	 * image's pools and devices) are shared; what this machine changed is copied, and every reference
	 * to a copied pool (buffers, mapping segments, transient pools) points at the copy. O(what this
	 * machine changed), not O(platform).
	 */
	Machine copy() {
		return new Machine(this);
	}

	private Machine(Machine o) {
		this.facts = o.facts;
		this.params = o.params;
		this.enc = o.enc;
		this.restrictedIndex = o.restrictedIndex;
		this.pages = o.pages.copy();
		this.states = o.states.copy();
		this.memory = o.memory.copy();
		// only frozen images and their copies are ever copied: their boot lists are immutable
		this.boot = o.boot;
		this.bootChanges = o.bootChanges;
		Copies<org.coco.dsl.semantics.AtomicPool> atomics = new Copies<>();
		for (Map.Entry<Zone, org.coco.dsl.semantics.AtomicPool> e : o.atomic.entrySet()) {
			org.coco.dsl.semantics.AtomicPool c = e.getValue().copy();
			atomics.put(e.getValue(), c);
			atomic.put(e.getKey(), c);
		}
		Copies<org.coco.dsl.semantics.SwiotlbPool> pools = new Copies<>();
		java.util.function.UnaryOperator<org.coco.dsl.semantics.SwiotlbPool> pool = p -> {
			if (p == null) {
				return null;
			}
			var c = pools.get(p);
			if (c == null) {
				c = p.copy(p.fromAtomic == null ? null : atomics.getOrDefault(p.fromAtomic, p.fromAtomic));
				pools.put(p, c);
			}
			return c;
		};
		for (var p : o.defaultMem) {
			defaultMem.add(pool.apply(p));
		}
		this.restricted = o.restricted.copy(pool);
		this.coherentPools = o.coherentPools.copy(CoherentArea::copy);
		this.devices = o.devices.copy(DeviceState::copy);
		this.deviceTable = o.deviceTable;
		this.deviceTemplate = o.deviceTemplate;
		if (o.deviceOwn != null) {
			DeviceState[] own = new DeviceState[o.deviceOwn.length];
			for (int i = 0; i < own.length; i++) {
				own[i] = o.deviceOwn[i] == null ? null : o.deviceOwn[i].copy();
			}
			this.deviceOwn = own;
		}
		Copies<Buf> bufs = new Copies<>();
		this.buffers = refs(o.buffers).copy(null, (k, b) -> {
			Buf c = b.copy(atomics.getOrDefault(b.atomicPool, b.atomicPool), pool.apply(b.restrictedPool));
			bufs.put(b, c);
			return c;
		});
		Copies<Mapping> maps = new Copies<>();
		java.util.function.Function<Mapping, Mapping> mapping = q -> {
			Mapping c = maps.get(q);
			if (c == null) {
				c = q.copy(pool);
				c.buf = q.buf == null ? null : bufs.getOrDefault(q.buf, q.buf);
				c.key = q.key;
				maps.put(q, c);
			}
			return c;
		};
		this.mappings = refs(o.mappings).copy(null, (k, mp) -> mapping.apply(mp));
		this.lastMapping = refs(o.lastMapping).copy(k -> bufs.getOrDefault((Buf) k, (Buf) k), (k, mp) -> mapping.apply(mp));
		for (Mapping mp : o.liveMapped) {
			if (mp.live && mp.mapped) {
				liveMapped.add(mapping.apply(mp));
			}
		}
		onceFired = o.onceFired;
		onceDigest = o.onceDigest;
		onceSumA = o.onceSumA;
		onceSumB = o.onceSumB;
		devicesDigest = o.devicesDigest;
		transientCount = o.transientCount;
	}

	private static <K, V> RefMap<K, V> refs(Map<K, V> m) {
		return (RefMap<K, V>) m;
	}

	/**
	 * Original -> copy, by identity, for {@link #Machine(Machine)}: a machine holds a handful of pools,
	 * buffers and mappings, so a linear scan of two small arrays (an IdentityHashMap allocated four
	 * times a copy was the explorer's largest allocation), a hash map beyond that.
	 */
	private static final class Copies<T> {
		private Object[] keys;
		private Object[] values;
		private int n;
		private java.util.IdentityHashMap<T, T> many;

		@SuppressWarnings("unchecked")
		T get(T key) {
			if (many != null) {
				return many.get(key);
			}
			for (int i = 0; i < n; i++) {
				if (keys[i] == key) {
					return (T) values[i];
				}
			}
			return null;
		}

		T getOrDefault(T key, T otherwise) {
			T v = get(key);
			return v != null ? v : otherwise;
		}

		@SuppressWarnings("unchecked")
		void put(T key, T value) {
			if (many == null && n == 16) {
				many = new java.util.IdentityHashMap<>();
				for (int i = 0; i < n; i++) {
					many.put((T) keys[i], (T) values[i]);
				}
			}
			if (many != null) {
				many.put(key, value);
				return;
			}
			if (keys == null) {
				keys = new Object[4];
				values = new Object[4];
			} else if (n == keys.length) {
				keys = java.util.Arrays.copyOf(keys, n * 2);
				values = java.util.Arrays.copyOf(values, n * 2);
			}
			keys[n] = key;
			values[n++] = value;
		}
	}

	/**
	 * This freshly booted machine as a boot image: what it holds becomes the shared, never-changed base
	 * of its copies. It must not be stepped afterwards (only {@link #copy()}).
	 */
	private Machine(Machine booted, boolean freezing) {
		this.facts = booted.facts;
		this.params = booted.params;
		this.enc = booted.enc;
		this.pages = booted.pages;
		this.states = booted.states.freeze();
		this.memory = booted.memory.freeze();
		this.boot = List.copyOf(booted.boot);
		this.bootChanges = List.copyOf(booted.bootChanges);
		this.defaultMem.addAll(booted.defaultMem);
		this.atomic.putAll(booted.atomic);
		this.restricted = booted.restricted.freeze();
		this.coherentPools = booted.coherentPools.freeze();
		// the booted states, in boot order, become the template of the copies' arrays
		this.deviceTable = new DeviceTable(booted.devices.bootKeys());
		this.deviceTemplate = booted.devices.values().toArray(new DeviceState[0]);
		this.devices = new LazyCopyMap<>(DeviceState::copy);
		this.restrictedIndex = PoolIndex.of(restricted.values());
		this.buffers = new RefMap<>();
		this.mappings = new RefMap<>();
		this.lastMapping = new RefMap<>();
	}

	/** Boots a machine and freezes it into a boot image (see {@link #copy()}). */
	static Machine bootImage(PlatformFacts facts, Parameters params) {
		return new Machine(new Machine(facts, params), true);
	}

	private Machine(PlatformFacts facts, Parameters params) {
		this.facts = facts;
		this.params = params;
		this.enc = new Encodings(facts, params.vtomDeviceAlias());
		this.pages = new PageAllocator(facts.platform().getRam() == RamLayout.ABOVE_4G);
		this.states = new RangeMap<>();
		this.memory = new RangeMap<>();
		this.restricted = new LazyCopyMap<>(p -> p.copy(p.fromAtomic));
		this.coherentPools = new LazyCopyMap<>(CoherentArea::copy);
		this.devices = new LazyCopyMap<>(DeviceState::copy);
		this.deviceTable = null;
		this.deviceTemplate = null;
		this.restrictedIndex = null;
		this.buffers = new RefMap<>();
		this.mappings = new RefMap<>();
		this.lastMapping = new RefMap<>();
		bootSwiotlb();
		bootRestricted();
		bootAtomic();
		bootCoherent();
		bootMmio();
		for (PlatformMember m : facts.platform().getMembers()) {
			if (m instanceof Device d) {
				devices.put(d, new DeviceState(d));
			}
		}
	}

	// ------------------------------------------------------------------ boot (§3 initial states)

	private void bootSwiotlb() {
		if (facts.x86ptClearsForce()) {
			boot.add("WARN Ignoring swiotlb=force with host memory encryption and IOMMU passthrough [§0.1 ov-x86pt]");
		}
		if (facts.boot(BootOption.SWIOTLB_NOFORCE)) {
			boot.add("swiotlb=noforce: no default swiotlb pool [§3]");
		}
		if (facts.defaultPoolExists()) {
			SwiotlbPool decl = facts.declaredDefaultPool();
			long base = decl != null && decl.getBase() != 0 ? decl.getBase() : Layout.SWIOTLB_DEFAULT_BASE;
			long size = decl != null && decl.getSize() != 0 ? decl.getSize() : Layout.SWIOTLB_DEFAULT_SIZE;
			boolean dec = facts.defaultPoolDecrypted();
			var pool = new org.coco.dsl.semantics.SwiotlbPool("default",
					org.coco.dsl.semantics.SwiotlbPool.Kind.DEFAULT, base, size, dec, null);
			defaultMem.add(pool);
			boot.add("swiotlb default pool " + Hex.of(base) + "+" + Hex.size(size) + " (" + pool.nslabs() + " slots)"
					+ (facts.swiotlbForced() ? ", SWIOTLB_FORCE" : "") + (dec ? ", decrypted" : "") + " [§1.1, §3]");
			if (dec) {
				bootState(base, size, PageState.SHARED, "swiotlb_update_mem_attributes");
			}
		}
		for (PlatformMember m : facts.platform().getMembers()) {
			if (m instanceof SwiotlbPool p && !"default".equals(p.getName())) {
				if (defaultMem.isEmpty() || !facts.config(ConfigSwitch.SWIOTLB_DYNAMIC)) {
					boot.add("dynamic swiotlb pool " + p.getName() + " ignored: needs CONFIG_SWIOTLB_DYNAMIC and a default pool");
					continue;
				}
				long size = p.getSize() != 0 ? p.getSize() : 4L << 20;
				long base = p.getBase() != 0 ? p.getBase() : pages.alloc(PageAllocator.Zone.DMA32, size);
				boolean dec = facts.defaultPoolDecrypted();
				defaultMem.add(new org.coco.dsl.semantics.SwiotlbPool(p.getName(),
						org.coco.dsl.semantics.SwiotlbPool.Kind.DYNAMIC, base, size, dec, null));
				if (dec) {
					bootState(base, size, PageState.SHARED, "swiotlb dynamic pool alloc_dma_pages");
				}
			}
		}
	}

	private void bootRestricted() {
		long next = Layout.RESTRICTED_BASE;
		// The pools some device names, in one pass (was a scan of all members per pool: O(n²) on a fleet).
		java.util.Set<RestrictedPool> attachedPools = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		for (PlatformMember x : facts.platform().getMembers()) {
			if (x instanceof Device d && d.getRestrictedPool() != null) {
				attachedPools.add(d.getRestrictedPool());
			}
		}
		for (PlatformMember m : facts.platform().getMembers()) {
			if (m instanceof RestrictedPool p) {
				long base = p.getBase() != 0 ? p.getBase() : next;
				next = Math.max(next, (base + p.getSize() + 0xF_FFFFL) & ~0xF_FFFFL);
				String rej = facts.restrictedPoolRejection(p);
				if (rej != null) {
					boot.add("restricted pool " + p.getName() + " rejected: " + rej + " [§3]");
					continue;
				}
				boolean attached = attachedPools.contains(p);
				boolean dec = attached && facts.restrictedPoolDecrypted(p);
				var pool = new org.coco.dsl.semantics.SwiotlbPool(p.getName(),
						org.coco.dsl.semantics.SwiotlbPool.Kind.RESTRICTED, base, p.getSize(), dec, null);
				restricted.put(p, pool);
				boot.add("restricted pool " + p.getName() + " " + Hex.of(base) + "+" + Hex.size(p.getSize()) + " ("
						+ pool.nslabs() + " slots, one area)" + (dec ? ", decrypted at first attach" : "")
						+ (p.isPrivate() && !facts.series() ? "; 'private' not honoured before the series" : "")
						+ " [§3 rmem_swiotlb_device_init]");
				if (dec) {
					bootState(base, p.getSize(), PageState.SHARED, "rmem_swiotlb_device_init set_memory_decrypted");
				}
			}
		}
	}

	private void bootAtomic() {
		if (!facts.config(ConfigSwitch.DMA_COHERENT_POOL)) {
			return;
		}
		Map<Zone, Long> sizes = new HashMap<>();
		for (PlatformMember m : facts.platform().getMembers()) {
			if (m instanceof AtomicPool p) {
				sizes.put(p.getZone(), p.getSize() != 0 ? p.getSize() : Layout.ATOMIC_DEFAULT_SIZE);
			}
		}
		// base/ccs71: every pool set_memory_decrypted (no-op without CC); series: unencrypted = MEM_ENCRYPT
		boolean unenc = facts.series() ? facts.has(CcAttr.MEM_ENCRYPT) : facts.conversionActive();
		List<Zone> zones = switch (facts.arch()) {
		case X86, ARM64 -> List.of(Zone.DMA, Zone.DMA32, Zone.KERNEL);
		case PPC, S390 -> List.of(Zone.DMA, Zone.KERNEL);
		};
		for (Zone z : zones) {
			long base = switch (z) {
			case DMA -> Layout.ATOMIC_DMA;
			case DMA32 -> Layout.ATOMIC_DMA32;
			case KERNEL -> Layout.ATOMIC_KERNEL;
			};
			long size = Math.min(sizes.getOrDefault(z, Layout.ATOMIC_DEFAULT_SIZE), 0x80_0000L);
			var pool = new org.coco.dsl.semantics.AtomicPool(z, base, size, unenc);
			atomic.put(z, pool);
			if (unenc) {
				bootState(base, pool.size(), PageState.SHARED, "atomic_pool_expand set_memory_decrypted");
			}
		}
		boot.add("atomic pools " + atomic.keySet().stream().map(Zone::getLiteral).toList() + (unenc ? " decrypted" : "")
				+ " [§3]");
	}

	private void bootCoherent() {
		long next = Layout.COHERENT_POOL_BASE;
		for (PlatformMember m : facts.platform().getMembers()) {
			if (m instanceof CoherentPool p && p.getDevice() != null) {
				long base = p.getBase() != 0 ? p.getBase() : next;
				next = Math.max(next, base + Layout.pageAlign(p.getSize()));
				coherentPools.put(p.getDevice(), new CoherentArea(p.getName(), base, Layout.pageAlign(p.getSize())));
			}
		}
	}

	/** MMIO is "decrypted by nature" (T=0 BAR) unless declared `private` (TDISP private MMIO, §3). */
	private void bootMmio() {
		if (!facts.conversionActive()) {
			return;
		}
		for (PlatformMember m : facts.platform().getMembers()) {
			if (m instanceof org.coco.dsl.coco.Mmio io) {
				states.put(io.getBase(), io.getBase() + io.getSize(), io.isPrivate() ? PageState.PRIVATE : PageState.SHARED);
			}
		}
	}

	private void bootState(long base, long size, PageState to, String cause) {
		bootChanges.add(new PageStateChange(base, size, stateOf(base, size), to, cause));
		states.put(base, base + size, to);
	}

	// ------------------------------------------------------------------ state and data

	@Override
	public PlatformFacts facts() {
		return facts;
	}

	@Override
	public Parameters parameters() {
		return params;
	}

	@Override
	public PageState stateOf(long phys, long size) {
		// unset pages are private (§3); pages in different states read as UNKNOWN
		return states.uniform(phys, phys + Math.max(size, 1), PageState.PRIVATE, PageState.UNKNOWN);
	}

	void setState(long phys, long size, PageState to, String cause, StepLog log) {
		PageState from = stateOf(phys, size);
		states.put(phys, phys + size, to);
		if (from != to) {
			log.change(new PageStateChange(phys, size, from, to, cause));
		}
	}

	DeviceState dev(Device d) {
		devicesDigest = null; // the caller may change the state
		int i = deviceIndex(d);
		DeviceState s;
		if (i >= 0) {
			DeviceState[] own = deviceOwn;
			if (own == null) {
				deviceOwn = own = new DeviceState[deviceTemplate.length];
			} else if (deviceOwnShared) {
				deviceOwn = own = own.clone();
			}
			deviceOwnShared = false;
			s = own[i];
			if (s == null) {
				own[i] = s = deviceTemplate[i].copy();
			}
		} else {
			s = devices.computeIfAbsent(d, DeviceState::new);
		}
		if (undoOpen) {
			undo.add(s.checkpoint());
		}
		return s;
	}

	// ------------------------------------------------------------------ checkpoint and restore (the explorer)

	/**
	 * Makes the next changes undoable by {@link #restore()}: the explorer steps a state in place, digests
	 * it and restores it, instead of stepping a copy that is dropped when the state was seen before (most
	 * successors). Saving costs no copy: the tables that copy on write (page states, memory, free lists,
	 * slot and page bitmaps, buffer and mapping tables) are marked shared, and the few objects that change
	 * in place are saved by the write sites that change them ({@link #dev}, {@link #changing(Buf)},
	 * {@link #changing(Mapping)}, {@link #changing(org.coco.dsl.semantics.SwiotlbPool)}). Objects a step
	 * creates need no saving: restoring forgets them.
	 */
	void checkpoint() {
		pages.save();
		states.save();
		memory.save();
		for (int i = 0; i < defaultMem.size(); i++) {
			defaultMem.get(i).save();
		}
		savedRestricted = restricted.save();
		if (savedRestricted > 0) { // no iterator over an empty map's values each checkpoint
			for (var p : restricted.ownValues()) {
				p.save();
			}
		}
		for (var p : atomicPools()) {
			p.save();
		}
		savedCoherent = coherentPools.save();
		if (savedCoherent > 0) {
			for (CoherentArea a : coherentPools.ownValues()) {
				a.pages.save();
			}
		}
		savedDevices = devices.save();
		savedDeviceOwn = deviceOwn;
		deviceOwnShared = true;
		refs(buffers).save();
		refs(mappings).save();
		refs(lastMapping).save();
		savedLiveMapped = liveMapped.size();
		savedOnce = onceFired;
		savedOnceDigest = onceDigest;
		savedOnceSumA = onceSumA;
		savedOnceSumB = onceSumB;
		savedDevicesDigest = devicesDigest;
		savedTransientCount = transientCount;
		if (undo == null) {
			undo = new ArrayList<>();
		}
		undoOpen = true;
	}

	/** Undoes every change since {@link #checkpoint()}. */
	void restore() {
		restore(false);
	}

	/**
	 * {@link #restore()} and {@link #checkpoint()} again, without saving again: the tables hold what the
	 * checkpoint saved, and share it with it once more (the explorer steps each move of a state so).
	 */
	void rewind() {
		restore(true);
	}

	private void restore(boolean keepOpen) {
		undoOpen = false;
		// in place changes saved by the write sites, last first; then what the checkpoint saved
		for (int i = undo.size() - 1; i >= 0; i--) {
			undo.get(i).run();
		}
		undo.clear();
		// entries copied in or made by the step are forgotten first: the rest are those saved
		restricted.keepOwn(savedRestricted);
		coherentPools.keepOwn(savedCoherent);
		devices.keepOwn(savedDevices);
		deviceOwn = savedDeviceOwn; // states copied in since are forgotten; those changed in place were undone above
		// kept open, the checkpoint still holds the saved array; else no one else does (a copy copies it)
		deviceOwnShared = keepOpen;
		if (!keepOpen) {
			savedDeviceOwn = null;
		}
		pages.restoreSaved();
		states.restoreSaved();
		memory.restoreSaved();
		for (int i = 0; i < defaultMem.size(); i++) {
			defaultMem.get(i).restoreSaved();
		}
		if (savedRestricted > 0) { // keepOwn left the entries owned at the checkpoint
			for (var p : restricted.ownValues()) {
				p.restoreSaved();
			}
		}
		for (var p : atomicPools()) {
			p.restoreSaved();
		}
		if (savedCoherent > 0) {
			for (CoherentArea a : coherentPools.ownValues()) {
				a.pages.restoreSaved();
			}
		}
		refs(buffers).restoreSaved();
		refs(mappings).restoreSaved();
		refs(lastMapping).restoreSaved();
		// only appended to while a checkpoint is open (staleMappings does not prune then)
		while (liveMapped.size() > savedLiveMapped) {
			liveMapped.remove(liveMapped.size() - 1);
		}
		onceFired = savedOnce;
		onceDigest = savedOnceDigest;
		onceSumA = savedOnceSumA;
		onceSumB = savedOnceSumB;
		devicesDigest = savedDevicesDigest;
		transientCount = savedTransientCount;
		if (!keepOpen) {
			savedOnce = null;
		}
		undoOpen = keepOpen;
	}

	/**
	 * Whether the steps since {@link #checkpoint()} changed nothing that {@link #restore()} would put back
	 * (most often a step that failed without effect): no write site saved an object, no table left the
	 * contents it shares with the checkpoint (a change copies them first), no entry, warning or transient
	 * pool was added. The state, and so its key, is then the checkpoint's, and the checkpoint stands as if
	 * restored and made again: every table still shares its contents with it.
	 */
	boolean unchangedSinceCheckpoint() {
		if (!undoOpen || !undo.isEmpty() || deviceOwn != savedDeviceOwn || onceFired != savedOnce
				|| transientCount != savedTransientCount || liveMapped.size() != savedLiveMapped
				|| restricted.ownSize() != savedRestricted || coherentPools.ownSize() != savedCoherent
				|| devices.ownSize() != savedDevices) {
			return false;
		}
		if (!pages.unchangedSinceSave() || !states.unchangedSinceSave() || !memory.unchangedSinceSave()
				|| !refs(buffers).unchangedSinceSave() || !refs(mappings).unchangedSinceSave()
				|| !refs(lastMapping).unchangedSinceSave()) {
			return false;
		}
		for (int i = 0; i < defaultMem.size(); i++) {
			if (!defaultMem.get(i).unchangedSinceSave()) {
				return false;
			}
		}
		for (var p : atomicPools()) {
			if (!p.unchangedSinceSave()) {
				return false;
			}
		}
		if (savedRestricted > 0) {
			for (var p : restricted.ownValues()) {
				if (!p.unchangedSinceSave()) {
					return false;
				}
			}
		}
		if (savedCoherent > 0) {
			for (CoherentArea a : coherentPools.ownValues()) {
				if (!a.pages.unchangedSinceSave()) {
					return false;
				}
			}
		}
		return true;
	}

	/** Before a step changes whether an existing buffer is live. */
	void changing(Buf b) {
		if (undoOpen) {
			boolean live = b.live;
			undo.add(() -> b.live = live);
		}
	}

	/** Before a step changes whether an existing mapping is live or mapped. */
	void changing(Mapping mp) {
		if (undoOpen) {
			boolean live = mp.live, mapped = mp.mapped;
			undo.add(() -> {
				mp.live = live;
				mp.mapped = mapped;
			});
		}
	}

	/** Before slots of a pool are released (a transient pool lives in its mapping, not in the machine's pool tables). */
	void changing(org.coco.dsl.semantics.SwiotlbPool pool) {
		// the machine's own pools are saved by the checkpoint
		if (undoOpen && pool.kind() == org.coco.dsl.semantics.SwiotlbPool.Kind.TRANSIENT) {
			undo.add(pool.checkpoint());
		}
	}

	/** The device's state for reading only (no copy from the boot image). */
	private DeviceState peekDev(Device d) {
		int i = deviceIndex(d);
		if (i >= 0) {
			DeviceState[] own = deviceOwn;
			DeviceState s = own == null ? null : own[i];
			return s != null ? s : deviceTemplate[i];
		}
		DeviceState s = devices.peek(d);
		return s != null ? s : dev(d);
	}

	/** The device's number in {@link #deviceTable}, or -1 (not in it, or still booting). */
	private int deviceIndex(Device d) {
		if (d == lastDevice && d != null) {
			return lastDeviceIndex;
		}
		int i = deviceTable == null ? -1 : deviceTable.indexOf(d);
		lastDevice = d;
		lastDeviceIndex = i;
		return i;
	}

	@Override
	public boolean t1(Device d) {
		return peekDev(d).t1();
	}

	@Override
	public boolean accepted(Device d) {
		return peekDev(d).accepted;
	}

	@Override
	public boolean fdu(Device d) {
		return facts.fdu(d, peekDev(d).accepted);
	}

	@Override
	public org.coco.dsl.coco.TsmState tsmState(Device d) {
		return peekDev(d).tsmState;
	}

	@Override
	public String poolOwning(long phys) {
		for (var p : atomic.values()) {
			if (p.contains(phys)) {
				return "atomic " + p.name();
			}
		}
		if (restrictedIndex != null) {
			String r = restrictedIndex.ownerLabel(phys);
			if (r != null) {
				return r;
			}
		} else {
			String r = PoolIndex.scan(restricted.values(), phys);
			if (r != null) {
				return "restricted " + r;
			}
		}
		for (var p : defaultMem) {
			if (p.contains(phys)) {
				return p.swiotlbLabel();
			}
		}
		for (CoherentArea a : coherentPools.values()) {
			if (a.pages.contains(phys)) {
				return "coherent " + a.name;
			}
		}
		return null;
	}

	@Override
	public boolean inCoherentPool(long phys) {
		// no coherent pool (most platforms): no owner to name
		return !coherentPools.isEmpty() && MachineView.super.inCoherentPool(phys);
	}

	@Override
	public List<String> staleMappings() {
		// Only live, mapped mappings can be stale; they are those of liveMapped that are still the latest
		// mapping of their buffer (first check) or of their name (second check). The result is sorted.
		List<String> out = new ArrayList<>();
		if (!undoOpen) { // while a checkpoint is open the list is only appended to (see restore)
			liveMapped.removeIf(mp -> !mp.live || !mp.mapped);
		}
		for (Mapping mp : liveMapped) {
			if (!mp.live || !mp.mapped) {
				continue;
			}
			if (mp.buf != null && !mp.buf.live && lastMapping.get(mp.buf) == mp) {
				out.add("mapping " + mp.name + " of freed buffer " + mp.buf.name + " is still live for " + mp.device.getName());
			}
		}
		for (Mapping mp : liveMapped) {
			if (!mp.live || !mp.mapped || mp.key == null || mappings.get(mp.key) != mp) {
				continue;
			}
			for (Mapping.Segment s : mp.segments) {
				if (s.via == Mapping.Via.BOUNCE && s.pool != null && !s.pool.inUse(s.slot)) {
					out.add("mapping " + mp.name + " still points at released swiotlb slot " + s.slot + " of " + s.pool.name());
				}
			}
		}
		out.sort(null);
		return out;
	}

	/**
	 * A digest of everything that can influence later steps (page states, memory contents, allocators,
	 * pools with their search cursors, devices, live buffers and mappings, once-warnings), independent
	 * of buffer names, so that the explorer visits equal states once. Computed for every explored state:
	 * plain loops, no streams, sorting only of the few per-buffer and per-mapping hashes.
	 */
	StateKey stateKey() {
		Digest d = new Digest();
		states.digest(d);
		memory.digest(d);
		pages.digest(d);
		for (var p : defaultMem) {
			p.digest(d);
		}
		Object[] restrictedPools = restricted.valueArray();
		for (int i = 0; i < restrictedPools.length; i++) {
			((org.coco.dsl.semantics.SwiotlbPool) restrictedPools[i]).digest(d);
		}
		for (var p : atomicPools()) {
			p.digest(d);
		}
		// coherent pools (a HashMap): in name order
		if (!coherentPools.isEmpty()) {
			CoherentArea[] areas = coherentPools.values().toArray(new CoherentArea[0]);
			if (areas.length > 1) {
				java.util.Arrays.sort(areas, java.util.Comparator.comparing(c -> c.name));
			}
			for (CoherentArea a : areas) {
				d.add(a.name);
				a.pages.digest(d);
			}
		}
		if (devicesDigest == null) {
			Digest e = new Digest();
			// the numbered devices in boot order, then the others: the order one map of them all had
			if (deviceTemplate != null) {
				DeviceState[] own = deviceOwn;
				for (int i = 0; i < deviceTemplate.length; i++) {
					DeviceState ds = own != null && own[i] != null ? own[i] : deviceTemplate[i];
					ds.digest(e);
				}
			}
			if (!devices.isEmpty()) {
				for (DeviceState ds : devices.values()) {
					ds.digest(e);
				}
			}
			devicesDigest = Digest.Part.of(e);
		}
		d.add(devicesDigest);
		d.add(transientCount);
		if (onceDigest == null) {
			onceDigest = Digest.Part.of(new Digest().addUnordered(onceFired.length, onceSumA, onceSumB));
		}
		d.add(onceDigest);
		// unordered collections: hash each element alone, then add the count and two sums of the element
		// hashes (a multiset's digest: no array, no sort)
		int nb = 0;
		long bufA = 0, bufB = 0;
		RefMap<Buffer, Buf> bufTable = refs(buffers);
		boolean anyLast = !lastMapping.isEmpty();
		for (int bi = 0; bi < bufTable.capacity(); bi++) {
			Buf b = bufTable.valueAt(bi);
			if (b == null || !b.live) {
				continue;
			}
			Digest.Part part = b.digested;
			if (part == null) {
				Digest e = new Digest().add(b.kind).add(b.source).add(b.device == null ? "" : b.device.getName()).add(b.heap)
						.add(b.dec).add(b.remapped).add(b.noKernelMapping).add(b.restrictedSlot).add(b.restrictedSlots)
						.add(b.handle == null ? -1 : b.handle).add(b.handleEncoding);
				for (Buf.Chunk c : b.chunks) {
					e.add(c.phys()).add(c.size());
				}
				b.digested = part = Digest.Part.of(e);
			}
			Mapping last = anyLast ? lastMapping.get(b) : null;
			long h = Digest.mixed(part.a() ^ (last != null && last.live && last.mapped ? 0x632BE59BD9B4E019L : 0L));
			nb++;
			bufA += h;
			bufB += Digest.mixed(h ^ part.b());
		}
		int nm = 0;
		long mapA = 0, mapB = 0;
		RefMap<Buffer, Mapping> mapTable = refs(mappings);
		for (int mi = 0; mi < mapTable.capacity(); mi++) {
			Mapping mp = mapTable.valueAt(mi);
			if (mp == null || !mp.live || !mp.mapped) {
				continue;
			}
			Digest.Part part = mp.digested;
			if (part == null) {
				Digest e = new Digest().add(mp.device.getName()).add(mp.dir).add(mp.mmio);
				long attrs = 0;
				for (org.coco.dsl.coco.Attr a : mp.attrs) {
					attrs |= 1L << a.ordinal();
				}
				e.add(attrs);
				for (Mapping.Segment s : mp.segments) {
					e.add(s.orig).add(s.size).add(s.via).add(s.dma).add(s.encoding).add(s.slot).add(s.nslots).add(s.tlb);
					if (s.pool != null) {
						// a transient pool lives only in its mapping; the others are digested above, their identity suffices
						if (s.pool.kind() == org.coco.dsl.semantics.SwiotlbPool.Kind.TRANSIENT) {
							s.pool.digest(e);
						} else {
							e.add(s.pool.kind()).add(s.pool.base());
						}
					}
				}
				mp.digested = part = Digest.Part.of(e);
			}
			long h = Digest.mixed(part.a());
			nm++;
			mapA += h;
			mapB += Digest.mixed(h ^ part.b());
		}
		d.add(nb).addMixed(bufA, bufB);
		d.add(nm).addMixed(mapA, mapB);
		return d.key();
	}

	/** Whether the site's once-only warning was printed in this run. */
	private boolean onceFired(String site) {
		for (String s : onceFired) {
			if (s.equals(site)) {
				return true;
			}
		}
		return false;
	}

	/** pr_warn_once / dev_WARN_ONCE: once per run per call site; later hits become a note. */
	void warnOnce(String site, String text, StepLog log) {
		warnOnce(site, () -> text, log);
	}

	/**
	 * {@link #warnOnce(String, String, StepLog)} with a text that costs formatting: formatted now if it
	 * is printed, else when the notes are read. The supplier must capture values, not state.
	 */
	void warnOnce(String site, java.util.function.Supplier<String> text, StepLog log) {
		if (!onceFired(site)) {
			String[] fired = java.util.Arrays.copyOf(onceFired, onceFired.length + 1);
			fired[fired.length - 1] = site;
			onceFired = fired;
			Digest.Part e = Digest.element(site);
			onceSumA += e.a();
			onceSumB += e.b();
			onceDigest = null;
			log.warn(text.get());
		} else {
			log.note(() -> "suppressed (already printed once): " + text.get());
		}
	}

	// ------------------------------------------------------------------ set_memory_decrypted/encrypted

	/**
	 * set_memory_decrypted on [phys, phys+size). No-op returning 0 on non-CC systems (§1.1); an
	 * injected failure leaves the pages in an unknown state. Returns true on success.
	 */
	boolean decrypt(long phys, long size, boolean fails, String who, StepLog log) {
		if (!facts.conversionActive()) {
			if (fails) {
				log.note("injected failure ignored: set_memory_decrypted is a no-op returning 0 on a non-CC system");
			}
			return true;
		}
		log.conversion(new Conversion(true, new MemRange(phys, size), stateOf(phys, size), !fails, who));
		if (fails) {
			setState(phys, size, PageState.UNKNOWN, who + ": set_memory_decrypted failed", log);
			return false;
		}
		setState(phys, size, PageState.SHARED, who + ": set_memory_decrypted", log);
		return true;
	}

	boolean encrypt(long phys, long size, boolean fails, String who, StepLog log) {
		if (!facts.conversionActive()) {
			if (fails) {
				log.note("injected failure ignored: set_memory_encrypted is a no-op returning 0 on a non-CC system");
			}
			return true;
		}
		log.conversion(new Conversion(false, new MemRange(phys, size), stateOf(phys, size), !fails, who));
		if (fails) {
			setState(phys, size, PageState.UNKNOWN, who + ": set_memory_encrypted failed", log);
			return false;
		}
		setState(phys, size, PageState.PRIVATE, who + ": set_memory_encrypted", log);
		return true;
	}

	/** Returns pages to the page allocator after use, recorded for §6 inv. 3. */
	void freeToAllocator(long phys, long size, StepLog log) {
		pages.free(phys, size);
		log.freed(new MemRange(phys, Layout.pageAlign(size)));
	}

	// ------------------------------------------------------------------ swiotlb lookups

	/** dev->dma_io_tlb_mem: the device's restricted pool if usable, else the default mem (may be empty). */
	List<org.coco.dsl.semantics.SwiotlbPool> ioTlbMem(Device d) {
		if (d.getRestrictedPool() != null) {
			var p = restricted.get(d.getRestrictedPool());
			if (p != null) {
				return List.of(p);
			}
		}
		return defaultMem;
	}

	boolean hasRestrictedPool(Device d) {
		return d.getRestrictedPool() != null && restricted.containsKey(d.getRestrictedPool());
	}

	/** The pool (any kind, transient pools included via the mapping) that holds phys, or null. */
	org.coco.dsl.semantics.SwiotlbPool poolHolding(long phys) {
		for (var p : defaultMem) {
			if (p.contains(phys)) {
				return p;
			}
		}
		for (var p : restricted.values()) {
			if (p.contains(phys)) {
				return p;
			}
		}
		return null;
	}
}

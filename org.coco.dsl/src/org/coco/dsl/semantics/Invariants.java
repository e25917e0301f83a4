package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.CoherentAlloc;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.MapKind;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Technology;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.coco.TsmStep;

/**
 * The §6 invariants as {@link InvariantCheck}s, one small check per invariant, run after every step by
 * default ({@link RunOptions#defaults()}). A violation is a finding about the kernel profile being
 * modelled, not an interpreter error: it names the invariant, the step and the state that shows it.
 *
 * <p>Not checked, and why: 6 (CPU mappings match state) — the model keeps one state per physical page
 * and no CPU page tables, so a vmap alias that differs from the linear map cannot be seen; 7 (heap
 * presence) — a boot-time property that {@link PlatformFacts#heapRegisteredByKernel} derives from the
 * very condition the invariant states, so it holds by construction; 15 (CCA T=0 S2 ⊆ T=1 S2) — the
 * model has no stage-2 tables, {@link Stage2Rule} decides access from page state alone. Invariant 16 is
 * checked for its "freed or released memory still mapped" half; the data half is what `check` steps test.
 */
public final class Invariants {
	private Invariants() {
	}

	/**
	 * One §6 invariant: its number, its title, the check, and the step kinds (a bit per classifier id) the
	 * check can report on or act on: for any other kind it would return at once, so a session need not call it.
	 */
	public record Invariant(int number, String title, Check check, long kinds) implements InvariantCheck {
		/** Whether the check can do anything after a step of this kind ({@link StepResult#kind}). */
		public boolean appliesTo(int kind) {
			return kind < 0 || kind >= 64 || (kinds & (1L << kind)) != 0;
		}

		@Override
		public void afterStep(StepResult r, MachineView m, Consumer<Finding> report) {
			new Reporter().run(this, r, m, report);
		}

		Finding finding(StepResult r, String message) {
			return new Finding(label(), r.step(), "#" + (r.index() + 1) + " " + r.description() + ": " + message, r.rule());
		}

		/** "§6.4 pool memory is owned by the pool". */
		public String label() {
			return "§6." + number + " " + title;
		}
	}

	/**
	 * Turns a check's messages into {@link Finding}s. Reusable (a session keeps one), so the checks of a
	 * step allocate nothing unless one fires. Not thread-safe.
	 */
	static final class Reporter implements Consumer<String> {
		private Invariant invariant;
		private StepResult result;
		private Consumer<Finding> report;

		void run(Invariant inv, StepResult r, MachineView m, Consumer<Finding> to) {
			invariant = inv;
			result = r;
			report = to;
			try {
				inv.check().check(r, m, this);
			} finally {
				result = null;
				report = null;
			}
		}

		@Override
		public void accept(String message) {
			report.accept(invariant.finding(result, message));
		}
	}

	@FunctionalInterface
	public interface Check {
		void check(StepResult r, MachineView m, Consumer<String> violation);
	}

	/**
	 * This class's check number n. One Check class for all of them, calling the methods directly by number:
	 * a call through thirteen different Check lambdas per step cannot be inlined, a call through one can.
	 */
	private record Builtin(int number) implements Check {
		@Override
		public void check(StepResult r, MachineView m, Consumer<String> violation) {
			builtin(number, r, m, violation);
		}
	}

	private static void builtin(int n, StepResult r, MachineView m, Consumer<String> v) {
		switch (n) {
		case 1 -> noPrivateExposure(r, m, v);
		case 2 -> encodingMatchesState(r, m, v);
		case 3 -> freedPagesPrivate(r, m, v);
		case 4 -> poolOwnsItsMemory(r, m, v);
		case 5 -> noDoubleConversion(r, m, v);
		case 8 -> poolKindMatchesDevice(r, m, v);
		case 9 -> reachable(r, m, v);
		case 10 -> mmioNeverBounced(r, m, v);
		case 11 -> ccSharedDirectOnly(r, m, v);
		case 12 -> allocAttrHygiene(r, m, v);
		case 13 -> tsmTransitions(r, m, v);
		case 14 -> rmpSize(r, m, v);
		case 16 -> noStaleMapping(r, m, v);
		default -> throw new IllegalArgumentException("no built-in check for §6." + n);
		}
	}

	/** Every check this class implements, in §6 order. */
	public static List<Invariant> all() {
		return List.of(
				checked(1, "no private exposure to T=0"),
				checked(2, "encoding matches state"),
				checked(3, "decrypted pages never return to the allocator"),
				checked(4, "pool memory is owned by the pool"),
				checked(5, "no double conversion"),
				checked(8, "pool kind matches device"),
				checked(9, "reachability"),
				checked(10, "MMIO is never bounced"),
				checked(11, "CC_SHARED only on the direct path"),
				checked(12, "allocation attribute hygiene"),
				checked(13, "TSM transitions"),
				checked(14, "RMP size rule"),
				checked(16, "no stale bounce or buffer mapping"));
	}

	private static Invariant checked(int number, String title) {
		return new Invariant(number, title, new Builtin(number), kinds(number));
	}

	private static final long ALL_KINDS = -1L;

	private static long mask(int... ids) {
		long k = 0;
		for (int id : ids) {
			k |= 1L << id;
		}
		return k;
	}

	/**
	 * The step kinds after which check n can report or change anything, read off the check itself: a
	 * check that tests the kind first, or looks only at addresses handed to a device (made by map and
	 * DMA-allocation steps alone, see {@link #computeHanded}), names those kinds; the others run after
	 * every step (1 asks the device's T=1 state, which may create it, before it tests the kind).
	 * {@code InvariantKindsTest} compares the checks run by kind with all of them on random walks.
	 */
	private static long kinds(int n) {
		return switch (n) {
		case 2, 9, 14 -> mask(CocoPackage.MAP_STEP, CocoPackage.ALLOC_STEP);
		case 8, 10, 11 -> mask(CocoPackage.MAP_STEP);
		case 12 -> mask(CocoPackage.ALLOC_STEP);
		case 13 -> mask(CocoPackage.TSM_STEP);
		case 16 -> mask(CocoPackage.FREE_STEP, CocoPackage.UNMAP_STEP);
		default -> ALL_KINDS;
		};
	}

	/** The checks whose numbers are given (for `--invariants 1,4`). Unknown numbers are ignored. */
	public static List<Invariant> only(Set<Integer> numbers) {
		return all().stream().filter(i -> numbers.contains(i.number())).toList();
	}

	// ------------------------------------------------------------------ helpers

	/**
	 * An address a successful step handed to a device, and the memory behind it; with the memory's page
	 * state and whether it is analysed, asked of the machine once for the checks that share them (1, 2).
	 */
	private static final class Handed {
		private final long address;
		private final Encoding encoding;
		private final MemRange memory;
		private PageState state;
		private byte analysed; // 0 not asked yet, 1 yes, 2 no

		Handed(long address, Encoding encoding, MemRange memory) {
			this.address = address;
			this.encoding = encoding;
			this.memory = memory;
		}

		long address() {
			return address;
		}

		Encoding encoding() {
			return encoding;
		}

		MemRange memory() {
			return memory;
		}

		/** The memory's page state (the checks run after the step and change no page state: asked once). */
		PageState state(MachineView m) {
			PageState s = state;
			if (s == null) {
				state = s = m.stateOf(memory.phys(), memory.size());
			}
			return s;
		}

		boolean analysed(MachineView m) {
			if (analysed == 0) {
				analysed = Invariants.analysed(m, memory) ? (byte) 1 : (byte) 2;
			}
			return analysed == 1;
		}
	}

	/**
	 * The DMA addresses a successful map or DMA allocation produced (IOVA and legacy ops are not
	 * modelled); computed once per step, for the four checks that ask.
	 */
	@SuppressWarnings("unchecked")
	private static List<Handed> handed(StepResult r) {
		Object h = r.handed;
		if (h == null) {
			h = computeHanded(r);
			r.handed = h;
		}
		return (List<Handed>) h;
	}

	private static List<Handed> computeHanded(StepResult r) {
		List<MemRange> mem = r.reached();
		Outcome o = r.outcome();
		if (!o.success() || mem.isEmpty()) {
			return List.of();
		}
		List<Handed> out = List.of();
		List<Outcome> entries = o instanceof Outcome.Sg sg ? sg.entries() : List.of(o);
		for (int i = 0; i < entries.size(); i++) {
			MemRange at = mem.get(Math.min(i, mem.size() - 1));
			Handed h = null;
			if (entries.get(i) instanceof Outcome.Direct d) {
				h = new Handed(d.address(), d.encoding(), at);
			} else if (entries.get(i) instanceof Outcome.Bounce b) {
				h = new Handed(b.address(), b.encoding(), at);
			} else if (entries.get(i) instanceof Outcome.Allocated a && a.handle() != null) {
				h = new Handed(a.handle(), a.encoding(), at);
			}
			if (h != null) {
				if (out.isEmpty()) {
					out = new ArrayList<>(entries.size());
				}
				out.add(h);
			}
		}
		return out;
	}

	/** Per-device coherent pools (DT shared-dma-pool) are "not analysed" for CC (§3): no claims about them. */
	private static boolean analysed(MachineView m, MemRange r) {
		return !m.inCoherentPool(r.phys());
	}

	private static boolean ccGuest(MachineView m) {
		return m.facts().isGuest() && m.facts().conversionActive();
	}

	private static boolean isMmio(MapStep ms) {
		return ms.getAttrs().contains(Attr.MMIO) || (ms.getTarget() != null && ms.getTarget().getRef() instanceof Mmio)
				|| (StepExecutor.kindSet(ms) && ms.getKind() == MapKind.RESOURCE);
	}

	// ------------------------------------------------------------------ the checks

	/** 1: a T=0 device in a CC guest only ever gets addresses of shared memory. */
	static void noPrivateExposure(StepResult r, MachineView m, Consumer<String> v) {
		Device d = r.device();
		// m.t1 may create the device's state (peekDev): asked in the same cases as ever
		if (!ccGuest(m) || d == null || m.t1(d) || !(r.kind == CocoPackage.MAP_STEP || r.kind == CocoPackage.ALLOC_STEP)) {
			return;
		}
		List<Handed> hs = handed(r);
		for (int i = 0; i < hs.size(); i++) {
			Handed h = hs.get(i);
			if (h.analysed(m) && h.state(m) == PageState.PRIVATE) {
				v.accept("T=0 device " + d.getName() + " was given " + Hex.of(h.address()) + " for " + h.memory()
						+ ", which is private");
			}
		}
	}

	/** 2: unenc(x) iff the target is shared (C-bit clear / top IPA bit set); RAW counts as the arch's plain PA. */
	static void encodingMatchesState(StepResult r, MachineView m, Consumer<String> v) {
		PlatformFacts f = m.facts();
		if (!f.conversionActive() || !(f.hasCBit() || f.protNsShared() != 0)) {
			return;
		}
		List<Handed> hs = handed(r);
		for (int i = 0; i < hs.size(); i++) {
			Handed h = hs.get(i);
			if (h.encoding() == null || h.encoding() == Encoding.IOVA || !h.analysed(m)) {
				continue;
			}
			PageState s = h.state(m);
			boolean unenc = h.encoding() == Encoding.UNENCRYPTED || (h.encoding() == Encoding.RAW && f.hasCBit());
			if ((s == PageState.SHARED && !unenc) || (s == PageState.PRIVATE && unenc)) {
				v.accept("address " + Hex.of(h.address()) + " (" + h.encoding().label() + ") for " + h.memory() + ", which is "
						+ s.label());
			}
		}
	}

	/** 3: memory the step returned to the page allocator is private (re-encrypted) again. */
	static void freedPagesPrivate(StepResult r, MachineView m, Consumer<String> v) {
		if (!m.facts().conversionActive()) {
			return;
		}
		List<MemRange> freed = r.freedToAllocator();
		for (int i = 0; i < freed.size(); i++) {
			MemRange fr = freed.get(i);
			PageState s = m.stateOf(fr.phys(), fr.size());
			if (s != PageState.PRIVATE) {
				v.accept(fr + " returned to the page allocator while " + s.label());
			}
		}
	}

	/** 4: no per-allocation path converts memory of an atomic or restricted pool. */
	static void poolOwnsItsMemory(StepResult r, MachineView m, Consumer<String> v) {
		List<Conversion> cs = r.conversions();
		for (int i = 0; i < cs.size(); i++) {
			Conversion c = cs.get(i);
			String owner = m.poolOwning(c.range().phys());
			if (owner != null && (owner.startsWith("atomic ") || owner.startsWith("restricted "))) {
				v.accept(c.describe() + ": the memory belongs to " + owner + " pool");
			}
		}
	}

	/**
	 * 5: no kernel path applies set_memory_decrypted to memory that is already decrypted. A scenario's
	 * own `set_memory_decrypted` step is the caller converting its own pages: not a kernel finding.
	 */
	static void noDoubleConversion(StepResult r, MachineView m, Consumer<String> v) {
		if (r.kind == CocoPackage.CONVERT_STEP) {
			return;
		}
		List<Conversion> cs = r.conversions();
		for (int i = 0; i < cs.size(); i++) {
			Conversion c = cs.get(i);
			if (c.decrypt() && c.before() == PageState.SHARED) {
				v.accept("double decryption: " + c.describe());
			}
		}
	}

	/** 8: in a guest a device bounces only through a pool whose shared state equals FDU(dev). */
	static void poolKindMatchesDevice(StepResult r, MachineView m, Consumer<String> v) {
		Device d = r.device();
		if (r.kind != CocoPackage.MAP_STEP || d == null || !ccGuest(m)) {
			return;
		}
		List<Outcome> entries = r.outcome() instanceof Outcome.Sg sg ? sg.entries() : List.of(r.outcome());
		for (Outcome o : entries) {
			if (o instanceof Outcome.Bounce b) {
				boolean shared = m.stateOf(b.slotPhys(), 1) == PageState.SHARED;
				boolean fdu = m.fdu(d);
				if (shared != fdu) {
					v.accept(d.getName() + " (FDU " + fdu + (m.t1(d) ? ", T=1" : "") + ") bounced through " + b.pool() + " slot at "
							+ Hex.of(b.slotPhys()) + ", which is " + (shared ? "shared" : "private"));
				}
			}
		}
	}

	/** 9: every returned DMA address range lies within limit(dev) (the coherent limit for allocations). */
	static void reachable(StepResult r, MachineView m, Consumer<String> v) {
		Device d = r.device();
		if (d == null) {
			return;
		}
		long limit = r.kind == CocoPackage.ALLOC_STEP ? PlatformFacts.coherentLimit(d) : PlatformFacts.streamingLimit(d);
		List<Handed> hs = handed(r);
		for (int i = 0; i < hs.size(); i++) {
			Handed h = hs.get(i);
			long last = h.address() + h.memory().size() - 1;
			if (Long.compareUnsigned(last, limit) > 0) {
				v.accept("address range ending at " + Hex.of(last) + " is beyond the device limit " + Hex.of(limit));
			}
		}
	}

	/** 10: MMIO is never bounced. */
	static void mmioNeverBounced(StepResult r, MachineView m, Consumer<String> v) {
		if (r.kind == CocoPackage.MAP_STEP && isMmio((MapStep) r.step())) {
			List<Outcome> entries = r.outcome() instanceof Outcome.Sg sg ? sg.entries() : List.of(r.outcome());
			if (entries.stream().anyMatch(Outcome.Bounce.class::isInstance)) {
				v.accept("an MMIO range was bounced: " + r.outcome().describe());
			}
		}
	}

	/** 11: a CC_SHARED mapping succeeds only on the direct path (profiles that know the attribute). */
	static void ccSharedDirectOnly(StepResult r, MachineView m, Consumer<String> v) {
		if (r.kind != CocoPackage.MAP_STEP || !m.facts().ccSharedKnown() || !r.outcome().success()) {
			return;
		}
		MapStep ms = (MapStep) r.step();
		if (!ms.getAttrs().contains(Attr.CC_SHARED) && !ms.getAttrs().contains(Attr.CC_DECRYPTED)) {
			return;
		}
		List<Outcome> entries = r.outcome() instanceof Outcome.Sg sg ? sg.entries() : List.of(r.outcome());
		if (entries.stream().anyMatch(o -> o instanceof Outcome.Iova || o instanceof Outcome.Ops)) {
			v.accept("CC_SHARED mapping went through a non-direct path and the attribute was ignored: "
					+ r.outcome().describe());
		}
	}

	/** 12 (series-v7): callers never pass CC_SHARED / __ALLOC_CC_SHARED to dma_alloc_attrs. */
	static void allocAttrHygiene(StepResult r, MachineView m, Consumer<String> v) {
		if (r.kind == CocoPackage.ALLOC_STEP && m.facts().profile() == Profile.SERIES_V7
				&& ((AllocStep) r.step()).getSource() instanceof CoherentAlloc c) {
			for (Attr at : c.getAttrs()) {
				if (at == Attr.CC_SHARED || at == Attr.CC_DECRYPTED || at == Attr.ALLOC_CC_SHARED) {
					v.accept("dma_alloc_attrs called with " + at.getLiteral() + " (" + r.outcome().describe() + ")");
				}
			}
		}
	}

	/** 13: cc_accepted / tdi_enabled only in RUN (checked on the TSM step that changed the device). */
	static void tsmTransitions(StepResult r, MachineView m, Consumer<String> v) {
		if (r.kind == CocoPackage.TSM_STEP && r.step() instanceof TsmStep t && t.getDevice() != null && t.getDevice().isTdisp()) {
			TsmState s = m.tsmState(t.getDevice());
			if (m.accepted(t.getDevice()) && s != TsmState.RUN) {
				v.accept(t.getDevice().getName() + " is still accepted in state " + s.getLiteral());
			}
		}
	}

	/** 14 (SEV-SNP): size_class(IOMMU S2 leaf) == RMP page size for every DMA-reachable range. */
	static void rmpSize(StepResult r, MachineView m, Consumer<String> v) {
		PlatformFacts f = m.facts();
		Device d = r.device();
		if (f.technology() != Technology.SEV_SNP || d == null || d.getIommuLeaf() == 0 || f.platform().getRmpPageSize() == 0
				|| handed(r).isEmpty()) {
			return;
		}
		if (!RmpRule.ok(d.getIommuLeaf(), f.platform().getRmpPageSize())) {
			v.accept(d.getName() + " can reach memory the RMP check refuses: "
					+ RmpRule.explain(d.getIommuLeaf(), f.platform().getRmpPageSize()));
		}
	}

	/** 16: a freed buffer or a released swiotlb slot is never still mapped. */
	static void noStaleMapping(StepResult r, MachineView m, Consumer<String> v) {
		boolean free = r.kind == CocoPackage.FREE_STEP && ((FreeStep) r.step()).getBuffer() != null;
		if (!free && r.kind != CocoPackage.UNMAP_STEP) {
			return;
		}
		List<String> stale = m.staleMappings();
		if (stale.isEmpty()) { // the usual case: no text to build
			return;
		}
		String freed = free ? "freed buffer " + ((FreeStep) r.step()).getBuffer().getName() : null;
		for (String s : stale) {
			if ((freed != null && s.contains(freed + " ")) || s.contains("released swiotlb slot")) {
				v.accept(s);
			}
		}
	}
}

package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.CoherentAlloc;
import org.coco.dsl.coco.ConfigSwitch;
import org.coco.dsl.coco.ConvertOp;
import org.coco.dsl.coco.ConvertStep;
import org.coco.dsl.coco.CpuMapStep;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.DmaPagesAlloc;
import org.coco.dsl.coco.ExpectDataStep;
import org.coco.dsl.coco.Expectation;
import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.Gfp;
import org.coco.dsl.coco.HeapAlloc;
import org.coco.dsl.coco.MapKind;
import org.coco.dsl.coco.MapSource;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.PageAlloc;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.SyncStep;
import org.coco.dsl.coco.Technology;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.coco.UnmapStep;
import org.coco.dsl.coco.WriteStep;
import org.coco.dsl.coco.Writer;
import org.eclipse.emf.ecore.impl.BasicEObjectImpl;

/** Runs one step on the machine and checks its expectations. */
final class StepExecutor {
	private final Machine m;
	/** Steps known resolved (null: every step is walked, as a run executes each once). */
	final ResolvedSteps resolved;

	StepExecutor(Machine m, ResolvedSteps resolved) {
		this.m = m;
		this.resolved = resolved;
	}

	/**
	 * What expectations look at besides the outcome: the device and memory the step is about. Scratch of
	 * one executor, {@link #reset()} per step; {@link #reached()} copies the memory into the result.
	 */
	static final class Subject {
		Device device;
		private final ScratchList<MemRange> memory = new ScratchList<>();

		void add(long phys, long size) {
			memory.add(new MemRange(phys, size));
		}

		void addAll(List<Buf.Chunk> chunks) {
			for (int i = 0; i < chunks.size(); i++) {
				add(chunks.get(i).phys(), chunks.get(i).size());
			}
		}

		/** The memory added, as an immutable list of its own: becomes the result's {@link StepResult#reached()}. */
		List<MemRange> reached() {
			return memory.freeze();
		}

		void reset() {
			device = null;
			memory.clear();
		}
	}

	/** Per-step scratch, reset by {@link #executeResolved}: the executor runs one step at a time. */
	private final StepLog log = new StepLog();
	private final Subject subject = new Subject();

	/** The single-valued references of each step class, in EMF's order (asked once per step, so kept). */
	private static final EClassCache<SingleReferences> SINGLE_REFERENCES = new EClassCache<>(SingleReferences::of);

	/**
	 * A class's single-valued references and their feature ids (eGet by id skips the feature-to-id lookup), and
	 * the ids of its many-valued references (the steps' expectations), which only {@link #hasProxyIn} reads.
	 */
	private record SingleReferences(org.eclipse.emf.ecore.EReference[] refs, int[] ids, int[] manyIds) {
		static SingleReferences of(org.eclipse.emf.ecore.EClass c) {
			org.eclipse.emf.ecore.EReference[] refs = c.getEAllReferences().stream().filter(x -> !x.isMany())
					.toArray(org.eclipse.emf.ecore.EReference[]::new);
			int[] ids = new int[refs.length];
			for (int i = 0; i < refs.length; i++) {
				ids[i] = c.getFeatureID(refs[i]);
			}
			int[] manyIds = c.getEAllReferences().stream().filter(org.eclipse.emf.ecore.EReference::isMany)
					.mapToInt(c::getFeatureID).toArray();
			return new SingleReferences(refs, ids, manyIds);
		}
	}

	/**
	 * Editors run the engine on half-typed models: a step whose references do not resolve is reported
	 * as an ERROR outcome instead of being executed. This walk says which reference, or null.
	 *
	 * <p>{@code resolve}: resolve proxies as it goes (Xtext links lazily). Without, nothing is resolved and
	 * {@link #PROXY} is returned if any reference of the object or of what it contains is a proxy (the
	 * many-valued ones, such as expectations, included); otherwise the answer is the resolving walk's,
	 * since there is nothing to resolve. Resolving changes the resource, which threads running steps of
	 * one model side by side ({@link ScenarioRunner#runAll}) must not do at once: a step with a proxy runs
	 * under {@link #RESOLVING}, every other step only reads. {@code nulls[0]} is set when some single-valued
	 * reference (of the object or of what it contains) is null.
	 */
	private static String unresolved(org.eclipse.emf.ecore.EObject o, boolean[] nulls, boolean resolve) {
		// The model's objects are BasicEObjectImpls: through that class the calls below are virtual calls and
		// its type check one compare, where the EObject / InternalEObject interfaces, over the many classes
		// met here, cost an interface dispatch and a search of the supertypes each.
		BasicEObjectImpl bo = o instanceof BasicEObjectImpl b ? b : null;
		org.eclipse.emf.ecore.InternalEObject io = bo != null ? bo : (org.eclipse.emf.ecore.InternalEObject) o;
		SingleReferences sr = singleReferences(o);
		org.eclipse.emf.ecore.EReference[] refs = sr.refs();
		String missing = null;
		for (int i = 0; i < refs.length; i++) {
			org.eclipse.emf.ecore.EReference r = refs[i];
			int id = sr.ids()[i];
			Object v = bo != null ? bo.eGet(id, resolve, true) : io.eGet(id, resolve, true);
			if (v != null) { // a single reference holds an EObject or null
				BasicEObjectImpl bv = v instanceof BasicEObjectImpl b ? b : null;
				if (bv != null ? bv.eIsProxy() : ((org.eclipse.emf.ecore.EObject) v).eIsProxy()) {
					if (!resolve) {
						return PROXY;
					}
					return r.getName();
				}
				if (r.isContainment()) {
					String inner = unresolved(bv != null ? bv : (org.eclipse.emf.ecore.EObject) v, nulls, resolve);
					if (inner == PROXY) {
						return PROXY;
					}
					if (inner != null) {
						if (resolve) {
							return inner;
						}
						missing = missing == null ? inner : missing; // look on for proxies
					}
				}
			} else {
				if (r.getLowerBound() > 0) {
					if (resolve) {
						return r.getName();
					}
					missing = missing == null ? r.getName() : missing;
				}
				if (nulls != null) {
					nulls[0] = true;
				}
			}
		}
		if (!resolve && hasProxyIn(io, sr.manyIds())) {
			return PROXY;
		}
		return missing;
	}

	/** {@link #unresolved}'s answer without resolving when some reference is a proxy (compared by identity). */
	private static final String PROXY = new String("proxy");

	/** Whether a many-valued reference holds a proxy, or an object it contains has one anywhere. */
	private static boolean hasProxyIn(org.eclipse.emf.ecore.InternalEObject o, int[] manyIds) {
		for (int id : manyIds) {
			List<?> l = (List<?>) o.eGet(id, false, true);
			for (int i = 0; i < l.size(); i++) {
				// basicGet: the element as stored (a resolving list's get would resolve it)
				Object v = l instanceof org.eclipse.emf.ecore.util.InternalEList<?> il ? il.basicGet(i) : l.get(i);
				org.eclipse.emf.ecore.EObject e = (org.eclipse.emf.ecore.EObject) v;
				if (e.eIsProxy() || e.eContainer() == o && unresolved(e, null, false) == PROXY) {
					return true;
				}
			}
		}
		return false;
	}

	/** Held while a step with a proxy runs: one thread resolves references at a time (see {@link #unresolved}). */
	static final Object RESOLVING = new Object();

	/**
	 * Facts of a generated coco class (whose objects all have the one EClass) kept by its Java class: eClass() costs
	 * two megamorphic calls per object. A direct-mapped table, entries replaced on collision.
	 */
	private static final ByClass[] BY_CLASS = new ByClass[64];

	private record ByClass(Class<?> type, SingleReferences refs, int classifierId) {
	}

	private static ByClass byClass(org.eclipse.emf.ecore.EObject o) {
		Class<?> c = o.getClass();
		int slot = System.identityHashCode(c) & (BY_CLASS.length - 1);
		ByClass e = BY_CLASS[slot];
		if (e != null && e.type() == c) {
			return e;
		}
		org.eclipse.emf.ecore.EClass ec = o.eClass();
		e = new ByClass(c, SINGLE_REFERENCES.get(ec), ec.getClassifierID());
		if (c.getName().startsWith("org.coco.dsl.coco.impl.")) { // a generated class: one EClass per Java class
			BY_CLASS[slot] = e; // racy but safe: an immutable record, any winner is right
		}
		return e;
	}

	/** The object's single references. */
	private static SingleReferences singleReferences(org.eclipse.emf.ecore.EObject o) {
		return byClass(o).refs();
	}

	/** Scratch of {@link #execute}: whether the step has a null reference. */
	private final boolean[] nulls = new boolean[1];

	/**
	 * What {@link #execute} knows of a step's references before it runs: from the resolved steps kept, else
	 * read without resolving ({@link #unresolved}): {@link #WALK} when a reference is a proxy (run the step
	 * under {@link #RESOLVING}, resolving), else resolved ({@link #RESOLVED}, {@link #RESOLVED_WITH_NULL}) or
	 * {@link #MISSING} (the name in {@link #missing}).
	 */
	int references(Step step) {
		ResolvedSteps known = resolved;
		int seen = known == null ? 0 : known.lookup(step);
		if (seen != 0) {
			return seen;
		}
		nulls[0] = false;
		String m = unresolved(step, nulls, false);
		if (m == PROXY) {
			return WALK;
		}
		if (m != null) {
			missing = m;
			return MISSING;
		}
		if (known != null) {
			known.add(step, nulls[0]);
		}
		return nulls[0] ? RESOLVED_WITH_NULL : RESOLVED;
	}

	static final int WALK = 0, RESOLVED = 1, RESOLVED_WITH_NULL = 2, MISSING = 3;

	/** The unresolved reference {@link #references} found last. */
	private String missing;

	/** Runs the step; {@code refs}: what {@link #references} said of it (with WALK, under {@link #RESOLVING}). */
	StepResult execute(Step step, int index, int refs) {
		boolean hasNull;
		String missing = refs == MISSING ? this.missing : null;
		if (refs == WALK) {
			nulls[0] = false;
			missing = unresolved(step, nulls, true);
			if (missing == null && resolved != null) {
				resolved.add(step, nulls[0]);
			}
		}
		if (missing != null) {
			StepLog log = new StepLog();
			log.rule("model", "unresolved reference");
			return new StepResult(step, index, step.eClass().getName(), new Outcome.Error("unresolved reference '" + missing + "'"),
					log.last(), log.path(), log.warnings, log.notes, log.changes, 0, List.of());
		}
		hasNull = refs == WALK ? nulls[0] : refs == RESOLVED_WITH_NULL;
		try {
			// The description is computed when read (StepPrinter.traced), from references that are all set:
			// it cannot fail then. A step with a null reference (a half-typed model) is described before it
			// runs, as always, so a description that fails still makes the step an engine error untouched.
			String desc = hasNull ? StepPrinter.traced(step) : null;
			return executeResolved(step, index, desc);
		} catch (RuntimeException e) {
			// never let one step break the caller (validator, editor); the outcome says what happened
			StepLog log = new StepLog();
			log.rule("model", "engine error");
			return new StepResult(step, index, step.eClass().getName(), new Outcome.Error("engine error: " + e),
					log.last(), log.path(), log.warnings, log.notes, log.changes, 0, List.of());
		}
	}

	private StepResult executeResolved(Step step, int index, String desc) {
		StepLog log = this.log;
		log.reset();
		Subject subj = subject;
		subj.reset();
		Outcome outcome;
		List<Expectation> expects = List.of();
		ExpectationResult dataCheck = null;
		// by classifier id: one int switch and one cast instead of a chain of interface type checks
		int kind = kind(step);
		switch (kind) {
		case CocoPackage.TSM_STEP -> {
			TsmStep t = (TsmStep) step;
			subj.device = t.getDevice();
			outcome = TsmStateMachine.apply(m, m.dev(t.getDevice()), t.getOp(), t.getTsm(), t.isFail(), log);
			expects = t.getExpectations();
		}
		case CocoPackage.ALLOC_STEP -> {
			AllocStep a = (AllocStep) step;
			outcome = alloc(a, subj, log);
			expects = a.getExpectations();
		}
		case CocoPackage.MAP_STEP -> {
			MapStep ms = (MapStep) step;
			outcome = map(ms, subj, log);
			expects = ms.getExpectations();
		}
		case CocoPackage.UNMAP_STEP -> {
			UnmapStep u = (UnmapStep) step;
			outcome = unmap(u, subj, log);
			expects = u.getExpectations();
		}
		case CocoPackage.SYNC_STEP -> {
			SyncStep s = (SyncStep) step;
			Mapping mp = m.mappings.get(s.getMapping());
			if (mp == null) {
				log.rule("§4.8", "dma_sync_single");
				outcome = new Outcome.Error(s.getMapping().getName() + " is not a mapping");
			} else {
				subj.device = mp.device;
				reached(mp, subj);
				outcome = SyncUnmap.sync(m, mp, s.getTarget(), log);
			}
			expects = s.getExpectations();
		}
		case CocoPackage.FREE_STEP -> {
			FreeStep f = (FreeStep) step;
			Buf b = m.buffers.get(f.getBuffer());
			if (b == null) {
				log.rule("§4.7", "free");
				outcome = new Outcome.Error(f.getBuffer().getName() + " is not an allocated buffer");
			} else {
				subj.device = b.device;
				subj.addAll(b.chunks);
				Mapping live = m.lastMapping.get(b);
				if (live != null && live.live && b.live) {
					log.note("buffer freed while mapping " + live.name + " is still live (DMA-API debug would report it)");
				}
				outcome = FreePaths.free(m, b, f.isFail(), log);
			}
			expects = f.getExpectations();
		}
		case CocoPackage.CONVERT_STEP -> {
			ConvertStep c = (ConvertStep) step;
			outcome = convert(c, subj, log);
			expects = c.getExpectations();
		}
		case CocoPackage.CPU_MAP_STEP -> {
			CpuMapStep cm = (CpuMapStep) step;
			Buf b = m.buffers.get(cm.getBuffer());
			if (b == null) {
				log.rule("§3", cm.getOp().getLiteral());
				outcome = new Outcome.Error(cm.getBuffer().getName() + " is not an allocated buffer");
			} else {
				subj.addAll(b.chunks);
				outcome = Heaps.cpuMap(m, b, cm.getOp(), log);
			}
			expects = cm.getExpectations();
		}
		case CocoPackage.WRITE_STEP -> {
			WriteStep w = (WriteStep) step;
			outcome = write(w, subj, log);
			expects = w.getExpectations();
		}
		case CocoPackage.EXPECT_DATA_STEP -> {
			ExpectDataStep c = (ExpectDataStep) step;
			outcome = read(c.getBuffer(), c.isDeviceView(), subj, log);
			Long seen = outcome instanceof Outcome.Data dt ? dt.pattern() : null;
			boolean pass = seen != null && seen == c.getPattern();
			dataCheck = new ExpectationResult(c, pass, (c.isDeviceView() ? "device" : "cpu") + " sees " + Hex.of(c.getPattern()),
					outcome.describe(), log.last());
		}
		default -> outcome = new Outcome.Error("step kind not supported");
		}
		List<ExpectationResult> results = dataCheck == null ? List.of() : List.of(dataCheck);
		boolean violationExpected = false;
		if (!expects.isEmpty()) { // most steps expect nothing: no state lookup, no list
			PageState state = subjectState(subj);
			results = new ArrayList<>(results);
			for (int i = 0; i < expects.size(); i++) {
				Expectation e = expects.get(i);
				if (e instanceof org.coco.dsl.coco.ExpectViolation) {
					violationExpected = true;
					continue; // judged after the invariant checks (Session.step)
				}
				results.add(ExpectationChecker.check(e, outcome, log, state, subj.device == null ? null : m.t1(subj.device)));
			}
		}
		StepResult r = new StepResult(step, kind, index, desc, outcome, log.last(), log.path(), log.warnings, log.notes,
				log.changes, log.leaked, results, subj.device, subj.reached(), log.conversions, log.freed);
		r.violationExpected = violationExpected;
		return r;
	}

	/** The step's classifier id. */
	static int kind(Step step) {
		return byClass(step).classifierId();
	}

	private PageState subjectState(Subject s) {
		if (s.memory.size() == 0) {
			return null;
		}
		PageState st = null;
		for (int i = 0; i < s.memory.size(); i++) {
			MemRange c = s.memory.get(i);
			PageState x = m.stateOf(c.phys(), c.size());
			if (st == null) {
				st = x;
			} else if (st != x) {
				return PageState.UNKNOWN;
			}
		}
		return st;
	}

	// ------------------------------------------------------------------ allocation

	private Outcome alloc(AllocStep a, Subject subj, StepLog log) {
		Buffer name = a.getBuffer();
		Outcome o;
		Buf b;
		if (a.getSource() instanceof PageAlloc p) {
			b = new Buf(name.getName(), Buf.Kind.PAGES);
			PageAllocator.Zone z = PageAllocator.Zone.NORMAL;
			if (p.isHighmem()) {
				if (m.facts.config(ConfigSwitch.HIGHMEM)) {
					z = PageAllocator.Zone.HIGHMEM;
				} else {
					log.note("highmem requested without CONFIG_HIGHMEM: ZONE_NORMAL pages");
				}
			}
			long bytes = Layout.pageAlign(p.getSize());
			long phys = m.pages.alloc(z, bytes);
			if (phys < 0) {
				log.rule("§3 page allocator", "alloc_pages");
				o = new Outcome.Null("out of memory");
			} else {
				b.chunks.add(new Buf.Chunk(phys, bytes));
				log.rule("§3 page allocator", "alloc_pages (private in a CVM)");
				o = new Outcome.Allocated(phys, bytes, "page allocator" + (z == PageAllocator.Zone.HIGHMEM ? " (highmem)" : ""), null, null);
			}
		} else if (a.getSource() instanceof HeapAlloc h) {
			b = new Buf(name.getName(), Buf.Kind.HEAP);
			o = Heaps.allocate(m, b, h.getHeap(), h.getSize(), h.isFail(), log);
		} else if (a.getSource() instanceof CoherentAlloc c) {
			b = new Buf(name.getName(), Buf.Kind.COHERENT);
			subj.device = c.getDevice();
			Set<Attr> attrs = c.getAttrs().isEmpty() ? EnumSet.noneOf(Attr.class) : EnumSet.copyOf(c.getAttrs());
			if (attrs.remove(Attr.CC_DECRYPTED)) {
				attrs.add(Attr.CC_SHARED);
				log.note("DMA_ATTR_CC_DECRYPTED is the seed (v2) name of DMA_ATTR_CC_SHARED");
			}
			if (!m.facts.ccSharedKnown() && attrs.remove(Attr.CC_SHARED)) {
				log.note("DMA_ATTR_CC_SHARED does not exist in profile base: ignored");
			}
			o = CoherentAllocator.allocCoherent(m, b, c.getDevice(), c.getSize(), c.getGfp() == Gfp.ATOMIC, attrs, c.isFail(), log);
		} else if (a.getSource() instanceof DmaPagesAlloc d) {
			b = new Buf(name.getName(), Buf.Kind.DMA_PAGES);
			subj.device = d.getDevice();
			o = CoherentAllocator.allocPages(m, b, d.getDevice(), d.getSize(), d.getGfp() == Gfp.ATOMIC, d.isFail(), log);
		} else {
			return new Outcome.Error("unknown allocation");
		}
		// a failed allocation's subject is what it leaked (if anything)
		subj.addAll(b.chunks);
		if (!(o instanceof Outcome.Allocated)) {
			b.live = false;
			b.chunks.clear();
		}
		m.buffers.put(name, b);
		return o;
	}

	// ------------------------------------------------------------------ map / unmap

	private Outcome map(MapStep ms, Subject subj, StepLog log) {
		Device d = ms.getDevice();
		subj.device = d;
		MapSource src = ms.getTarget().getRef();
		Set<Attr> attrs = MapRouter.normalise(m, ms.getAttrs(), log);
		MapKind kind = kindSet(ms) ? ms.getKind() : null;
		List<Buf.Chunk> ranges = null;
		boolean mmio = false;
		Buf buf = null;
		if (src instanceof Mmio mm) {
			mmio = true;
			attrs.add(Attr.MMIO);
			if (kind == null) {
				kind = MapKind.RESOURCE;
			}
			long size = ms.getSize() != 0 ? ms.getSize() : mm.getSize() - ms.getOffset();
			ranges = new ArrayList<>();
			ranges.add(new Buf.Chunk(mm.getBase() + ms.getOffset(), size));
		} else if (src instanceof Buffer bn) {
			buf = m.buffers.get(bn);
			if (buf == null || !buf.live) {
				log.rule("§4.1", "dma_map");
				return new Outcome.Error(bn.getName() + (buf == null ? " is not an allocated buffer" : " was freed"));
			}
			if (kind == MapKind.RESOURCE) {
				attrs.add(Attr.MMIO);
				mmio = true;
			}
			if (MapRouter.isCcSharedHeap(buf)) {
				if (m.facts.ccSharedKnown()) {
					attrs.add(Attr.CC_SHARED);
				}
				log.note("system_cc_shared heap attachment maps with DMA_ATTR_CC_SHARED (dma_map_sgtable)");
				if (kind == null) {
					kind = MapKind.SG;
				}
			} else if (buf.kind == Buf.Kind.HEAP && kind == null) {
				kind = MapKind.SG;
			}
			if (ms.getOffset() != 0 || ms.getSize() != 0) {
				long size = ms.getSize() != 0 ? ms.getSize() : buf.size() - ms.getOffset();
				ranges = new ArrayList<>();
				ranges.add(new Buf.Chunk(buf.phys() + ms.getOffset(), size));
			} else {
				ranges = buf.chunks; // MapRouter.map only reads them: no copy
			}
		}
		if (ranges == null) {
			ranges = new ArrayList<>();
		}
		if (kind == null) {
			kind = MapKind.SINGLE;
		}
		String mname = ms.getMapping() != null ? ms.getMapping().getName() : "(unnamed)";
		Mapping mp = new Mapping(mname, d, ms.getDirection(), EnumSet.copyOf(attrsOrNone(attrs)), mmio);
		Outcome o = MapRouter.map(m, mp, ranges, kind, attrs, log);
		mp.buf = buf;
		mp.key = ms.getMapping();
		if (mp.segments.isEmpty()) {
			mp.live = false;
			mp.mapped = false;
		} else {
			m.liveMapped.add(mp);
			if (buf != null) {
				m.lastMapping.put(buf, mp);
			}
		}
		if (ms.getMapping() != null) {
			m.mappings.put(ms.getMapping(), mp);
		}
		reached(mp, subj);
		return o;
	}

	/**
	 * Whether the map step says its kind (`map sg ...`): eIsSet by feature id, as eIsSet by feature first
	 * maps the feature to its id through the class.
	 */
	static boolean kindSet(MapStep ms) {
		return ms instanceof BasicEObjectImpl b ? b.eIsSet(CocoPackage.MAP_STEP__KIND)
				: ms.eIsSet(CocoPackage.Literals.MAP_STEP__KIND);
	}

	private static Set<Attr> attrsOrNone(Set<Attr> a) {
		return a.isEmpty() ? EnumSet.noneOf(Attr.class) : a;
	}

	private void reached(Mapping mp, Subject subj) {
		for (Mapping.Segment s : mp.segments) {
			subj.add(s.reached(), s.size);
		}
	}

	private Outcome unmap(UnmapStep u, Subject subj, StepLog log) {
		Mapping mp = m.mappings.get(u.getMapping());
		if (mp == null) {
			log.rule("§4.8", "dma_unmap_phys");
			return new Outcome.Error(u.getMapping().getName() + " is not a mapping");
		}
		subj.device = mp.device;
		reached(mp, subj);
		// callers pass the map's attributes again; SKIP_CPU_SYNC only if the unmap says so
		Set<Attr> attrs = EnumSet.copyOf(attrsOrNone(mp.attrs));
		attrs.remove(Attr.SKIP_CPU_SYNC);
		attrs.addAll(MapRouter.normalise(m, u.getAttrs(), log));
		return SyncUnmap.unmap(m, mp, attrs, log);
	}

	// ------------------------------------------------------------------ conversion, data

	private Outcome convert(ConvertStep c, Subject subj, StepLog log) {
		Buf b = m.buffers.get(c.getBuffer());
		String fn = c.getOp().getLiteral();
		if (b == null || !b.live) {
			log.rule("§1.1 set_memory_*", fn);
			return new Outcome.Error(c.getBuffer().getName() + " is not a live buffer");
		}
		subj.addAll(b.chunks);
		boolean ok = true;
		for (Buf.Chunk ch : b.chunks) {
			ok &= c.getOp() == ConvertOp.DECRYPT ? m.decrypt(ch.phys(), ch.size(), c.isFail(), fn, log)
					: m.encrypt(ch.phys(), ch.size(), c.isFail(), fn, log);
		}
		log.rule("§1.1 what decrypt means" + (m.facts.conversionActive() ? "" : " (non-CC: no-op)"), fn);
		if (!ok) {
			log.note("pages whose state is unknown after a failure must be leaked (§1.1)");
			return new Outcome.Failed(Machine.CONVERSION_ERRNO, fn + " failed");
		}
		return new Outcome.Ok(fn);
	}

	/** The memory a device reaches for a buffer or mapping name, with the DMA address used. */
	private record Reach(Device device, List<Mapping.Segment> segments, String problem) {
	}

	private Reach deviceReach(Buffer name) {
		Mapping mp = m.mappings.get(name);
		Buf b = m.buffers.get(name);
		if (mp == null && b != null) {
			if (!b.live) {
				return new Reach(null, List.of(), name.getName() + " was freed");
			}
			if (b.handle != null) {
				List<Mapping.Segment> segs = new ArrayList<>();
				for (Buf.Chunk c : b.chunks) {
					Mapping.Segment s = new Mapping.Segment(c.phys(), c.size());
					s.via = Mapping.Via.DIRECT;
					s.dma = b.handle + (c.phys() - b.phys());
					s.encoding = b.handleEncoding;
					segs.add(s);
				}
				return new Reach(b.device, segs, null);
			}
			mp = m.lastMapping.get(b);
		}
		if (mp == null) {
			return new Reach(null, List.of(), name.getName() + " has no DMA mapping");
		}
		if (!mp.live) {
			return new Reach(mp.device, List.of(), "mapping " + mp.name + " is not live");
		}
		return new Reach(mp.device, mp.segments, null);
	}

	/** §2.3 / §5.1 / §5.2 device access checks; null if the access goes through. */
	private Outcome access(Device d, Mapping.Segment s, StepLog log) {
		PlatformFacts f = m.facts;
		if (f.technology() == Technology.SEV_SNP && f.platform().getRmpPageSize() != 0 && d.getIommuLeaf() != 0) {
			if (!RmpRule.ok(d.getIommuLeaf(), f.platform().getRmpPageSize())) {
				log.rule("§5.1 RMP page-size rule", "IOMMU walk + RMP check");
				return new Outcome.Error("RMP check fails: " + RmpRule.explain(d.getIommuLeaf(), f.platform().getRmpPageSize()));
			}
			log.note("§5.1 " + RmpRule.explain(d.getIommuLeaf(), f.platform().getRmpPageSize()));
		}
		if (!f.isGuest() || s.via == Mapping.Via.OPS) {
			return null;
		}
		if (d.isTdisp() && m.tsmState(d) == org.coco.dsl.coco.TsmState.LOCKED) {
			// ov-devsec: "depending on the TSM, T=0 DMA may also be blocked while locked"
			log.rule("§2.2 ov-devsec LOCKED", "T=0 DMA while locked (t0_dma_while_locked=" + m.params.t0DmaWhileLocked() + ")");
			switch (m.params.t0DmaWhileLocked()) {
			case "blocked":
				return new Outcome.Error("T=0 DMA blocked while the interface is CONFIG_LOCKED");
			case "unknown":
				return new Outcome.Unknown(Parameters.T0_DMA_WHILE_LOCKED, "T=0 DMA while CONFIG_LOCKED depends on the TSM (§2.2)");
			default:
				break;
			}
		}
		boolean cca = f.technology() == Technology.CCA_REALM;
		boolean ns = s.via == Mapping.Via.IOVA || (s.dma & f.protNsShared()) != 0;
		Stage2Rule.Result r = Stage2Rule.check(m.t1(d), m.stateOf(s.reached(), s.size), cca, ns, m.params.t1SharedAccess());
		log.rule(cca ? "§5.2 CCA T=0/T=1 stage 2" : "§2.3 T=0/T=1 access", (m.t1(d) ? "T=1" : "T=0") + " device access");
		return switch (r.verdict()) {
		case OK -> null;
		case FAULT -> new Outcome.Error(r.reason());
		case UNKNOWN -> new Outcome.Unknown(r.reason().contains("t1_shared_access") ? Parameters.T1_SHARED_ACCESS : "page state",
				r.reason());
		};
	}

	private Outcome write(WriteStep w, Subject subj, StepLog log) {
		Buffer name = w.getBuffer();
		if (w.getWriter() == Writer.CPU) {
			List<Buf.Chunk> cpu = cpuView(name);
			if (cpu == null) {
				log.rule("§4.8 data", "CPU write");
				return new Outcome.Error(name.getName() + " is not a live buffer or mapping");
			}
			subj.addAll(cpu);
			for (Buf.Chunk c : cpu) {
				m.memory.put(c.phys(), c.phys() + c.size(), w.getPattern());
			}
			log.rule("§4.8 data", "CPU write to the original buffer");
			return new Outcome.Ok("cpu wrote " + Hex.of(w.getPattern()));
		}
		Reach r = deviceReach(name);
		subj.device = r.device();
		if (r.problem() != null) {
			log.rule("§4.8 data", "device write");
			return new Outcome.Error(r.problem());
		}
		for (Mapping.Segment s : r.segments()) {
			subj.add(s.reached(), s.size);
			Outcome bad = access(r.device(), s, log);
			if (bad != null) {
				return bad;
			}
		}
		for (Mapping.Segment s : r.segments()) {
			m.memory.put(s.reached(), s.reached() + s.size, w.getPattern());
		}
		log.rule("§4.8 data", "device write through " + r.segments().get(0).via.name().toLowerCase() + " "
				+ Hex.of(r.segments().get(0).dma) + " (memory " + Hex.of(r.segments().get(0).reached()) + ")");
		return new Outcome.Ok("device wrote " + Hex.of(w.getPattern()));
	}

	private List<Buf.Chunk> cpuView(Buffer name) {
		Mapping mp = m.mappings.get(name);
		if (mp != null) {
			List<Buf.Chunk> out = new ArrayList<>();
			for (Mapping.Segment s : mp.segments) {
				out.add(new Buf.Chunk(s.orig, s.size));
			}
			return out.isEmpty() ? null : out;
		}
		Buf b = m.buffers.get(name);
		return b == null || !b.live ? null : b.chunks;
	}

	private Outcome read(Buffer name, boolean device, Subject subj, StepLog log) {
		List<Buf.Chunk> ranges = new ArrayList<>();
		if (!device) {
			List<Buf.Chunk> cpu = cpuView(name);
			if (cpu == null) {
				log.rule("§4.8 data", "CPU read");
				return new Outcome.Error(name.getName() + " is not a live buffer or mapping");
			}
			ranges.addAll(cpu);
			log.rule("§4.8 data", "CPU read of the original buffer");
		} else {
			Reach r = deviceReach(name);
			subj.device = r.device();
			if (r.problem() != null) {
				log.rule("§4.8 data", "device read");
				return new Outcome.Error(r.problem());
			}
			for (Mapping.Segment s : r.segments()) {
				Outcome bad = access(r.device(), s, log);
				if (bad != null) {
					return bad;
				}
				ranges.add(new Buf.Chunk(s.reached(), s.size));
			}
			log.rule("§4.8 data", "device read of " + Hex.of(ranges.get(0).phys()));
		}
		subj.addAll(ranges);
		Long v = null;
		boolean first = true;
		final long mixed = Long.MIN_VALUE + 7;
		for (Buf.Chunk c : ranges) {
			Long x = m.memory.uniform(c.phys(), c.phys() + c.size(), mixed);
			if (first) {
				v = x;
				first = false;
			} else if (!java.util.Objects.equals(v, x)) {
				v = mixed;
			}
		}
		String view = device ? "device" : "cpu";
		if (v == null) {
			return new Outcome.Data(null, view, "uninitialised bytes");
		}
		if (v == mixed) {
			return new Outcome.Data(null, view, "mixed bytes");
		}
		return new Outcome.Data(v, view, null);
	}
}

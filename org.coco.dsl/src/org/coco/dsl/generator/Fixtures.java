package org.coco.dsl.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.AtomicPool;
import org.coco.dsl.coco.CoherentPool;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.semantics.CcAttr;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.PageStateChange;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.semantics.Rule;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The fixture document of docs/fixtures.md (schema docs/coco-fixtures.schema.json): what the interpreter
 * says about every scenario of a file, as plain maps and lists for {@link Json}. `coco run --format json`
 * prints the same scenario objects, so there is one description of a run for machines.
 */
public final class Fixtures {
	private Fixtures() {
	}

	public static final String FORMAT = "coco-fixtures";
	/** Bumped on any incompatible change of the document; additions keep the version. */
	public static final int VERSION = 1;

	/**
	 * One step of one scenario, flattened for table-driven targets (KUnit). A class, not a record: the
	 * Xtend templates that read it do not resolve Java records.
	 */
	public static final class StepCase {
		public final String scenario;
		public final int step;
		public final String source;
		public final String op;
		public final String kind;
		public final String address;
		public final String pool;
		public final int errno;
		public final String outcome;
		public final String rule;

		StepCase(String scenario, int step, String source, String op, String kind, String address, String pool,
				int errno, String outcome, String rule) {
			this.scenario = scenario;
			this.step = step;
			this.source = source;
			this.op = op;
			this.kind = kind;
			this.address = address;
			this.pool = pool;
			this.errno = errno;
			this.outcome = outcome;
			this.rule = rule;
		}
	}

	/** Flattened step table of every scenario in a file, for KUnit. */
	public static List<StepCase> stepCases(Resource resource) {
		return stepCases(traces(resource));
	}

	/** Runs every scenario of the resource and describes the results. */
	public static Map<String, Object> document(Resource resource) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("$comment", GeneratedNames.MARKER + " from " + GeneratedNames.sourceName(resource)
				+ "; do not edit, regenerate with coco generate --target json");
		doc.put("format", FORMAT);
		doc.put("version", VERSION);
		doc.put("source", GeneratedNames.sourceName(resource));
		List<Object> scenarios = new ArrayList<>();
		for (Trace t : traces(resource)) {
			scenarios.add(scenario(t));
		}
		doc.put("scenarios", scenarios);
		return doc;
	}

	/** Traces of every scenario in the resource whose platform resolved, in source order. */
	public static List<Trace> traces(Resource resource) {
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
			return List.of();
		}
		return CocoRuntime.runAll(model, RunOptions.defaults());
	}

	public static Map<String, Object> scenario(Trace t) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", t.scenario().getName());
		m.put("source", location(t.scenario()));
		m.put("passed", t.passed() && t.findings().isEmpty());
		m.put("platform", platform(PlatformFacts.of(t.platform(), t.profile(), t.overlays())));
		Map<String, Object> params = new LinkedHashMap<>();
		t.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> params.put(e.getKey(), e.getValue()));
		m.put("parameters", params);
		m.put("boot", t.boot());
		List<Object> steps = new ArrayList<>();
		for (StepResult s : t.steps()) {
			steps.add(step(s));
		}
		m.put("steps", steps);
		List<Object> findings = new ArrayList<>();
		for (Finding f : t.findings()) {
			Map<String, Object> fm = new LinkedHashMap<>();
			fm.put("invariant", f.invariant());
			fm.put("source", location(f.step()));
			fm.put("message", f.message());
			fm.put("rule", rule(f.rule()));
			findings.add(fm);
		}
		m.put("findings", findings);
		return m;
	}

	private static Map<String, Object> step(StepResult s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("index", s.index() + 1);
		m.put("source", location(s.step()));
		m.put("text", s.description());
		m.put("outcome", outcome(s.outcome()));
		m.put("rule", rule(s.rule()));
		m.put("path", s.path().stream().map(Rule::text).toList());
		m.put("warnings", s.warnings());
		m.put("notes", s.notes());
		List<Object> changes = new ArrayList<>();
		for (PageStateChange c : s.stateChanges()) {
			Map<String, Object> cm = new LinkedHashMap<>();
			cm.put("phys", hex(c.phys()));
			cm.put("size", hex(c.size()));
			cm.put("from", c.from().name().toLowerCase());
			cm.put("to", c.to().name().toLowerCase());
			cm.put("cause", c.cause());
			changes.add(cm);
		}
		m.put("stateChanges", changes);
		m.put("leakedPages", s.leakedPages());
		List<Object> exps = new ArrayList<>();
		for (ExpectationResult e : s.expectations()) {
			Map<String, Object> em = new LinkedHashMap<>();
			em.put("source", location(e.source()));
			em.put("expected", e.expected());
			em.put("actual", e.actual());
			em.put("passed", e.passed());
			exps.add(em);
		}
		m.put("expectations", exps);
		return m;
	}

	/** The outcome kind: direct, bounce, iova, ops, allocated, error, null, leak, ok, failed, data, unknown, sg. */
	public static String kind(Outcome o) {
		return switch (o) {
		case Outcome.Direct d -> "direct";
		case Outcome.Bounce b -> "bounce";
		case Outcome.Iova i -> "iova";
		case Outcome.Ops op -> "ops";
		case Outcome.Allocated a -> "allocated";
		case Outcome.Error e -> "error";
		case Outcome.Null n -> "null";
		case Outcome.Leak l -> "leak";
		case Outcome.Ok ok -> "ok";
		case Outcome.Failed f -> "failed";
		case Outcome.Data d -> "data";
		case Outcome.Unknown u -> "unknown";
		case Outcome.Sg sg -> "sg";
		};
	}

	/** The DMA address (or allocation handle) of an outcome, or null. */
	public static Long address(Outcome o) {
		return switch (o) {
		case Outcome.Direct d -> d.address();
		case Outcome.Bounce b -> b.address();
		case Outcome.Iova i -> i.address();
		case Outcome.Ops op -> op.address();
		case Outcome.Allocated a -> a.handle();
		case Outcome.Sg sg -> sg.entries().isEmpty() ? null : address(sg.first());
		default -> null;
		};
	}

	public static Map<String, Object> outcome(Outcome o) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("kind", kind(o));
		m.put("success", o.success());
		m.put("text", o.describe());
		switch (o) {
		case Outcome.Direct d -> {
			m.put("address", hex(d.address()));
			m.put("encoding", d.encoding().label());
		}
		case Outcome.Bounce b -> {
			m.put("address", hex(b.address()));
			m.put("encoding", b.encoding().label());
			m.put("pool", b.pool());
			m.put("slot", b.slot());
			m.put("slotPhys", hex(b.slotPhys()));
		}
		case Outcome.Iova i -> m.put("address", hex(i.address()));
		case Outcome.Ops op -> m.put("address", hex(op.address()));
		case Outcome.Allocated a -> {
			m.put("phys", hex(a.phys()));
			m.put("size", hex(a.size()));
			m.put("from", a.source());
			if (a.handle() != null) {
				m.put("address", hex(a.handle()));
				m.put("encoding", a.encoding().label());
			}
		}
		case Outcome.Error e -> m.put("reason", e.reason());
		case Outcome.Null n -> m.put("reason", n.reason());
		case Outcome.Leak l -> {
			m.put("phys", hex(l.phys()));
			m.put("pages", l.pages());
		}
		case Outcome.Ok ok -> m.put("reason", ok.what() == null ? "" : ok.what());
		case Outcome.Failed f -> {
			m.put("errno", f.errno().name());
			m.put("errnoValue", -f.errno().code());
			m.put("reason", f.reason());
		}
		case Outcome.Data d -> {
			m.put("view", d.view());
			m.put("pattern", d.pattern() == null ? null : hex(d.pattern()));
		}
		case Outcome.Unknown u -> {
			m.put("parameter", u.parameter());
			m.put("reason", u.reason());
		}
		case Outcome.Sg sg -> m.put("entries", sg.entries().stream().map(Fixtures::outcome).toList());
		}
		return m;
	}

	/** What a harness needs to build the platform: the effective facts, not the source text. */
	public static Map<String, Object> platform(PlatformFacts f) {
		Platform p = f.platform();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", p.getName());
		m.put("source", location(p));
		m.put("technology", p.getTechnology().getLiteral());
		m.put("profile", f.profile().getLiteral());
		m.put("overlays", f.overlays().stream().map(Overlay::getLiteral).sorted().toList());
		m.put("ccPlatformHas", f.ccPlatformHas().stream().map(CcAttr::name).sorted().toList());
		m.put("guest", f.isGuest());
		if (f.hasCBit()) {
			m.put("cBit", f.cBit());
		}
		if (f.protNsShared() != 0) {
			m.put("ipaBits", f.ipaBits());
			m.put("protNsShared", hex(f.protNsShared()));
		}
		if (f.sharedGpaBoundary() != 0) {
			m.put("sharedGpaBoundary", hex(f.sharedGpaBoundary()));
		}
		m.put("swiotlbForced", f.swiotlbForced());
		m.put("iommuPassthrough", f.iommuPassthrough());
		List<Object> devices = new ArrayList<>();
		List<Object> pools = new ArrayList<>();
		List<Object> heaps = new ArrayList<>();
		List<Object> mmio = new ArrayList<>();
		for (PlatformMember member : p.getMembers()) {
			switch (member) {
			case Device d -> devices.add(device(f, d));
			case Heap h -> heaps.add(h.getKind().getLiteral());
			case Mmio r -> {
				Map<String, Object> rm = new LinkedHashMap<>();
				rm.put("name", r.getName());
				rm.put("base", hex(r.getBase()));
				rm.put("size", hex(r.getSize()));
				rm.put("private", r.isPrivate());
				rm.put("device", r.getDevice() == null ? null : r.getDevice().getName());
				mmio.add(rm);
			}
			case SwiotlbPool s -> pools.add(pool("swiotlb", s.getName(), s.getSize(), s.getBase()));
			case RestrictedPool r -> {
				Map<String, Object> rm = pool("restricted", r.getName(), r.getSize(), r.getBase());
				rm.put("decrypted", f.restrictedPoolDecrypted(r));
				pools.add(rm);
			}
			case AtomicPool a -> pools.add(pool("atomic", a.getZone().getLiteral(), a.getSize(), 0));
			case CoherentPool c -> {
				Map<String, Object> cm = pool("coherent", c.getName(), c.getSize(), c.getBase());
				cm.put("device", c.getDevice() == null ? null : c.getDevice().getName());
				pools.add(cm);
			}
			default -> {
			}
			}
		}
		m.put("devices", devices);
		m.put("pools", pools);
		m.put("heaps", heaps);
		m.put("mmio", mmio);
		return m;
	}

	private static Map<String, Object> pool(String kind, String name, long size, long base) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("kind", kind);
		m.put("name", name);
		m.put("size", size == 0 ? null : hex(size));
		m.put("base", base == 0 ? null : hex(base));
		return m;
	}

	private static Map<String, Object> device(PlatformFacts f, Device d) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", d.getName());
		m.put("bus", d.getBus().getLiteral());
		m.put("dmaMask", hex(PlatformFacts.dmaMask(d)));
		m.put("coherentMask", hex(PlatformFacts.coherentMask(d)));
		m.put("path", f.devicePath(d).getLiteral());
		m.put("coherent", !d.isNonCoherent());
		m.put("tdisp", d.isTdisp());
		m.put("tsmState", d.isTdisp() ? d.getTsmState().getLiteral() : null);
		m.put("accepted", d.isAccepted());
		m.put("driverBound", d.isDriverBound());
		m.put("untrusted", d.isUntrusted());
		m.put("forceDmaUnencrypted", f.fdu(d));
		m.put("restrictedPool", d.getRestrictedPool() == null ? null : d.getRestrictedPool().getName());
		return m;
	}

	/** Addresses as "0x" + lower-case hex without separators, so any language parses them; JSON numbers lose 64-bit precision. */
	public static String hex(long v) {
		return "0x" + Long.toHexString(v);
	}

	static Map<String, Object> rule(Rule r) {
		if (r == null) {
			return null;
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("section", r.section());
		m.put("function", r.function());
		return m;
	}

	/** {"file": "x.coco", "line": 12, "column": 5} of an element, from the node model. */
	public static Map<String, Object> location(EObject o) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("file", o == null || o.eResource() == null ? null : GeneratedNames.sourceName(o.eResource()));
		m.put("line", line(o));
		return m;
	}

	/** 1-based start line of an element in its file (0 if unknown). */
	public static int line(EObject o) {
		ICompositeNode n = o == null ? null : NodeModelUtils.findActualNodeFor(o);
		return n == null ? 0 : n.getStartLine();
	}

	/** Flattened step table of a file, for KUnit. */
	public static List<StepCase> stepCases(List<Trace> traces) {
		List<StepCase> out = new ArrayList<>();
		for (Trace t : traces) {
			for (StepResult s : t.steps()) {
				Outcome o = s.outcome();
				Long addr = address(o);
				String pool = o instanceof Outcome.Bounce b ? b.pool() : null;
				int errno = o instanceof Outcome.Failed f ? -f.errno().code() : 0;
				String src = (s.step().eResource() == null ? "?" : GeneratedNames.sourceName(s.step().eResource())) + ":"
						+ line(s.step());
				out.add(new StepCase(t.scenario().getName(), s.index() + 1, src, s.description(), kind(o),
						addr == null ? null : hex(addr), pool, errno, o.describe(),
						s.rule() == null ? "" : s.rule().text()));
			}
		}
		return out;
	}
}

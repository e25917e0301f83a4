package org.coco.dsl.semantics.diff;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepPrinter;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;

/**
 * "What changes?": runs the same scenarios under two sets of run options (profiles, overlays,
 * parameters) and lists every step whose outcome (kind, pool, errno, reason), address encoding, kernel
 * warnings or invariant findings differ, side by side. Address values and swiotlb slot numbers alone do
 * not count: they follow from allocation history, so one real difference would otherwise mark every
 * later step.
 */
public final class ProfileDiff {
	private ProfileDiff() {
	}

	public static DiffReport diff(Model model, RunOptions a, RunOptions b) {
		List<DiffReport.ScenarioDiff> out = new ArrayList<>();
		for (TopLevel t : model.getElements()) {
			if (t instanceof Scenario s && s.getPlatform() != null && !s.getPlatform().eIsProxy()) {
				out.add(scenario(s, a, b));
			}
		}
		return new DiffReport(out);
	}

	public static DiffReport diff(Scenario scenario, RunOptions a, RunOptions b) {
		return new DiffReport(List.of(scenario(scenario, a, b)));
	}

	static DiffReport.ScenarioDiff scenario(Scenario s, RunOptions a, RunOptions b) {
		Trace ta = CocoRuntime.run(s, a);
		Trace tb = CocoRuntime.run(s, b);
		List<DiffReport.StepDiff> rows = new ArrayList<>();
		for (int i = 0; i < ta.steps().size(); i++) {
			StepResult ra = ta.steps().get(i);
			StepResult rb = tb.steps().get(i);
			DiffReport.Side sa = side(ra, ta.findings());
			DiffReport.Side sb = side(rb, tb.findings());
			List<String> what = new ArrayList<>();
			if (!sa.kind().equals(sb.kind()) || !shape(sa.outcome()).equals(shape(sb.outcome()))) {
				what.add("outcome");
			}
			if (!sa.encoding().equals(sb.encoding())) {
				what.add("encoding");
			}
			if (!sa.warnings().stream().map(ProfileDiff::shape).toList()
					.equals(sb.warnings().stream().map(ProfileDiff::shape).toList())) {
				what.add("warnings");
			}
			if (!sa.findings().equals(sb.findings())) {
				what.add("invariants");
			}
			if (!what.isEmpty()) {
				rows.add(new DiffReport.StepDiff(i + 1, StepPrinter.step(ra.step()), sa, sb, what));
			}
		}
		return new DiffReport.ScenarioDiff(s.getName(), s.getPlatform().getName(), label(ta), label(tb), ta.steps().size(), rows);
	}

	/**
	 * An outcome or message without its addresses and slot numbers: where a pool or the page allocator
	 * puts a buffer depends on history (an earlier step that differs moves every later slot), which is
	 * not a difference of the step itself.
	 */
	static String shape(String text) {
		return text.replaceAll("0x[0-9a-fA-F_]+", "ADDR").replaceAll("\\bslot \\d+", "slot N");
	}

	private static String label(Trace t) {
		List<String> ov = t.overlays().stream().map(o -> o.getLiteral()).sorted().toList();
		return t.profile().getLiteral() + (ov.isEmpty() ? "" : " + " + String.join(", ", ov));
	}

	private static DiffReport.Side side(StepResult r, List<Finding> findings) {
		Outcome o = r.outcome() instanceof Outcome.Sg sg && !sg.entries().isEmpty() ? sg.first() : r.outcome();
		String address = "";
		String encoding = "";
		if (o instanceof Outcome.Direct d) {
			address = hex(d.address());
			encoding = d.encoding().label();
		} else if (o instanceof Outcome.Bounce bo) {
			address = hex(bo.address());
			encoding = bo.encoding().label();
		} else if (o instanceof Outcome.Allocated al && al.handle() != null) {
			address = hex(al.handle());
			encoding = al.encoding() == null ? "" : al.encoding().label();
		} else if (o instanceof Outcome.Iova io) {
			address = hex(io.address());
			encoding = "iova";
		}
		List<String> f = findings.stream().filter(x -> x.step() == r.step()).map(Finding::invariant).toList();
		return new DiffReport.Side(o.getClass().getSimpleName(), r.outcome().describe(), address, encoding, r.warnings(), f);
	}

	private static String hex(long v) {
		return "0x" + Long.toHexString(v);
	}
}

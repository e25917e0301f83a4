package org.coco.dsl.ide.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.diff.DiffReport;
import org.coco.dsl.semantics.diff.ProfileDiff;
import org.coco.dsl.semantics.explore.Bounds;
import org.coco.dsl.semantics.explore.Counterexample;
import org.coco.dsl.semantics.explore.ExplorationResult;
import org.coco.dsl.semantics.explore.Explorer;

/**
 * The profile diff and the explorer for editors, as workspace/executeCommand data:
 * "coco.diff" [uri, profileA, profileB] and "coco.explore" [uri, platform, depth, seconds?]. The same
 * API `coco diff` / `coco explore` use; counterexamples come as .coco text an editor can insert.
 */
final class AnalysisCommands {
	static final String DIFF = "coco.diff";
	static final String EXPLORE = "coco.explore";

	private AnalysisCommands() {
	}

	static Object diff(Model model, List<String> args) {
		if (args.size() < 3 || Profile.get(args.get(1)) == null || Profile.get(args.get(2)) == null) {
			return Map.of("error", "usage: " + DIFF + " <document uri> <profile> <profile> (base, ccs71, series-v6, series-v7)");
		}
		DiffReport r = ProfileDiff.diff(model, RunOptions.defaults().withProfile(Profile.get(args.get(1))),
				RunOptions.defaults().withProfile(Profile.get(args.get(2))));
		List<Object> scenarios = new ArrayList<>();
		for (DiffReport.ScenarioDiff s : r.scenarios()) {
			List<Object> rows = new ArrayList<>();
			for (DiffReport.StepDiff d : s.rows()) {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("step", d.step());
				row.put("text", d.text());
				row.put("differences", d.differences());
				row.put("a", d.a().outcome());
				row.put("b", d.b().outcome());
				row.put("warningsA", d.a().warnings());
				row.put("warningsB", d.b().warnings());
				row.put("invariantsA", d.a().findings());
				row.put("invariantsB", d.b().findings());
				rows.add(row);
			}
			scenarios.add(Map.of("scenario", s.scenario(), "a", s.a(), "b", s.b(), "rows", rows));
		}
		return Map.of("scenarios", scenarios, "text", r.render());
	}

	static Object explore(Model model, List<String> args) {
		int depth;
		double seconds;
		try {
			depth = Integer.parseInt(args.get(2));
			seconds = args.size() > 3 ? Double.parseDouble(args.get(3)) : 10;
		} catch (RuntimeException e) {
			return Map.of("error", "usage: " + EXPLORE + " <document uri> <platform> <depth> [seconds]");
		}
		Platform p = model.getElements().stream().filter(Platform.class::isInstance).map(Platform.class::cast)
				.filter(x -> x.getName().equals(args.get(1))).findFirst().orElse(null);
		if (p == null) {
			return Map.of("error", "no platform " + args.get(1) + " in the document");
		}
		ExplorationResult r = Explorer.explore(p, Bounds.of(Math.max(0, Math.min(depth, 16))).withTimeLimit((long) (Math.min(seconds, 30) * 1000)),
				null);
		List<Object> cex = new ArrayList<>();
		for (Counterexample c : r.violations()) {
			cex.add(Map.of("invariant", c.invariant(), "message", c.message(), "depth", c.depth(), "scenario", c.scenario()));
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("platform", p.getName());
		out.put("explored", r.explored());
		out.put("distinct", r.distinct());
		out.put("statesPerSecond", Math.round(r.statesPerSecond()));
		out.put("complete", r.complete());
		out.put("stopReason", r.stopReason() == null ? "" : r.stopReason());
		out.put("violations", cex);
		out.put("summary", r.summary());
		return out;
	}
}

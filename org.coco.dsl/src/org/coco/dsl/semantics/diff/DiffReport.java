package org.coco.dsl.semantics.diff;

import java.util.ArrayList;
import java.util.List;

/** The steps that differ between two runs of each scenario, with a side-by-side rendering. */
public record DiffReport(List<ScenarioDiff> scenarios) {
	public DiffReport {
		scenarios = List.copyOf(scenarios);
	}

	/** One run's view of a step: outcome kind and text, address, encoding, warnings, invariant findings. */
	public record Side(String kind, String outcome, String address, String encoding, List<String> warnings,
			List<String> findings) {
		public Side {
			warnings = List.copyOf(warnings);
			findings = List.copyOf(findings);
		}

		boolean addressed() {
			return !address.isEmpty();
		}
	}

	/** A step (1-based number, .coco text) whose two sides differ, and in what ({@code differences}). */
	public record StepDiff(int step, String text, Side a, Side b, List<String> differences) {
		public StepDiff {
			differences = List.copyOf(differences);
		}
	}

	public record ScenarioDiff(String scenario, String platform, String a, String b, int steps, List<StepDiff> rows) {
		public ScenarioDiff {
			rows = List.copyOf(rows);
		}
	}

	public boolean identical() {
		return scenarios.stream().allMatch(s -> s.rows().isEmpty());
	}

	public int differingSteps() {
		return scenarios.stream().mapToInt(s -> s.rows().size()).sum();
	}

	/** Side by side: per differing step, one line per aspect with both runs' values in two columns. */
	public String render() {
		StringBuilder sb = new StringBuilder();
		for (ScenarioDiff s : scenarios) {
			if (s.rows().isEmpty()) {
				continue;
			}
			sb.append("scenario \"").append(s.scenario()).append("\" on ").append(s.platform()).append(": ")
					.append(s.rows().size()).append(" of ").append(s.steps()).append(" step(s) differ\n");
			int w = Math.max(s.a().length(), 40);
			for (StepDiff d : s.rows()) {
				sb.append("  #").append(d.step()).append(' ').append(d.text()).append("   [").append(String.join(", ", d.differences()))
						.append("]\n");
				List<String[]> lines = new ArrayList<>();
				lines.add(new String[] { s.a(), s.b() });
				lines.add(new String[] { d.a().outcome(), d.b().outcome() });
				if (d.differences().contains("warnings")) {
					lines.add(new String[] { warn(d.a().warnings()), warn(d.b().warnings()) });
				}
				if (d.differences().contains("invariants")) {
					lines.add(new String[] { inv(d.a().findings()), inv(d.b().findings()) });
				}
				for (String[] l : lines) {
					w = Math.max(w, Math.min(l[0].length(), 90));
				}
				for (String[] l : lines) {
					sb.append("    ").append(pad(l[0], w)).append(" | ").append(l[1]).append('\n');
				}
			}
		}
		if (sb.length() == 0) {
			sb.append("no differences\n");
		}
		return sb.toString();
	}

	private static String warn(List<String> w) {
		return w.isEmpty() ? "no warnings" : "WARN " + String.join("; ", w);
	}

	private static String inv(List<String> f) {
		return f.isEmpty() ? "invariants hold" : "violates " + String.join("; ", f);
	}

	private static String pad(String s, int w) {
		if (s.length() >= w) {
			return s;
		}
		return s + " ".repeat(w - s.length());
	}
}

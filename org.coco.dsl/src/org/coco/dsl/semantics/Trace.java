package org.coco.dsl.semantics;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;

/**
 * The result of running one scenario: the effective profile, overlays and named parameters (with the
 * value used and where it came from), boot-time messages, one StepResult per step, and findings.
 */
public record Trace(Platform platform, Scenario scenario, Profile profile, Set<Overlay> overlays,
		Map<String, String> parameters, List<String> boot, List<StepResult> steps, List<Finding> findings) {

	public Trace {
		parameters = Map.copyOf(parameters);
		boot = List.copyOf(boot);
		steps = List.copyOf(steps);
		findings = List.copyOf(findings);
		overlays = Set.copyOf(overlays);
	}

	public boolean passed() {
		return steps.stream().allMatch(StepResult::expectationsPassed);
	}

	/** No §6 invariant was violated (or the checks were switched off). */
	/** No invariant broke except where the scenario says `expect violates N` on that step. */
	public boolean invariantsHeld() {
		return unexpectedFindings().isEmpty();
	}

	/** The findings that no `expect violates N` on their step announces. */
	public List<Finding> unexpectedFindings() {
		return findings.stream().filter(f -> !announced(f)).toList();
	}

	private static boolean announced(Finding f) {
		return f.step() != null && f.step().eContents().stream()
				.anyMatch(e -> e instanceof org.coco.dsl.coco.ExpectViolation v && v.getInvariant() == f.number());
	}

	/**
	 * The run's verdict, as `coco run` reports it: every expectation passed and no invariant was violated.
	 * {@link #passed()} looks at the expectations only.
	 */
	public boolean succeeded() {
		return passed() && invariantsHeld();
	}

	public List<ExpectationResult> failures() {
		return steps.stream().flatMap(s -> s.expectations().stream()).filter(e -> !e.passed()).toList();
	}

	public String describe() {
		StringBuilder sb = new StringBuilder();
		sb.append("scenario \"").append(scenario.getName()).append("\" on ").append(platform.getName())
				.append(" (profile ").append(profile.getLiteral()).append(", overlays ")
				.append(overlays.stream().map(Overlay::getLiteral).sorted().toList()).append(")\n");
		parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
				.forEach(e -> sb.append("  param ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
		for (String b : boot) {
			sb.append("  boot ").append(b).append('\n');
		}
		for (StepResult s : steps) {
			sb.append("  ").append(s.describe().replace("\n", "\n  ")).append('\n');
		}
		for (Finding f : findings) {
			sb.append("  INVARIANT ").append(f.invariant()).append(": ").append(f.message()).append('\n');
		}
		return sb.toString();
	}
}

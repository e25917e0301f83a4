package org.coco.dsl.semantics.explore;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of an exploration: states executed ({@code explored}), distinct states, the deepest level
 * finished, time, rate, whether the whole bounded space was covered ({@code complete}; otherwise
 * {@code stopReason} says which bound was hit) and one shortest counterexample per violated invariant.
 */
public record ExplorationResult(String platform, String profile, List<String> overlays, long explored, long distinct,
		int depthCompleted, long elapsedNanos, boolean complete, String stopReason, List<Counterexample> violations) {

	public ExplorationResult {
		overlays = List.copyOf(overlays);
		violations = List.copyOf(violations);
	}

	public double statesPerSecond() {
		return elapsedNanos == 0 ? 0 : explored * 1e9 / elapsedNanos;
	}

	public String summary() {
		return String.format(Locale.ROOT, "%s (profile %s, overlays %s): %d states explored, %d distinct, depth %d %s, %.1f s, %.0f states/s, %d violation(s)%s",
				platform, profile, overlays, explored, distinct, depthCompleted, complete ? "complete" : "reached",
				elapsedNanos / 1e9, statesPerSecond(), violations.size(), complete ? "" : " — partial: " + stopReason);
	}
}

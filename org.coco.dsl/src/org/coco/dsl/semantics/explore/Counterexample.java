package org.coco.dsl.semantics.explore;

import java.util.List;

/**
 * A shortest step sequence (BFS order) after which a §6 invariant is violated: the invariant, the
 * finding's message, the number of steps, the steps in .coco syntax and a whole runnable scenario.
 */
public record Counterexample(String invariant, String message, int depth, List<String> steps, String scenario) {
	public Counterexample {
		steps = List.copyOf(steps);
	}
}

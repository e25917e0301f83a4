package org.coco.dsl.semantics;

import org.eclipse.emf.ecore.EObject;

/**
 * One `expect ...` (or a `check` step) compared with the trace. {@code source} is the Expectation or
 * ExpectDataStep EObject, so callers can point at its source line.
 */
public record ExpectationResult(EObject source, boolean passed, String expected, String actual, Rule rule) {
	public String message() {
		return passed ? "ok: " + expected
				: "expected " + expected + " but was " + actual + (rule == null ? "" : " [" + rule.text() + "]");
	}
}

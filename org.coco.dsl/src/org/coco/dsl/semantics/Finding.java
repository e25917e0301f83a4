package org.coco.dsl.semantics;

import org.coco.dsl.coco.Step;

/** A report of an invariant check (§6) about one step; produced by {@link InvariantCheck}s. */
public record Finding(String invariant, Step step, String message, Rule rule) {
	private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("^§6\\.(\\d+)");

	/** N of "§6.N title"; 0 when the label has another form. */
	public int number() {
		var m = NUMBER.matcher(invariant);
		return m.find() ? Integer.parseInt(m.group(1)) : 0;
	}
}

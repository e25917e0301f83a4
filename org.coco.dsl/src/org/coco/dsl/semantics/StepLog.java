package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;

/** Collects what happens while one step runs; frozen into a {@link StepResult}. */
final class StepLog {
	final List<Rule> path = new ArrayList<>();
	final List<String> warnings = new ArrayList<>();
	final List<String> notes = new ArrayList<>();
	final List<PageStateChange> changes = new ArrayList<>();
	long leaked;
	/** set_memory_* calls made by the step (§6 inv. 4, 5). */
	final List<Conversion> conversions = new ArrayList<>();
	/** Ranges the step returned to the page allocator (§6 inv. 3). */
	final List<MemRange> freed = new ArrayList<>();

	/** Records that a rule was applied; the last one recorded is the deciding rule. */
	void rule(String section, String function) {
		path.add(Rule.of(section, function));
	}

	Rule last() {
		return path.isEmpty() ? null : path.get(path.size() - 1);
	}

	void warn(String text) {
		warnings.add(text);
	}

	void note(String text) {
		notes.add(text);
	}
}

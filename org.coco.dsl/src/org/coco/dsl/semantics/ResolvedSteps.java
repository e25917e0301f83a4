package org.coco.dsl.semantics;

import org.coco.dsl.coco.Step;

/**
 * Steps whose references were all found resolved, remembered so that a step executed again skips
 * {@link StepExecutor}'s walk over them: a reference that resolved stays resolved, and a null one stays
 * null, as long as the model does not change, which a {@link Session#factory} does not outlive (the
 * explorer steps the same few steps millions of times). A direct-mapped table, entries replaced on
 * collision; shared by the sessions of one factory and their copies, on any thread (racy but safe: an
 * entry is immutable and a missing one only costs the walk).
 */
final class ResolvedSteps {
	private record Entry(Step step, boolean hasNull) {
	}

	private final Entry[] table = new Entry[512];

	/** Whether the step is known resolved: 0 not known, 1 resolved, 2 resolved with a null reference. */
	int lookup(Step step) {
		Entry e = table[System.identityHashCode(step) & (table.length - 1)];
		return e == null || e.step() != step ? 0 : e.hasNull() ? 2 : 1;
	}

	void add(Step step, boolean hasNull) {
		table[System.identityHashCode(step) & (table.length - 1)] = new Entry(step, hasNull);
	}
}

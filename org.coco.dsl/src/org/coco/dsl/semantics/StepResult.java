package org.coco.dsl.semantics;

import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Step;

/**
 * What one step did: outcome, kernel messages, page-state changes, the rule that decided it (and the
 * rules passed on the way), notes on model choices, and the expectations checked against it.
 */
public final class StepResult {
	private final Step step;
	private final int index;
	/** Null until read when the step ran: {@link StepPrinter#traced} computes it from the step (the model does not change). */
	private String description;
	private final Outcome outcome;
	private final Rule rule;
	private final List<Rule> path;
	private final List<String> warnings;
	/** As logged: texts and suppliers ({@link StepLog#note(java.util.function.Supplier)}). */
	private final List<Object> loggedNotes;
	/** {@link #loggedNotes} formatted, at the first read (racy but idempotent: Strings in an immutable list). */
	private List<String> notes;
	private final List<PageStateChange> stateChanges;
	private final long leakedPages;
	private final List<ExpectationResult> expectations;
	private final Device device;
	private final List<MemRange> reached;
	private final List<Conversion> conversions;
	private final List<MemRange> freed;

	StepResult(Step step, int index, String description, Outcome outcome, Rule rule, List<Rule> path,
			List<String> warnings, List<Object> notes, List<PageStateChange> stateChanges, long leakedPages,
			List<ExpectationResult> expectations) {
		this(step, step.eClass().getClassifierID(), index, description, outcome, rule, path, warnings, notes, stateChanges,
				leakedPages, expectations, null, List.of(), List.of(), List.of());
	}

	/** {@code kind}: the step's classifier id, which the executor has read already. */
	StepResult(Step step, int kind, int index, String description, Outcome outcome, Rule rule, List<Rule> path,
			List<String> warnings, List<Object> notes, List<PageStateChange> stateChanges, long leakedPages,
			List<ExpectationResult> expectations, Device device, List<MemRange> reached, List<Conversion> conversions,
			List<MemRange> freed) {
		// The lists but the expectations come from the step's StepLog and Subject: StepLists or List.of's,
		// handed over and never changed again, so kept as they are (no check, no wrapper per step).
		this.device = device;
		this.reached = reached;
		this.conversions = conversions;
		this.freed = freed;
		this.step = step;
		this.index = index;
		this.description = description;
		this.outcome = outcome;
		this.rule = rule;
		this.path = path;
		this.warnings = warnings;
		this.loggedNotes = notes;
		this.stateChanges = stateChanges;
		this.leakedPages = leakedPages;
		this.expectations = frozen(expectations);
		this.kind = kind;
	}

	/** {@link Invariants}' addresses handed to a device, computed once per step for the checks that ask. */
	Object handed;

	/**
	 * The step's classifier id ({@code CocoPackage.MAP_STEP}, ...): the step classes are leaves, so an int
	 * comparison answers what an instanceof of the step interface would (the invariants ask it per check).
	 */
	final int kind;

	/**
	 * False when the executor saw that the step has no `expect violates` (judged after the invariant
	 * checks), so the session need not look; true (look) for results it made without reading them.
	 */
	boolean violationExpected = true;

	/** A read-only view of the expectation results (the list is not changed after the result is made, so not copied). */
	private static <T> List<T> frozen(List<T> l) {
		return l.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(l);
	}

	/** The same result with further expectation results (those judged after the invariant checks). */
	StepResult withMoreExpectations(List<ExpectationResult> more) {
		List<ExpectationResult> all = new java.util.ArrayList<>(expectations);
		all.addAll(more);
		StepResult r = new StepResult(step, kind, index, description, outcome, rule, path, warnings, loggedNotes,
				stateChanges, leakedPages, all, device, reached, conversions, freed);
		r.violationExpected = violationExpected;
		return r;
	}

	/** The Step EObject, for mapping to a source line. */
	public Step step() {
		return step;
	}

	public int index() {
		return index;
	}

	public String description() {
		String d = description;
		if (d == null) {
			d = StepPrinter.traced(step);
			description = d;
		}
		return d;
	}

	public Outcome outcome() {
		return outcome;
	}

	/** The rule that decided the outcome. */
	public Rule rule() {
		return rule;
	}

	/** Every rule consulted, in order (the last is {@link #rule()}). */
	public List<Rule> path() {
		return path;
	}

	/** Kernel messages (WARN / pr_warn / dev_warn) with the kernel's text, formatted. */
	public List<String> warnings() {
		return warnings;
	}

	/** Model notes: choices, suppressed once-warnings, things not modelled. */
	public List<String> notes() {
		List<String> n = notes;
		if (n == null) {
			n = loggedNotes.isEmpty() ? List.of() : StepLog.texts(loggedNotes);
			notes = n;
		}
		return n;
	}

	public List<PageStateChange> stateChanges() {
		return stateChanges;
	}

	/** Pages leaked by this step (never returned to the allocator). */
	public long leakedPages() {
		return leakedPages;
	}

	public List<ExpectationResult> expectations() {
		return expectations;
	}

	/** The device the step is about, or null. */
	public Device device() {
		return device;
	}

	/**
	 * The memory the step is about: the buffer, or for maps and device writes the memory the device
	 * reaches (the swiotlb slot when bounced). The same memory `expect state` looks at.
	 */
	public List<MemRange> reached() {
		return reached;
	}

	/** The set_memory_decrypted / set_memory_encrypted calls the step made, in order. */
	public List<Conversion> conversions() {
		return conversions;
	}

	/** The ranges the step returned to the page allocator. */
	public List<MemRange> freedToAllocator() {
		return freed;
	}

	public boolean expectationsPassed() {
		return expectations.stream().allMatch(ExpectationResult::passed);
	}

	public String describe() {
		StringBuilder sb = new StringBuilder();
		sb.append('#').append(index + 1).append(' ').append(description()).append(" => ").append(outcome.describe());
		if (rule != null) {
			sb.append("  [").append(rule.text()).append(']');
		}
		for (String w : warnings) {
			sb.append("\n    WARN ").append(w);
		}
		for (PageStateChange c : stateChanges) {
			sb.append("\n    state ").append(c.describe());
		}
		if (leakedPages > 0) {
			sb.append("\n    leaked ").append(leakedPages).append(" page(s)");
		}
		for (String n : notes()) {
			sb.append("\n    note ").append(n);
		}
		for (ExpectationResult e : expectations) {
			sb.append("\n    ").append(e.passed() ? "PASS " : "FAIL ").append(e.message());
		}
		return sb.toString();
	}
}

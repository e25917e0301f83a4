package org.coco.dsl.semantics;

import java.util.List;
import java.util.function.Supplier;

/**
 * Collects what happens while one step runs; frozen into a {@link StepResult}. An executor keeps one and
 * {@link #reset()}s it per step: the lists it hands to the result are its own from then on.
 */
final class StepLog {
	/** The rules recorded so far (scratch: {@link #path()} copies them into the result's list). */
	private final ScratchList<Rule> rules = new ScratchList<>();
	// The lists most steps leave empty start as List.of() and become StepLists at the first entry.
	List<String> warnings = List.of();
	/** Texts, or suppliers of texts that cost formatting: a step's notes are built only when read. */
	List<Object> notes = List.of();
	List<PageStateChange> changes = List.of();
	long leaked;
	/** set_memory_* calls made by the step (§6 inv. 4, 5). */
	List<Conversion> conversions = List.of();
	/** Ranges the step returned to the page allocator (§6 inv. 3). */
	List<MemRange> freed = List.of();

	/** Records that a rule was applied; the last one recorded is the deciding rule. */
	void rule(String section, String function) {
		rules.add(Rule.of(section, function));
	}

	Rule last() {
		return rules.last();
	}

	/** The rules recorded, in order, as an immutable list of their own (most steps record one or two). */
	List<Rule> path() {
		return rules.freeze();
	}

	/** Empties the log for the next step; the lists handed out stay with whoever holds them. */
	void reset() {
		rules.clear();
		warnings = List.of();
		notes = List.of();
		changes = List.of();
		leaked = 0;
		conversions = List.of();
		freed = List.of();
	}

	void warn(String text) {
		warnings = append(warnings, text);
	}

	void change(PageStateChange c) {
		changes = append(changes, c);
	}

	void conversion(Conversion c) {
		conversions = append(conversions, c);
	}

	void freed(MemRange r) {
		freed = append(freed, r);
	}

	/** l with v appended: a StepList from the first entry on (the empty List.of() is shared). */
	private static <T> StepList<T> append(List<T> l, T v) {
		StepList<T> s = l instanceof StepList<T> g ? g : new StepList<>(2);
		s.append(v);
		return s;
	}

	void note(String text) {
		notes = append(notes, text);
	}

	/** A note whose text is formatted when the notes are read; the supplier must capture values, not state. */
	void note(Supplier<String> text) {
		notes = append(notes, text);
	}

	/** The notes' texts, formatting the lazy ones. */
	static List<String> texts(List<Object> notes) {
		String[] out = new String[notes.size()];
		for (int i = 0; i < out.length; i++) {
			Object n = notes.get(i);
			out[i] = n instanceof Supplier<?> s ? (String) s.get() : (String) n;
		}
		return List.of(out);
	}
}

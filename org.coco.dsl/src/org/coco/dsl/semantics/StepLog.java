package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects what happens while one step runs; frozen into a {@link StepResult}. */
final class StepLog {
	final List<Rule> path = new ArrayList<>(4);
	// The lists most steps leave empty start as List.of() and become ArrayLists at the first entry.
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
		path.add(Rule.of(section, function));
	}

	Rule last() {
		return path.isEmpty() ? null : path.get(path.size() - 1);
	}

	void warn(String text) {
		(warnings = growable(warnings)).add(text);
	}

	void change(PageStateChange c) {
		(changes = growable(changes)).add(c);
	}

	void conversion(Conversion c) {
		(conversions = growable(conversions)).add(c);
	}

	void freed(MemRange r) {
		(freed = growable(freed)).add(r);
	}

	private static <T> List<T> growable(List<T> l) {
		return l instanceof ArrayList ? l : new ArrayList<>(l);
	}

	void note(String text) {
		(notes = growable(notes)).add(text);
	}

	/** A note whose text is formatted when the notes are read; the supplier must capture values, not state. */
	void note(Supplier<String> text) {
		(notes = growable(notes)).add(text);
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

package org.coco.dsl.semantics;

import java.util.Arrays;
import java.util.List;

/**
 * What a step collects while it runs (the rules applied, the memory reached), kept by the executor and
 * {@link #clear()}ed for the next step; {@link #freeze()} gives the step's result an exact immutable list of
 * its own. One array per executor instead of a growable list per step.
 */
final class ScratchList<T> {
	private Object[] items = new Object[4];
	private int size;

	void add(T item) {
		if (size == items.length) {
			items = Arrays.copyOf(items, size * 2);
		}
		items[size++] = item;
	}

	int size() {
		return size;
	}

	@SuppressWarnings("unchecked")
	T get(int index) {
		return (T) items[index];
	}

	/** The last item added, or null. */
	T last() {
		return size == 0 ? null : get(size - 1);
	}

	/** The items, in order, as an immutable list of their own (most steps collect one or two). */
	@SuppressWarnings("unchecked")
	List<T> freeze() {
		return switch (size) {
		case 0 -> List.of();
		case 1 -> List.of((T) items[0]);
		case 2 -> List.of((T) items[0], (T) items[1]);
		default -> (List<T>) List.of(Arrays.copyOf(items, size));
		};
	}

	void clear() {
		Arrays.fill(items, 0, size, null);
		size = 0;
	}
}

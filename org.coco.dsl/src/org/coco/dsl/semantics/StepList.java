package org.coco.dsl.semantics;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A list that only the engine appends to while a step runs ({@link StepLog}) and that the step's
 * {@link StepResult} then exposes as it is: read-only to everyone else, so a result needs neither a
 * copy nor a wrapper of each list.
 */
final class StepList<T> extends AbstractList<T> implements RandomAccess {
	private Object[] items;
	private int size;

	StepList(int capacity) {
		items = new Object[capacity];
	}

	void append(T item) {
		if (size == items.length) {
			items = Arrays.copyOf(items, Math.max(4, size * 2));
		}
		items[size++] = item;
	}

	@Override
	@SuppressWarnings("unchecked")
	public T get(int index) {
		if (index >= size) {
			throw new IndexOutOfBoundsException(index);
		}
		return (T) items[index];
	}

	@Override
	public int size() {
		return size;
	}
}

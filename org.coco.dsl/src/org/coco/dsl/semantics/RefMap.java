package org.coco.dsl.semantics;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A map by identity (keys: scenario buffer names, or {@link Buf}s) for a machine's buffers, mappings
 * and latest mappings: an open-addressing table of two arrays, so that {@link Machine#copy()} copies
 * it with two array copies and replaces the values in place, where a HashMap copy hashed and
 * allocated a node per entry (the explorer copies a machine per explored state). No removal: a machine
 * never forgets a name. Iteration order is the table's, which no caller relies on. A {@link java.util.Map}
 * so that the machine's fields keep their type (the interpreter calls get and put).
 */
final class RefMap<K, V> extends AbstractMap<K, V> {
	/** Shared by every empty map (most machines have few buffers, many no mappings). */
	private static final Object[] NONE = {};
	private Object[] keys = NONE;
	private Object[] values = NONE;
	private int size;
	/** {@link #keys} and {@link #values} are shared with a checkpoint: copied before the next change. */
	private boolean shared;

	RefMap() {
	}

	private RefMap(RefMap<K, V> o) {
		if (o.size > 0) {
			keys = o.keys.clone();
			values = o.values.clone();
			size = o.size;
		}
	}

	private static int slot(Object key, int mask) {
		int h = System.identityHashCode(key);
		return (h ^ (h >>> 16)) & mask;
	}

	@Override
	public boolean containsKey(Object key) {
		return get(key) != null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public V get(Object key) {
		if (size == 0) {
			return null;
		}
		Object[] ks = keys;
		int mask = ks.length - 1;
		for (int i = slot(key, mask);; i = (i + 1) & mask) {
			Object k = ks[i];
			if (k == key) {
				return (V) values[i];
			}
			if (k == null) {
				return null;
			}
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public V put(K key, V value) {
		if (key == null || value == null) {
			throw new IllegalArgumentException("RefMap holds no nulls");
		}
		if (keys == NONE) {
			keys = new Object[8];
			values = new Object[8];
			shared = false;
		} else if (shared) {
			keys = keys.clone();
			values = values.clone();
			shared = false;
		}
		int mask = keys.length - 1;
		int i = slot(key, mask);
		while (keys[i] != null && keys[i] != key) {
			i = (i + 1) & mask;
		}
		if (keys[i] == null) {
			if ((size + 1) * 2 > keys.length) {
				grow();
				return put(key, value);
			}
			keys[i] = key;
			size++;
		}
		V old = (V) values[i];
		values[i] = value;
		return old;
	}

	private void grow() {
		Object[] ks = keys, vs = values;
		keys = new Object[ks.length * 2];
		values = new Object[ks.length * 2];
		int mask = keys.length - 1;
		for (int j = 0; j < ks.length; j++) {
			if (ks[j] != null) {
				int i = slot(ks[j], mask);
				while (keys[i] != null) {
					i = (i + 1) & mask;
				}
				keys[i] = ks[j];
				values[i] = vs[j];
			}
		}
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public boolean isEmpty() {
		return size == 0;
	}

	@Override
	public V remove(Object key) {
		throw new UnsupportedOperationException("a machine never forgets a name");
	}

	@Override
	public Set<Entry<K, V>> entrySet() {
		return new AbstractSet<>() {
			@Override
			public int size() {
				return size;
			}

			@Override
			public Iterator<Entry<K, V>> iterator() {
				return new Iterator<>() {
					private int i = next(0);

					private int next(int from) {
						while (from < keys.length && keys[from] == null) {
							from++;
						}
						return from;
					}

					@Override
					public boolean hasNext() {
						return i < keys.length;
					}

					@Override
					public Entry<K, V> next() {
						if (i >= keys.length) {
							throw new NoSuchElementException();
						}
						Entry<K, V> e = new SimpleImmutableEntry<>(keyAt(i), valueAt(i));
						i = next(i + 1);
						return e;
					}
				};
			}
		};
	}

	private Object[] savedKeys, savedValues;
	private int savedSize;

	/** For {@link Machine#checkpoint()}: keeps the current entries (the table is shared until a change). */
	void save() {
		savedKeys = keys;
		savedValues = values;
		savedSize = size;
		shared = true;
	}

	/** Whether no entry was put since {@link #save()}: a put copies the saved table first. */
	boolean unchangedSinceSave() {
		return keys == savedKeys && values == savedValues && size == savedSize;
	}

	void restoreSaved() {
		keys = savedKeys;
		values = savedValues;
		size = savedSize;
		shared = true;
	}

	/** The table's capacity: entries are at the indexes below it where {@link #valueAt} is not null. */
	int capacity() {
		return keys.length;
	}

	@SuppressWarnings("unchecked")
	K keyAt(int i) {
		return (K) keys[i];
	}

	@SuppressWarnings("unchecked")
	V valueAt(int i) {
		return (V) values[i];
	}

	/**
	 * A copy whose values are the given function of this map's entries, and whose keys are the given
	 * function of this map's (null: the same keys, which keep their slots; else the entries are placed
	 * again, since slots follow the keys' identity). For {@link Machine#copy()}.
	 */
	@SuppressWarnings("unchecked")
	<L, W> RefMap<L, W> copy(java.util.function.UnaryOperator<Object> key, BiFunction<K, V, W> value) {
		RefMap<L, W> c;
		if (key == null) {
			c = (RefMap<L, W>) new RefMap<>(this);
			for (int i = 0; i < c.keys.length; i++) {
				if (c.keys[i] != null) {
					c.values[i] = value.apply((K) keys[i], (V) values[i]);
				}
			}
		} else {
			c = new RefMap<>();
			if (size > 0) {
				c.keys = new Object[keys.length];
				c.values = new Object[keys.length];
				for (int i = 0; i < keys.length; i++) {
					if (keys[i] != null) {
						c.put((L) key.apply(keys[i]), value.apply((K) keys[i], (V) values[i]));
					}
				}
			}
		}
		return c;
	}
}

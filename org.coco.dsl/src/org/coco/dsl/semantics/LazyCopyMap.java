package org.coco.dsl.semantics;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A map of mutable per-run entries (pools, device states) over a frozen template (the boot image): an
 * entry is copied from the template when it is first fetched for use ({@link #get}), so that a run
 * pays for the entries it touches, not for the whole platform (5,000 restricted pools and 10,000
 * devices in the 100k-line synthetic model). Reads that must not copy use {@link #peek} or
 * {@link #values()}. Iteration order is the template's, followed by entries added later, as in the
 * insertion-ordered map it replaces.
 */
final class LazyCopyMap<K, V> {
	/** Never modified once a map uses it as its template. */
	private final Map<K, V> template;
	private final UnaryOperator<V> copier;
	/** Entries this map owns: copies of template entries, and entries not in the template. */
	private final LinkedHashMap<K, V> own;

	LazyCopyMap(UnaryOperator<V> copier) {
		this(Map.of(), copier, new LinkedHashMap<>());
	}

	private LazyCopyMap(Map<K, V> template, UnaryOperator<V> copier, LinkedHashMap<K, V> own) {
		this.template = template;
		this.copier = copier;
		this.own = own;
	}

	/** The entry, copied from the template first if this map does not own it yet (callers may change it). */
	V get(K key) {
		V v = own.get(key);
		if (v == null) {
			V t = template.get(key);
			if (t != null) {
				v = copier.apply(t);
				own.put(key, v);
				current = null;
			}
		}
		return v;
	}

	/** The entry without copying it: callers must not change it. */
	V peek(K key) {
		// most runs own few entries (a device state is copied only when a step changes it): no lookup then
		V v = own.isEmpty() ? null : own.get(key);
		return v != null ? v : template.get(key);
	}

	boolean containsKey(K key) {
		return own.containsKey(key) || template.containsKey(key);
	}

	void put(K key, V value) {
		own.put(key, value);
		current = null;
	}

	V computeIfAbsent(K key, Function<K, V> create) {
		V v = get(key);
		if (v == null) {
			v = create.apply(key);
			own.put(key, v);
			current = null;
		}
		return v;
	}

	boolean isEmpty() {
		return own.isEmpty() && template.isEmpty();
	}

	/**
	 * A frozen map for a boot image: everything this map holds becomes the template of the maps
	 * {@link #copy}ed from it. This map must not be changed afterwards.
	 */
	LazyCopyMap<K, V> freeze() {
		if (template.isEmpty()) {
			return new LazyCopyMap<>(Collections.unmodifiableMap(own), copier, new LinkedHashMap<>());
		}
		LinkedHashMap<K, V> all = new LinkedHashMap<>(template);
		all.putAll(own);
		return new LazyCopyMap<>(Collections.unmodifiableMap(all), copier, new LinkedHashMap<>());
	}

	/** The keys of a map without a template (the machine being booted), in {@link #values()}' order. */
	Collection<K> bootKeys() {
		if (!template.isEmpty()) {
			throw new IllegalStateException("a map with a template");
		}
		return own.keySet();
	}

	/** {@link #current} when {@link #save()} was called. */
	private Object[] savedCurrent;

	/** For {@link Machine#checkpoint()}: how many entries this map owns, for {@link #keepOwn}. */
	int save() {
		savedCurrent = current;
		return own.size();
	}

	/**
	 * For {@link Machine#restore()}: forgets the entries owned beyond the first n (entries are only added:
	 * copied in from the template or new), so the map owns what it owned when it had n; n is what the
	 * last {@link #save()} returned.
	 */
	void keepOwn(int n) {
		if (own.size() > n) {
			Iterator<K> it = own.keySet().iterator();
			for (int i = 0; i < n; i++) {
				it.next();
			}
			while (it.hasNext()) {
				it.next();
				it.remove();
			}
			current = savedCurrent; // the entries are those owned at save(), whose values array it was (or null)
		}
	}

	/** How many entries this map owns (see {@link #save()}). */
	int ownSize() {
		return own.size();
	}

	/** The entries this map owns (may be changed by the caller), without those still in the template only. */
	Collection<V> ownValues() {
		return own.values();
	}

	/**
	 * An independent map with the same contents: the template is shared, the owned entries are copied
	 * with {@code copyOwn} (which lets the caller keep references between copied objects consistent).
	 */
	LazyCopyMap<K, V> copy(UnaryOperator<V> copyOwn) {
		LinkedHashMap<K, V> o = new LinkedHashMap<>();
		for (Map.Entry<K, V> e : own.entrySet()) {
			o.put(e.getKey(), copyOwn.apply(e.getValue()));
		}
		return new LazyCopyMap<>(template, copier, o);
	}

	/**
	 * {@link #values()} as an array, made again only after this map's own entries changed (the explorer
	 * digests every state: no iterator over the template and the own entries each time). Read-only.
	 */
	private Object[] current;

	/** Every key's current value in {@link #values()}' order, in an array the caller must not change. */
	Object[] valueArray() {
		Object[] c = current;
		if (c == null) {
			current = c = values().toArray();
		}
		return c;
	}

	/** Every key's current value (read-only: values still in the template are not copied). */
	Collection<V> values() {
		return new AbstractCollection<>() {
			@Override
			public Iterator<V> iterator() {
				return new Iterator<>() {
					private final Iterator<Map.Entry<K, V>> t = template.entrySet().iterator();
					private Iterator<Map.Entry<K, V>> extra;
					private V next = advance();

					private V advance() {
						while (t.hasNext()) {
							Map.Entry<K, V> e = t.next();
							V mine = own.get(e.getKey());
							return mine != null ? mine : e.getValue();
						}
						if (extra == null) {
							extra = own.entrySet().iterator();
						}
						while (extra.hasNext()) {
							Map.Entry<K, V> e = extra.next();
							if (!template.containsKey(e.getKey())) {
								return e.getValue();
							}
						}
						return null;
					}

					@Override
					public boolean hasNext() {
						return next != null;
					}

					@Override
					public V next() {
						if (next == null) {
							throw new NoSuchElementException();
						}
						V v = next;
						next = advance();
						return v;
					}
				};
			}

			@Override
			public int size() {
				if (template.isEmpty()) {
					return own.size();
				}
				int n = template.size();
				for (K k : own.keySet()) {
					if (!template.containsKey(k)) {
						n++;
					}
				}
				return n;
			}
		};
	}
}

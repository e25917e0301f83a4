package org.coco.dsl.semantics;

import java.util.BitSet;

/**
 * A 128-bit running hash of machine state (two independent 64-bit streams), for the explorer's
 * visited set: equal states give equal keys; a collision of both streams is negligible at the state
 * counts a bounded exploration reaches.
 */
final class Digest {
	private long a = 0x9E3779B97F4A7C15L;
	private long b = 0xC2B2AE3D27D4EB4FL;

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	Digest add(long v) {
		a = Long.rotateLeft(a ^ mix(v), 23) * 0x100000001B3L;
		b = b * 31 + mix(v + 0x632BE59BD9B4E019L);
		return this;
	}

	Digest add(boolean v) {
		return add(v ? 1 : 2);
	}

	/** A string as its length and two 64-bit hashes of its characters (one multiply a character each). */
	Digest add(String s) {
		if (s == null) {
			return add(-1);
		}
		long h1 = 0xCBF29CE484222325L, h2 = 0x84222325CBF29CE4L;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			h1 = (h1 ^ c) * 0x100000001B3L;
			h2 = (h2 + c) * 0x9E3779B97F4A7C15L;
		}
		return add(s.length()).add(h1).add(h2);
	}

	/** A set of strings, independent of iteration order: the size and the sums of the elements' digests. */
	Digest addUnordered(java.util.Collection<String> set) {
		long x = 0, y = 0;
		for (String s : set) {
			Part e = element(s);
			x += e.a;
			y += e.b;
		}
		return addUnordered(set.size(), x, y);
	}

	/** One string's term in {@link #addUnordered}'s sums: a set's sums can be kept up to date as it grows. */
	static Part element(String s) {
		Digest e = new Digest().add(s);
		return new Part(mix(e.a), mix(e.b));
	}

	/** {@link #addUnordered(java.util.Collection)} from the set's size and the sums of its {@link #element}s. */
	Digest addUnordered(int size, long sumA, long sumB) {
		return add(size).add(sumA).add(sumB);
	}

	Digest add(Enum<?> e) {
		return add(e == null ? -1 : e.ordinal());
	}

	Digest add(BitSet bits) {
		add(bits.cardinality());
		for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
			add(i);
		}
		return this;
	}

	long first() {
		return a;
	}

	long second() {
		return b;
	}

	/**
	 * A component's own digest (both streams, see {@link Part}): a part that did not change since its
	 * digest was cached is added without hashing its contents again.
	 */
	Digest add(Part p) {
		return addMixed(p.a, p.b);
	}

	/**
	 * Two values already well mixed (a {@link Part}'s streams, {@link #element}s' sums): one multiply a
	 * stream, where {@link #add(long)} mixes twice; the key's final mix spreads what this leaves.
	 */
	Digest addMixed(long x, long y) {
		a = Long.rotateLeft(a ^ x, 29) * 0x9E3779B97F4A7C15L;
		b = (b + y) * 0xC2B2AE3D27D4EB4FL;
		return this;
	}

	/** The 64-bit mix of the key (for hashes of one element: a buffer's or mapping's part with a flag). */
	static long mixed(long v) {
		return mix(v);
	}

	/** The finished digest of one component of the state, cached by the component until it changes. */
	record Part(long a, long b) {
		static Part of(Digest d) {
			return new Part(d.a, d.b);
		}
	}

	StateKey key() {
		return new StateKey(mix(a), mix(b));
	}
}

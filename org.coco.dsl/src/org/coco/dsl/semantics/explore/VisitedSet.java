package org.coco.dsl.semantics.explore;

/**
 * The explorer's set of 128-bit state digests: open addressing over one long[] (two longs a slot,
 * linear probing), about 32 bytes a state at most, no object per state. The all-zero digest is kept
 * aside because (0, 0) marks an empty slot.
 */
final class VisitedSet {
	private long[] slots;
	private int mask;
	private int size;
	private boolean zero;

	VisitedSet() {
		slots = new long[2 * 1024];
		mask = 1023;
	}

	int size() {
		return size;
	}

	/** Adds the digest; false if it was already there. */
	boolean add(long hi, long lo) {
		if (hi == 0 && lo == 0) {
			if (zero) {
				return false;
			}
			zero = true;
			size++;
			return true;
		}
		int i = index(hi, lo);
		while (true) {
			long h = slots[2 * i], l = slots[2 * i + 1];
			if (h == 0 && l == 0) {
				slots[2 * i] = hi;
				slots[2 * i + 1] = lo;
				if (++size * 2 > mask + 1) {
					grow();
				}
				return true;
			}
			if (h == hi && l == lo) {
				return false;
			}
			i = (i + 1) & mask;
		}
	}

	/**
	 * Whether the digest is in the set, asked from threads other than the one that adds: may answer false
	 * for a digest added meanwhile (it reads one table, whose mask it derives, and entries may not be
	 * visible yet), so it is only a hint (whether a successor's machine is worth copying), never a decision. A true answer needs
	 * both halves of a slot to equal the digest, and a slot is written once per table.
	 */
	boolean mightContain(long hi, long lo) {
		if (hi == 0 && lo == 0) {
			return false;
		}
		long[] s = slots;
		int m = s.length / 2 - 1;
		for (int i = index(hi, lo, m);; i = (i + 1) & m) {
			long h = s[2 * i], l = s[2 * i + 1];
			if (h == hi && l == lo) {
				return true;
			}
			if (h == 0 && l == 0) {
				return false;
			}
		}
	}

	private int index(long hi, long lo) {
		return index(hi, lo, mask);
	}

	private static int index(long hi, long lo, int mask) {
		// the digests are already mixed: fold both halves
		long x = hi ^ Long.rotateLeft(lo, 32);
		return (int) (x ^ (x >>> 29)) & mask;
	}

	private void grow() {
		long[] old = slots;
		slots = new long[old.length * 2];
		mask = (slots.length / 2) - 1;
		for (int j = 0; j < old.length; j += 2) {
			long h = old[j], l = old[j + 1];
			if (h != 0 || l != 0) {
				int i = index(h, l);
				while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
					i = (i + 1) & mask;
				}
				slots[2 * i] = h;
				slots[2 * i + 1] = l;
			}
		}
	}
}

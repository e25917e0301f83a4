package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A map from disjoint address ranges [start, end) to values; unset addresses read as null. Used for the
 * page-state map and for memory contents (one byte pattern per range).
 *
 * <p>A map made by {@link #freeze()} or {@link #copy()} is layered: it reads through to a shared,
 * never-changed base (the boot image's map) wherever its own ranges do not cover, so that a run starts
 * in O(1) instead of copying the platform's boot-time ranges. Its own ranges may hold "unset" (a null
 * segment value) to hide the base. Readers see the same segments a flat map would hold.
 */
final class RangeMap<V> {
	/**
	 * Disjoint segments [start, end) with their values, sorted by start, in parallel arrays: what a
	 * TreeMap of boxed keys and entry objects held, searched by binary search and copied by three array
	 * copies (a map is copied on its first change after every copy or checkpoint: the explorer's every step).
	 */
	private static final class Segs {
		long[] starts;
		long[] ends;
		Object[] values;
		int n;

		Segs(int capacity) {
			starts = new long[capacity];
			ends = new long[capacity];
			values = new Object[capacity];
		}

		Segs copy() {
			Segs c = new Segs(n + 4);
			System.arraycopy(starts, 0, c.starts, 0, n);
			System.arraycopy(ends, 0, c.ends, 0, n);
			System.arraycopy(values, 0, c.values, 0, n);
			c.n = n;
			return c;
		}

		boolean isEmpty() {
			return n == 0;
		}

		/** The first index whose start is >= key (n if none). */
		int lowerBound(long key) {
			int lo = 0, hi = n;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (starts[mid] < key) {
					lo = mid + 1;
				} else {
					hi = mid;
				}
			}
			return lo;
		}

		/** The first index whose start is > key (n if none). */
		int upperBound(long key) {
			int lo = 0, hi = n;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (starts[mid] <= key) {
					lo = mid + 1;
				} else {
					hi = mid;
				}
			}
			return lo;
		}

		/** The last index whose start is < at, or -1 (TreeMap.lowerEntry). */
		int lower(long at) {
			return lowerBound(at) - 1;
		}

		/** The last index whose start is <= at, or -1 (TreeMap.floorEntry). */
		int floor(long at) {
			return upperBound(at) - 1;
		}

		void insert(int i, long start, long end, Object value) {
			if (n == starts.length) {
				int c = Math.max(4, n * 2);
				starts = java.util.Arrays.copyOf(starts, c);
				ends = java.util.Arrays.copyOf(ends, c);
				values = java.util.Arrays.copyOf(values, c);
			}
			System.arraycopy(starts, i, starts, i + 1, n - i);
			System.arraycopy(ends, i, ends, i + 1, n - i);
			System.arraycopy(values, i, values, i + 1, n - i);
			starts[i] = start;
			ends[i] = end;
			values[i] = value;
			n++;
		}

		/** Removes the segments [from, to). */
		void remove(int from, int to) {
			if (to <= from) {
				return;
			}
			System.arraycopy(starts, to, starts, from, n - to);
			System.arraycopy(ends, to, ends, from, n - to);
			System.arraycopy(values, to, values, from, n - to);
			int m = n - (to - from);
			java.util.Arrays.fill(values, m, n, null);
			n = m;
		}
	}

	/** Own ranges. In a flat map (base == null) values are never null. */
	private Segs map;
	/**
	 * {@link #map} is shared with a copy (or the original) of this map: copied before the first change,
	 * so that copying a machine does not copy ranges that neither side changes afterwards.
	 */
	private boolean mapShared;
	/** {@link #digest} of the current contents, or null after a change. */
	private Digest.Part digested;
	/** The shared ranges below, or null (flat map). Never changed. */
	private final Segs base;

	RangeMap() {
		this(new Segs(4), null);
	}

	private RangeMap(Segs map, Segs base) {
		this.map = map;
		this.base = base;
	}

	/** A piece of the map: [start, end) holding value (null = unset). */
	record Piece<V>(long start, long end, V value) {
	}

	void put(long start, long end, V value) {
		if (end <= start) {
			return;
		}
		if (mapShared) {
			map = map.copy();
			mapShared = false;
		}
		digested = null;
		split(start);
		split(end);
		int from = map.lowerBound(start);
		map.remove(from, map.lowerBound(end));
		// "unset" needs a segment of its own only where it hides a base range
		if (value != null || (base != null && intersects(base, start, end))) {
			map.insert(from, start, end, value);
		}
	}

	/** Some segment of m overlaps [start, end). */
	private static boolean intersects(Segs m, long start, long end) {
		int i = m.lower(end);
		return i >= 0 && m.ends[i] > start;
	}

	private void split(long at) {
		int i = map.lower(at);
		if (i >= 0 && map.ends[i] > at) {
			long end = map.ends[i];
			map.ends[i] = at;
			map.insert(i + 1, at, end, map.values[i]);
		}
	}

	/** The pieces covering [start, end), including unset gaps (value null). */
	List<Piece<V>> pieces(long start, long end) {
		List<Piece<V>> out = new ArrayList<>();
		if (base == null || !intersects(base, start, end)) {
			flatPieces(map, start, end, out); // an "unset" segment reads as a gap
			return out;
		}
		if (!intersects(map, start, end)) {
			flatPieces(base, start, end, out);
			return out;
		}
		// own segments decide where they lie; the base shows through the gaps between them
		List<Piece<V>> top = new ArrayList<>();
		flatPieces(map, start, end, top);
		for (Piece<V> p : top) {
			if (p.value != null || covers(map, p.start)) {
				out.add(p);
			} else {
				flatPieces(base, p.start, p.end, out);
			}
		}
		return out;
	}

	/** An own segment (possibly an "unset" one) covers at. */
	private static boolean covers(Segs m, long at) {
		int i = m.floor(at);
		return i >= 0 && m.ends[i] > at;
	}

	@SuppressWarnings("unchecked")
	private static <V> void flatPieces(Segs m, long start, long end, List<Piece<V>> out) {
		long pos = start;
		int first = m.lower(start);
		if (first >= 0 && m.ends[first] > start) {
			long e = Math.min(m.ends[first], end);
			out.add(new Piece<>(start, e, (V) m.values[first]));
			pos = e;
		}
		for (int j = m.lowerBound(start); j < m.n && m.starts[j] < end; j++) {
			if (m.starts[j] > pos) {
				out.add(new Piece<>(pos, m.starts[j], null));
			}
			long ee = Math.min(m.ends[j], end);
			out.add(new Piece<>(m.starts[j], ee, (V) m.values[j]));
			pos = ee;
		}
		if (pos < end) {
			out.add(new Piece<>(pos, end, null));
		}
	}

	/** The single value over [start, end) or null if unset anywhere; {@code mixed} if values differ. */
	V uniform(long start, long end, V mixed) {
		return uniform(start, end, null, mixed);
	}

	/**
	 * The single value over [start, end), unset pieces reading as {@code unset}; {@code mixed} if values
	 * differ. Without building the pieces when one segment or one gap covers the range (the usual case).
	 */
	@SuppressWarnings("unchecked")
	V uniform(long start, long end, V unset, V mixed) {
		if (start < end) {
			Segs where = map;
			int one = single(map, start, end);
			if (one == GAP && base != null) {
				where = base;
				one = single(base, start, end);
			}
			if (one == GAP) {
				return unset;
			}
			if (one != SPLIT) {
				V v = (V) where.values[one];
				return v == null ? unset : v;
			}
		}
		V v = null;
		boolean firstPiece = true;
		for (Piece<V> p : pieces(start, end)) {
			V x = p.value == null ? unset : p.value;
			if (firstPiece) {
				v = x;
				firstPiece = false;
			} else if (!Objects.equals(v, x)) {
				return mixed;
			}
		}
		return v;
	}

	private static final int GAP = -1;
	private static final int SPLIT = -2;

	/** The index of the one segment of m that covers [start, end), GAP if none overlaps it, else SPLIT. */
	private static int single(Segs m, long start, long end) {
		int i = m.floor(start);
		if (i >= 0 && m.ends[i] > start) {
			return m.ends[i] >= end ? i : SPLIT;
		}
		int next = i + 1; // the first segment starting after start
		return next >= m.n || m.starts[next] >= end ? GAP : SPLIT;
	}

	/** Copies [src, src+len) onto [dst, dst+len) (memcpy; ranges do not overlap in the model). */
	@SuppressWarnings("unchecked")
	void copy(long src, long dst, long len) {
		if (len > 0) { // one segment or one gap covers the source (the usual case): one put, no pieces
			Segs where = map;
			int one = single(map, src, src + len);
			if (one == GAP && base != null) {
				where = base;
				one = single(base, src, src + len);
			}
			if (one != SPLIT) {
				put(dst, dst + len, one == GAP ? null : (V) where.values[one]);
				return;
			}
		}
		List<Piece<V>> ps = pieces(src, src + len);
		for (Piece<V> p : ps) {
			put(dst + (p.start - src), dst + (p.end - src), p.value);
		}
	}

	/** Feeds every set range and its value's hash code into d (hashed once per change of this map). */
	void digest(Digest d) {
		Digest.Part p = digested;
		if (p == null) {
			digested = p = digestSegments();
		}
		d.add(p);
	}

	/**
	 * The pieces {@link #segments()} returns, hashed in one merge of the own and base segments without
	 * building them: own set segments as they are, base segments clipped to where no own segment lies.
	 */
	private Digest.Part digestSegments() {
		Digest own = new Digest();
		int n = 0;
		Segs o = map;
		Segs b = base;
		int oi = 0, on = o.n;
		int bi = 0, bn = b == null ? 0 : b.n;
		long bStart = bn > 0 ? b.starts[0] : 0;
		while (oi < on || bi < bn) {
			if (bi < bn && (oi >= on || bStart < o.starts[oi])) {
				long bEnd = b.ends[bi];
				long end = oi >= on ? bEnd : Math.min(bEnd, o.starts[oi]);
				own.add(bStart).add(end).add(Objects.hashCode(b.values[bi]));
				n++;
				if (end == bEnd) {
					bi++;
					bStart = bi < bn ? b.starts[bi] : 0;
				} else {
					bStart = end;
				}
			} else {
				long oEnd = o.ends[oi];
				if (o.values[oi] != null) {
					own.add(o.starts[oi]).add(oEnd).add(Objects.hashCode(o.values[oi]));
					n++;
				}
				// the own segment hides the base below it
				while (bi < bn && b.ends[bi] <= oEnd) {
					bi++;
					bStart = bi < bn ? b.starts[bi] : 0;
				}
				if (bi < bn && bStart < oEnd) {
					bStart = oEnd;
				}
				oi++;
			}
		}
		return Digest.Part.of(own.add(n));
	}

	/** The set segments in address order, as a flat map holds them. */
	@SuppressWarnings("unchecked")
	List<Piece<V>> segments() {
		List<Piece<V>> out = new ArrayList<>();
		if (base == null) {
			for (int i = 0; i < map.n; i++) {
				out.add(new Piece<>(map.starts[i], map.ends[i], (V) map.values[i]));
			}
			return out;
		}
		for (Piece<V> p : pieces(Long.MIN_VALUE, Long.MAX_VALUE)) {
			if (p.value != null) {
				out.add(p);
			}
		}
		return out;
	}

	/**
	 * The boot image's map: this map's ranges become the base of every {@link #copy()} of the result.
	 * Neither this map nor the result may be changed afterwards.
	 */
	RangeMap<V> freeze() {
		if (base == null) {
			return new RangeMap<>(new Segs(4), map);
		}
		RangeMap<V> flat = new RangeMap<>();
		for (Piece<V> p : segments()) {
			flat.map.insert(flat.map.n, p.start, p.end, p.value);
		}
		return flat.freeze();
	}

	/** {@link #save()}d contents (one checkpoint at a time per machine). */
	private Segs savedMap;
	private Digest.Part savedDigest;

	/**
	 * For {@link Machine#checkpoint()}: keeps the current contents for {@link #restoreSaved()}. The
	 * segments are shared with the checkpoint from now on (copied at the next change), so saving costs no copy.
	 */
	void save() {
		savedMap = map;
		savedDigest = digested;
		mapShared = true;
	}

	/** Whether nothing changed since {@link #save()}: a change copies the saved segments first. */
	boolean unchangedSinceSave() {
		return map == savedMap;
	}

	void restoreSaved() {
		map = savedMap;
		digested = savedDigest;
		mapShared = true; // savedMap stays: a checkpoint kept open (Machine#rewind) restores it again
	}

	/** An independent map with the same contents: the base is shared, own segments are copied on write. */
	RangeMap<V> copy() {
		if (map.isEmpty()) {
			RangeMap<V> c = new RangeMap<>(new Segs(4), base);
			c.digested = digested;
			return c;
		}
		// copy on write: the arrays are copied by whichever side changes first
		if (!mapShared) {
			mapShared = true;
		}
		RangeMap<V> c = new RangeMap<>(map, base);
		c.mapShared = true;
		c.digested = digested;
		return c;
	}
}

package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
	private record Seg<V>(long end, V value) {
	}

	/** Own ranges. In a flat map (base == null) values are never null. */
	private TreeMap<Long, Seg<V>> map;
	/**
	 * {@link #map} is shared with a copy (or the original) of this map: copied before the first change,
	 * so that copying a machine does not copy ranges that neither side changes afterwards.
	 */
	private boolean mapShared;
	/** {@link #digest} of the current contents, or null after a change. */
	private Digest.Part digested;
	/** The shared ranges below, or null (flat map). Never changed. */
	private final TreeMap<Long, Seg<V>> base;

	RangeMap() {
		this(new TreeMap<>(), null);
	}

	private RangeMap(TreeMap<Long, Seg<V>> map, TreeMap<Long, Seg<V>> base) {
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
			map = new TreeMap<>(map);
			mapShared = false;
		}
		digested = null;
		split(start);
		split(end);
		map.subMap(start, true, end, false).clear();
		// "unset" needs a segment of its own only where it hides a base range
		if (value != null || (base != null && intersects(base, start, end))) {
			map.put(start, new Seg<>(end, value));
		}
	}

	/** Some segment of m overlaps [start, end). */
	private static <V> boolean intersects(TreeMap<Long, Seg<V>> m, long start, long end) {
		Map.Entry<Long, Seg<V>> e = m.lowerEntry(end);
		return e != null && e.getValue().end > start;
	}

	private void split(long at) {
		Map.Entry<Long, Seg<V>> e = map.lowerEntry(at);
		if (e != null && e.getValue().end > at) {
			Seg<V> s = e.getValue();
			map.put(e.getKey(), new Seg<>(at, s.value));
			map.put(at, new Seg<>(s.end, s.value));
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
	private static <V> boolean covers(TreeMap<Long, Seg<V>> m, long at) {
		Map.Entry<Long, Seg<V>> e = m.floorEntry(at);
		return e != null && e.getValue().end > at;
	}

	private static <V> void flatPieces(TreeMap<Long, Seg<V>> map, long start, long end, List<Piece<V>> out) {
		long pos = start;
		Map.Entry<Long, Seg<V>> first = map.lowerEntry(start);
		if (first != null && first.getValue().end > start) {
			long e = Math.min(first.getValue().end, end);
			out.add(new Piece<>(start, e, first.getValue().value));
			pos = e;
		}
		for (Map.Entry<Long, Seg<V>> e : map.subMap(start, true, end, false).entrySet()) {
			if (e.getKey() > pos) {
				out.add(new Piece<>(pos, e.getKey(), null));
			}
			long ee = Math.min(e.getValue().end, end);
			out.add(new Piece<>(e.getKey(), ee, e.getValue().value));
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
			Object one = single(map, start, end);
			if (one == GAP && base != null) {
				one = single(base, start, end);
			}
			if (one == GAP) {
				return unset;
			}
			if (one != SPLIT) {
				V v = ((Seg<V>) one).value;
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

	private static final Object GAP = new Object();
	private static final Object SPLIT = new Object();

	/** The one segment of m that covers [start, end), GAP if none overlaps it, else SPLIT. */
	private static <V> Object single(TreeMap<Long, Seg<V>> m, long start, long end) {
		Map.Entry<Long, Seg<V>> e = m.floorEntry(start);
		if (e != null && e.getValue().end > start) {
			return e.getValue().end >= end ? e.getValue() : SPLIT;
		}
		Long next = m.higherKey(start);
		return next == null || next >= end ? GAP : SPLIT;
	}

	/** Copies [src, src+len) onto [dst, dst+len) (memcpy; ranges do not overlap in the model). */
	@SuppressWarnings("unchecked")
	void copy(long src, long dst, long len) {
		if (len > 0) { // one segment or one gap covers the source (the usual case): one put, no pieces
			Object one = single(map, src, src + len);
			if (one == GAP && base != null) {
				one = single(base, src, src + len);
			}
			if (one != SPLIT) {
				put(dst, dst + len, one == GAP ? null : ((Seg<V>) one).value);
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
	 * The pieces {@link #segments()} returns, hashed in one merge of the own and base trees without
	 * building them: own set segments as they are, base segments clipped to where no own segment lies.
	 */
	private Digest.Part digestSegments() {
		Digest own = new Digest();
		int n = 0;
		java.util.Iterator<Map.Entry<Long, Seg<V>>> oi = map.entrySet().iterator();
		java.util.Iterator<Map.Entry<Long, Seg<V>>> bi = base == null ? java.util.Collections.emptyIterator()
				: base.entrySet().iterator();
		Map.Entry<Long, Seg<V>> o = oi.hasNext() ? oi.next() : null;
		Map.Entry<Long, Seg<V>> b = bi.hasNext() ? bi.next() : null;
		long bStart = b == null ? 0 : b.getKey();
		while (o != null || b != null) {
			if (b != null && (o == null || bStart < o.getKey())) {
				long end = o == null ? b.getValue().end : Math.min(b.getValue().end, o.getKey());
				own.add(bStart).add(end).add(Objects.hashCode(b.getValue().value));
				n++;
				if (end == b.getValue().end) {
					b = bi.hasNext() ? bi.next() : null;
					bStart = b == null ? 0 : b.getKey();
				} else {
					bStart = end;
				}
			} else {
				long oEnd = o.getValue().end;
				if (o.getValue().value != null) {
					own.add(o.getKey()).add(oEnd).add(Objects.hashCode(o.getValue().value));
					n++;
				}
				// the own segment hides the base below it
				while (b != null && b.getValue().end <= oEnd) {
					b = bi.hasNext() ? bi.next() : null;
					bStart = b == null ? 0 : b.getKey();
				}
				if (b != null && bStart < oEnd) {
					bStart = oEnd;
				}
				o = oi.hasNext() ? oi.next() : null;
			}
		}
		return Digest.Part.of(own.add(n));
	}

	/** The set segments in address order, as a flat map holds them. */
	List<Piece<V>> segments() {
		List<Piece<V>> out = new ArrayList<>();
		if (base == null) {
			for (Map.Entry<Long, Seg<V>> e : map.entrySet()) {
				out.add(new Piece<>(e.getKey(), e.getValue().end, e.getValue().value));
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
			return new RangeMap<>(new TreeMap<>(), map);
		}
		RangeMap<V> flat = new RangeMap<>();
		for (Piece<V> p : segments()) {
			flat.map.put(p.start, new Seg<>(p.end, p.value));
		}
		return flat.freeze();
	}

	/** {@link #save()}d contents (one checkpoint at a time per machine). */
	private TreeMap<Long, Seg<V>> savedMap;
	private Digest.Part savedDigest;

	/**
	 * For {@link Machine#checkpoint()}: keeps the current contents for {@link #restoreSaved()}. The tree is
	 * shared with the checkpoint from now on (copied at the next change), so saving costs no copy.
	 */
	void save() {
		savedMap = map;
		savedDigest = digested;
		mapShared = true;
	}

	void restoreSaved() {
		map = savedMap;
		digested = savedDigest;
		mapShared = true;
		savedMap = null;
	}

	/** An independent map with the same contents: the base is shared, own segments (immutable) are copied. */
	RangeMap<V> copy() {
		if (map.isEmpty()) {
			RangeMap<V> c = new RangeMap<>(new TreeMap<>(), base);
			c.digested = digested;
			return c;
		}
		// copy on write: the segments are immutable, the tree is copied by whichever side changes first
		if (!mapShared) {
			mapShared = true;
		}
		RangeMap<V> c = new RangeMap<>(map, base);
		c.mapShared = true;
		c.digested = digested;
		return c;
	}
}

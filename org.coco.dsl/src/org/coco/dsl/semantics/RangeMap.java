package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A map from disjoint address ranges [start, end) to values; unset addresses read as null. Used for the
 * page-state map and for memory contents (one byte pattern per range).
 */
final class RangeMap<V> {
	private record Seg<V>(long end, V value) {
	}

	private final TreeMap<Long, Seg<V>> map = new TreeMap<>();

	/** A piece of the map: [start, end) holding value (null = unset). */
	record Piece<V>(long start, long end, V value) {
	}

	void put(long start, long end, V value) {
		if (end <= start) {
			return;
		}
		split(start);
		split(end);
		map.subMap(start, true, end, false).clear();
		if (value != null) {
			map.put(start, new Seg<>(end, value));
		}
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
		return out;
	}

	/** The single value over [start, end) or null if unset anywhere; {@code mixed} if values differ. */
	V uniform(long start, long end, V mixed) {
		V v = null;
		boolean firstPiece = true;
		for (Piece<V> p : pieces(start, end)) {
			if (firstPiece) {
				v = p.value;
				firstPiece = false;
			} else if (!Objects.equals(v, p.value)) {
				return mixed;
			}
		}
		return v;
	}

	/** Copies [src, src+len) onto [dst, dst+len) (memcpy; ranges do not overlap in the model). */
	void copy(long src, long dst, long len) {
		List<Piece<V>> ps = pieces(src, src + len);
		for (Piece<V> p : ps) {
			put(dst + (p.start - src), dst + (p.end - src), p.value);
		}
	}

	/** Feeds every set range and its value's hash code into d. */
	void digest(Digest d) {
		d.add(map.size());
		for (Map.Entry<Long, Seg<V>> e : map.entrySet()) {
			d.add(e.getKey()).add(e.getValue().end).add(Objects.hashCode(e.getValue().value));
		}
	}

	/** Replaces this map's contents with other's (segments are immutable, so sharing them is safe). */
	void copyFrom(RangeMap<V> other) {
		map.clear();
		map.putAll(other.map);
	}
}

package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The address ranges of a fixed set of swiotlb pools (the restricted pools, placed at boot), to find the
 * pool that holds an address in O(log n): the §6 checks ask per step, and a fleet platform has
 * thousands of pools. Answers as the scan in boot order did: the first pool that contains the address
 * (pools may overlap in a model the validator warns about; then the index scans).
 */
final class PoolIndex {
	private final long[] bases;
	private final long[] ends;
	private final String[] names;
	/** "restricted NAME" per pool, as {@link Machine#poolOwning} answers (made once, not per question). */
	private final String[] labels;
	/** Null when no two pools overlap; else the pools in boot order, scanned. */
	private final List<SwiotlbPool> overlapping;

	private PoolIndex(long[] bases, long[] ends, String[] names, List<SwiotlbPool> overlapping) {
		this.bases = bases;
		this.ends = ends;
		this.names = names;
		this.labels = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			labels[i] = "restricted " + names[i];
		}
		this.overlapping = overlapping;
	}

	static PoolIndex of(Collection<SwiotlbPool> pools) {
		List<SwiotlbPool> sorted = new ArrayList<>(pools);
		sorted.removeIf(p -> p.size() == 0);
		sorted.sort((a, b) -> Long.compare(a.base(), b.base()));
		int n = sorted.size();
		long[] bases = new long[n];
		long[] ends = new long[n];
		String[] names = new String[n];
		boolean overlap = false;
		for (int i = 0; i < n; i++) {
			SwiotlbPool p = sorted.get(i);
			bases[i] = p.base();
			ends[i] = p.base() + p.size();
			names[i] = p.name();
			if (i > 0 && bases[i] < ends[i - 1]) {
				overlap = true;
			}
		}
		return new PoolIndex(bases, ends, names, overlap ? List.copyOf(pools) : null);
	}

	/** The name of the pool that contains phys, or null. */
	String owner(long phys) {
		if (overlapping != null) {
			return scan(overlapping, phys);
		}
		int i = Arrays.binarySearch(bases, phys);
		if (i < 0) {
			i = -i - 2; // the last base below phys
		}
		return i >= 0 && phys < ends[i] ? names[i] : null;
	}

	/** "restricted " + {@link #owner}, or null. */
	String ownerLabel(long phys) {
		if (overlapping != null) {
			String n = scan(overlapping, phys);
			return n == null ? null : "restricted " + n;
		}
		int i = Arrays.binarySearch(bases, phys);
		if (i < 0) {
			i = -i - 2;
		}
		return i >= 0 && phys < ends[i] ? labels[i] : null;
	}

	static String scan(Iterable<SwiotlbPool> pools, long phys) {
		for (SwiotlbPool p : pools) {
			if (p.contains(phys)) {
				return p.name();
			}
		}
		return null;
	}
}

package org.coco.dsl.semantics.explore;

import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.semantics.RunOptions;

/**
 * What the explorer may do: at most {@code depth} steps; buffers of the given sizes; maps with each
 * attribute set and direction; TSM lock/accept/unlock (also a failing accept) on TDISP devices when
 * {@code tsm}; injected set_memory_* failures when {@code failures}; GFP_ATOMIC allocations when
 * {@code atomic}; at most {@code maxLive} live buffers and as many live mappings; {@code devices} limits
 * the devices (empty: all). The run stops, with a partial result, after {@code timeLimitMillis} or when
 * {@code maxStates} distinct states are stored (the memory bound). {@code options}: profile, overlays,
 * parameters and invariants of every run.
 */
public record Bounds(int depth, List<Long> sizes, List<Set<Attr>> attrSets, List<Direction> directions, boolean tsm,
		boolean failures, boolean atomic, int maxLive, List<String> devices, long timeLimitMillis, long maxStates,
		RunOptions options) {

	public Bounds {
		sizes = List.copyOf(sizes);
		attrSets = attrSets.stream().map(Set::copyOf).toList();
		directions = List.copyOf(directions);
		devices = List.copyOf(devices);
		options = options == null ? RunOptions.defaults() : options;
		if (depth < 0) {
			throw new IllegalArgumentException("depth must be >= 0");
		}
	}

	/** Depth n, 4 KiB buffers, no attributes or CC_SHARED, bidirectional, TSM ops and failures on, 60 s, 2M states. */
	public static Bounds of(int depth) {
		return new Bounds(depth, List.of(4096L), List.of(Set.of(), Set.of(Attr.CC_SHARED)), List.of(Direction.BIDIRECTIONAL),
				true, true, false, 2, List.of(), 60_000, 2_000_000, RunOptions.defaults());
	}

	public Bounds withOptions(RunOptions o) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, failures, atomic, maxLive, devices, timeLimitMillis,
				maxStates, o);
	}

	public Bounds withTimeLimit(long millis) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, failures, atomic, maxLive, devices, millis, maxStates,
				options);
	}

	public Bounds withMaxStates(long n) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, failures, atomic, maxLive, devices, timeLimitMillis, n,
				options);
	}

	public Bounds withDevices(List<String> names) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, failures, atomic, maxLive, names, timeLimitMillis,
				maxStates, options);
	}

	public Bounds withSizes(List<Long> s) {
		return new Bounds(depth, s, attrSets, directions, tsm, failures, atomic, maxLive, devices, timeLimitMillis,
				maxStates, options);
	}

	public Bounds withAttrSets(List<Set<Attr>> a) {
		return new Bounds(depth, sizes, a, directions, tsm, failures, atomic, maxLive, devices, timeLimitMillis, maxStates,
				options);
	}

	public Bounds withDirections(List<Direction> d) {
		return new Bounds(depth, sizes, attrSets, d, tsm, failures, atomic, maxLive, devices, timeLimitMillis, maxStates,
				options);
	}

	public Bounds withTsm(boolean on) {
		return new Bounds(depth, sizes, attrSets, directions, on, failures, atomic, maxLive, devices, timeLimitMillis,
				maxStates, options);
	}

	public Bounds withFailures(boolean on) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, on, atomic, maxLive, devices, timeLimitMillis, maxStates,
				options);
	}

	public Bounds withAtomic(boolean on) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, failures, on, maxLive, devices, timeLimitMillis,
				maxStates, options);
	}

	public Bounds withMaxLive(int n) {
		return new Bounds(depth, sizes, attrSets, directions, tsm, failures, atomic, n, devices, timeLimitMillis, maxStates,
				options);
	}
}

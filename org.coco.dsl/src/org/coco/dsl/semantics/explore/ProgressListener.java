package org.coco.dsl.semantics.explore;

/** Told about a long exploration about once a second (from the exploring thread). */
@FunctionalInterface
public interface ProgressListener {
	void progress(Progress p);

	ProgressListener NONE = p -> {
	};

	/** States executed so far, distinct states stored, the BFS depth being expanded, rate and elapsed time. */
	record Progress(long explored, long distinct, int depth, double statesPerSecond, long elapsedMillis) {
		public String line() {
			return String.format(java.util.Locale.ROOT, "explored %d states, %d distinct, depth %d, %.0f states/s, %.1f s",
					explored, distinct, depth, statesPerSecond, elapsedMillis / 1000.0);
		}
	}
}

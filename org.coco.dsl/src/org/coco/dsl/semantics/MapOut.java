package org.coco.dsl.semantics;

/** Result of mapping one physical range: the outcome, and the segment when it succeeded. */
record MapOut(Outcome outcome, Mapping.Segment segment) {
	static MapOut fail(Outcome o) {
		return new MapOut(o, null);
	}

	boolean ok() {
		return segment != null;
	}
}

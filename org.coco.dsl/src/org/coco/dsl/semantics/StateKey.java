package org.coco.dsl.semantics;

/** A 128-bit digest of a machine's state (see {@link Session#stateKey()}): equal states, equal keys. */
public record StateKey(long hi, long lo) {
}

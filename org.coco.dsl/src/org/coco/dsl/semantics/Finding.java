package org.coco.dsl.semantics;

import org.coco.dsl.coco.Step;

/** A report of an invariant check (§6) about one step; produced by {@link InvariantCheck}s. */
public record Finding(String invariant, Step step, String message, Rule rule) {
}

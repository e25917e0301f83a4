package org.coco.dsl.semantics;

/**
 * The reference rule that decided something: a section of shared/reference/cc-dma-semantics.md (with
 * profile and step where it has them) and the kernel function it models.
 */
public record Rule(String section, String function) {

	public static Rule of(String section, String function) {
		return new Rule(section, function);
	}

	/** "§4.2 ccs71 step 3, dma_direct_map_phys" */
	public String text() {
		return function == null || function.isEmpty() ? section : section + ", " + function;
	}

	@Override
	public String toString() {
		return text();
	}
}

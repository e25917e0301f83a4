package org.coco.dsl.semantics;

/** A physical address range [phys, phys+size). */
public record MemRange(long phys, long size) {
	public boolean overlaps(long start, long len) {
		return phys < start + len && start < phys + size;
	}

	@Override
	public String toString() {
		return "[" + Hex.of(phys) + ", +" + Hex.size(size) + ")";
	}
}

package org.coco.dsl.semantics;

/** Pages [phys, phys+size) went from one encryption state to another (set_memory_* or a pool's boot decrypt). */
public record PageStateChange(long phys, long size, PageState from, PageState to, String cause) {
	public String describe() {
		return Hex.of(phys) + "+" + Hex.size(size) + " " + from.label() + " -> " + to.label() + " (" + cause + ")";
	}
}

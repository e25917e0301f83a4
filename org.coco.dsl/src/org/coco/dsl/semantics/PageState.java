package org.coco.dsl.semantics;

/** Encryption state of a physical page as the model tracks it (§3, §6). */
public enum PageState {
	PRIVATE, SHARED, UNKNOWN;

	public String label() {
		return name().toLowerCase();
	}
}

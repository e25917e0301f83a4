package org.coco.dsl.semantics;

/**
 * One set_memory_decrypted / set_memory_encrypted call a step made (§1.1 "what decrypt means"): the
 * range, its state before the call, whether it succeeded and who called it. The §6 invariants 4 and 5
 * are about these calls, which a state change alone cannot show (decrypting shared memory changes nothing).
 */
public record Conversion(boolean decrypt, MemRange range, PageState before, boolean ok, String caller) {
	public String describe() {
		return (decrypt ? "set_memory_decrypted" : "set_memory_encrypted") + " " + range + " by " + caller
				+ " (was " + before.label() + (ok ? "" : ", failed") + ")";
	}
}

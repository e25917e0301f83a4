package org.coco.dsl.semantics;

import org.coco.dsl.coco.T1SharedAccess;

/**
 * Device access to memory in a confidential guest (§2.3, §5.2): a T=0 device reaches only shared
 * memory (on Arm CCA only through the top-IPA-bit alias, the only IPAs the host's T=0 SMMU stage 2
 * maps); a T=1 device reaches private memory, and shared memory as t1_shared_access says.
 */
public final class Stage2Rule {
	private Stage2Rule() {
	}

	public enum Verdict {
		OK, FAULT, UNKNOWN
	}

	public record Result(Verdict verdict, String reason) {
	}

	/**
	 * @param t1 T1(dev)
	 * @param state state of the target pages
	 * @param cca the platform is an Arm CCA realm
	 * @param nsAlias the DMA address carries PROT_NS_SHARED (CCA)
	 */
	public static Result check(boolean t1, PageState state, boolean cca, boolean nsAlias, T1SharedAccess t1Shared) {
		if (state == PageState.UNKNOWN) {
			return new Result(Verdict.UNKNOWN, "target pages are in an unknown state after a failed conversion");
		}
		if (!t1) {
			if (state != PageState.SHARED) {
				return new Result(Verdict.FAULT, "T=0 device cannot reach private memory (§2.3)");
			}
			if (cca && !nsAlias) {
				return new Result(Verdict.FAULT,
						"T=0 SMMU stage 2 maps only shared IPAs: address lacks PROT_NS_SHARED (§5.2)");
			}
			return new Result(Verdict.OK, "T=0 device, shared memory");
		}
		if (state == PageState.PRIVATE) {
			return new Result(Verdict.OK, "T=1 device, private memory");
		}
		return switch (t1Shared) {
		case FORBIDDEN -> new Result(Verdict.FAULT, "T=1 device and shared memory: t1_shared_access=forbidden (§2.3)");
		case ALLOWED_IF_MAPPED -> new Result(Verdict.OK, "T=1 device and shared memory: t1_shared_access=allowed_if_mapped");
		case UNKNOWN -> new Result(Verdict.UNKNOWN, "T=1 device and shared memory: t1_shared_access=unknown (§2.3)");
		};
	}
}

package org.coco.dsl.semantics;

/** The cc_platform_has() attributes the reference uses (§1.1). */
public enum CcAttr {
	MEM_ENCRYPT, HOST_MEM_ENCRYPT, GUEST_MEM_ENCRYPT, GUEST_STATE_ENCRYPT, GUEST_SEV_SNP
}

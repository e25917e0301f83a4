package org.coco.dsl.semantics;

import org.coco.dsl.coco.Device;

/** Small device predicates (§2.1). */
final class Devices {
	private Devices() {
	}

	/** dev_is_dma_coherent: coherent unless declared `non-coherent`. */
	static boolean coherent(Device d) {
		return !d.isNonCoherent();
	}
}

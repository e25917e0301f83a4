package org.coco.dsl.semantics;

import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.TsmState;

/** Read-only view of a run's machine state, for {@link InvariantCheck}s. */
public interface MachineView {
	PlatformFacts facts();

	Parameters parameters();

	/** The state of [phys, phys+size): a single state, or UNKNOWN if pages differ. */
	PageState stateOf(long phys, long size);

	boolean t1(Device d);

	boolean accepted(Device d);

	/** force_dma_unencrypted(dev) now (it changes with acceptance). */
	boolean fdu(Device d);

	/** The device's TDISP state now (UNLOCKED for a non-TDISP device). */
	TsmState tsmState(Device d);

	/**
	 * The pool that owns phys, as "atomic NAME", "restricted NAME", "swiotlb NAME" or "coherent NAME", or
	 * null for page-allocator memory.
	 */
	String poolOwning(long phys);

	/** Whether {@link #poolOwning} names a per-device coherent pool (DT shared-dma-pool) for phys. */
	default boolean inCoherentPool(long phys) {
		String owner = poolOwning(phys);
		return owner != null && owner.startsWith("coherent ");
	}

	/** Live mappings the device can still use although their memory is gone (freed buffer, released slot). */
	List<String> staleMappings();
}

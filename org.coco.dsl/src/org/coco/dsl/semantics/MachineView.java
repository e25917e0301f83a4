package org.coco.dsl.semantics;

import org.coco.dsl.coco.Device;

/** Read-only view of a run's machine state, for {@link InvariantCheck}s. */
public interface MachineView {
	PlatformFacts facts();

	Parameters parameters();

	/** The state of [phys, phys+size): a single state, or UNKNOWN if pages differ. */
	PageState stateOf(long phys, long size);

	boolean t1(Device d);

	boolean accepted(Device d);
}

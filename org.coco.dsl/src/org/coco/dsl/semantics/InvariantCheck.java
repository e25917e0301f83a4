package org.coco.dsl.semantics;

import java.util.function.Consumer;

/**
 * Hook for the §6 invariant checker (a later issue): called after every step with the step's result and
 * a read-only view of the machine. The engine ships no checks; RunOptions carries them and can switch
 * them off.
 */
@FunctionalInterface
public interface InvariantCheck {
	void afterStep(StepResult result, MachineView machine, Consumer<Finding> report);
}

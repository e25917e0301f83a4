package org.coco.dsl.ide.contentassist;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.CocoFactory;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * Which TSM operations a device accepts after the first steps of a scenario. Asks the interpreter
 * (the one place the §2.2 state machines live): each operation is tried on a copy of the scenario
 * cut after those steps, and it is valid if the interpreter says ok.
 */
public final class TsmTransitions {
	private TsmTransitions() {
	}

	/** The link TSM a `connect`/`disconnect` names when trying it (the link_tsms default). */
	private static final String DEFAULT_TSM = "tsm0";

	/** The valid operations of the device named deviceName after steps [0, stepCount), or null if unknown. */
	public static Set<TsmOp> valid(Scenario scenario, int stepCount, String deviceName) {
		if (!(scenario.eContainer() instanceof Model model)) {
			return null;
		}
		int index = model.getElements().indexOf(scenario);
		Set<TsmOp> out = EnumSet.noneOf(TsmOp.class);
		for (TsmOp op : TsmOp.VALUES) {
			try {
				Model copy = EcoreUtil.copy(model);
				Scenario s = (Scenario) copy.getElements().get(index);
				if (s.getPlatform() == null || s.getPlatform().eIsProxy()) {
					return null;
				}
				Device device = device(s.getPlatform().getMembers(), deviceName);
				if (device == null) {
					return null;
				}
				List<?> steps = s.getSteps();
				while (steps.size() > stepCount) {
					steps.remove(steps.size() - 1);
				}
				TsmStep step = CocoFactory.eINSTANCE.createTsmStep();
				step.setDevice(device);
				step.setOp(op);
				if (op == TsmOp.CONNECT || op == TsmOp.DISCONNECT) {
					step.setTsm(DEFAULT_TSM);
				}
				s.getSteps().add(step);
				Trace trace = CocoRuntime.run(s, RunOptions.defaults());
				StepResult last = trace.steps().get(trace.steps().size() - 1);
				if (last.outcome() instanceof Outcome.Ok) {
					out.add(op);
				}
			} catch (RuntimeException e) {
				// a scenario the interpreter cannot run yet (being typed): no opinion
				return null;
			}
		}
		return out;
	}

	private static Device device(List<PlatformMember> members, String name) {
		for (PlatformMember m : members) {
			if (m instanceof Device d && name.equals(d.getName())) {
				return d;
			}
		}
		return null;
	}
}

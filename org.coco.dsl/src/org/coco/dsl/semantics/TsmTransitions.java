package org.coco.dsl.semantics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.CocoFactory;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.coco.TsmStep;

/**
 * The reachable part of one device's TSM/TDISP state machine (§2.2) on a platform, found by applying
 * every operation to every reachable state with the interpreter's own {@link TsmStateMachine} — so a
 * diagram shows exactly what scenarios would do, with no second copy of the rules — and the
 * operations a device accepts at one point of a scenario (content assist).
 */
public final class TsmTransitions {
	private TsmTransitions() {
	}

	/** A device's TSM-relevant state; T=1 iff RUN and accepted. */
	public record State(TsmState tsm, boolean accepted, boolean driverBound, String connectedTsm) {
		public boolean t1() {
			return tsm == TsmState.RUN && accepted;
		}

		public String label() {
			return tsm.getLiteral().toUpperCase() + (accepted ? ", accepted" : "") + (driverBound ? ", driver bound" : "")
					+ (connectedTsm != null ? ", " + connectedTsm : "") + (t1() ? " (T=1)" : " (T=0)");
		}
	}

	/** A successful operation that changes the state; {@code rule} is the reference rule that decided it. */
	public record Transition(State from, TsmOp op, State to, Rule rule) {
	}

	public record Graph(State initial, List<State> states, List<Transition> transitions) {
	}

	public static Graph explore(PlatformFacts facts, Device device) {
		Parameters params = Parameters.resolve(facts.platform(), Map.of());
		String tsm = params.linkTsms().stream().sorted().findFirst().orElse(null);
		DeviceState boot = new DeviceState(device);
		State initial = snapshot(boot);
		Set<State> seen = new LinkedHashSet<>();
		List<Transition> transitions = new ArrayList<>();
		Deque<State> todo = new ArrayDeque<>();
		Machine image = Machine.bootImage(facts, params); // booted once; every trial steps a copy
		seen.add(initial);
		todo.add(initial);
		while (!todo.isEmpty()) {
			State from = todo.poll();
			for (TsmOp op : TsmOp.VALUES) {
				Machine m = image.copy();
				DeviceState st = m.dev(device);
				st.tsmState = from.tsm();
				st.accepted = from.accepted();
				st.driverBound = from.driverBound();
				st.connectedTsm = from.connectedTsm();
				StepLog log = new StepLog();
				Outcome o = TsmStateMachine.apply(m, st, op, tsm, false, log);
				State to = snapshot(st);
				if (o.success() && !to.equals(from)) {
					transitions.add(new Transition(from, op, to, log.last()));
					if (seen.add(to)) {
						todo.add(to);
					}
				}
			}
		}
		return new Graph(initial, List.copyOf(seen), transitions);
	}

	/** The link TSM a `connect`/`disconnect` names when it is tried (the link_tsms default). */
	private static final String DEFAULT_TSM = "tsm0";

	/**
	 * The operations the device accepts after the first stepCount steps of the scenario (its effective
	 * profile and overlays, default parameters): the prefix runs once, each operation is tried as one
	 * more step on a copy of that machine. Null when the scenario cannot be run (no platform yet, an
	 * unknown device, the interpreter fails on a half-typed model).
	 */
	public static Set<TsmOp> validAfter(Scenario scenario, int stepCount, String deviceName) {
		Platform platform = scenario.getPlatform();
		if (platform == null || platform.eIsProxy()) {
			return null;
		}
		Device device = null;
		for (var m : platform.getMembers()) {
			if (m instanceof Device d && deviceName.equals(d.getName())) {
				device = d;
				break;
			}
		}
		if (device == null) {
			return null;
		}
		try {
			RunOptions options = RunOptions.defaults();
			Session prefix = BootImage.boot(platform, CocoRuntime.effectiveProfile(platform, scenario, options),
					CocoRuntime.effectiveOverlays(platform, scenario, options), options).open();
			List<Step> steps = scenario.getSteps();
			for (int i = 0; i < Math.min(stepCount, steps.size()); i++) {
				prefix.replay(steps.get(i));
			}
			Set<TsmOp> out = java.util.EnumSet.noneOf(TsmOp.class);
			for (TsmOp op : TsmOp.VALUES) {
				TsmStep step = CocoFactory.eINSTANCE.createTsmStep();
				step.setDevice(device);
				step.setOp(op);
				if (op == TsmOp.CONNECT || op == TsmOp.DISCONNECT) {
					step.setTsm(DEFAULT_TSM);
				}
				if (prefix.copy().replay(step).outcome() instanceof Outcome.Ok) {
					out.add(op);
				}
			}
			return out;
		} catch (RuntimeException e) {
			// a scenario the interpreter cannot run yet (being typed): no opinion
			return null;
		}
	}

	private static State snapshot(DeviceState st) {
		return new State(st.tsmState, st.accepted, st.driverBound, st.connectedTsm);
	}
}

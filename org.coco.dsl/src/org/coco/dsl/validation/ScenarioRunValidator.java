package org.coco.dsl.validation;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.ExpectDataStep;
import org.coco.dsl.coco.Expectation;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

/**
 * Checks that run the scenario through the interpreter (CocoRuntime), so that the rule that decides is
 * the interpreter's and nothing is re-derived here: TSM writes the state machine refuses (§2.2), and
 * expectations the run contradicts. A scenario with unresolved names is not run.
 */
public class ScenarioRunValidator extends CocoCheck {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	/** Runs once per validation pass and scenario (both checks share the trace through the context). */
	private Trace trace(Scenario s) {
		Object key = ScenarioRunValidator.class.getName() + "#" + System.identityHashCode(s);
		if (getContext() != null && getContext().get(key) instanceof Trace t && t.scenario() == s) {
			return t;
		}
		ScenarioRunCache cache = passCache(s);
		Trace t;
		if (cache == null) {
			t = run(s, runner());
		} else {
			// a scenario on another file's platform is not kept, nor is that platform's boot image
			List<EObject> dependencies = ScenarioRunCache.dependencies(s);
			ScenarioRunner r = dependencies == null ? runner() : cache.runner();
			t = cache.trace(s, dependencies, () -> run(s, r));
		}
		if (getContext() != null && t != null) {
			getContext().put(key, t);
		}
		return t;
	}

	/**
	 * The runs kept from the last validation of the scenario's resource (language server), or null. Its
	 * pass starts at the first scenario of a validation.
	 */
	private ScenarioRunCache passCache(Scenario s) {
		ScenarioRunCache cache = ScenarioRunCache.of(s.eResource());
		if (cache == null || getContext() == null) {
			return null;
		}
		Object key = ScenarioRunCache.class.getName();
		Object started = getContext().get(key);
		if (started == null) {
			started = cache.startPass();
			getContext().put(key, started);
		}
		return Boolean.TRUE.equals(started) ? cache : null;
	}

	/**
	 * One runner per validation pass: it boots each platform once for all the pass's scenarios. Not kept
	 * longer, since the model changes between passes in the editor.
	 */
	private ScenarioRunner runner() {
		Object key = ScenarioRunner.class.getName();
		if (getContext() == null) {
			return new ScenarioRunner(RunOptions.defaults());
		}
		if (getContext().get(key) instanceof ScenarioRunner r) {
			return r;
		}
		ScenarioRunner r = new ScenarioRunner(RunOptions.defaults());
		getContext().put(key, r);
		return r;
	}

	/** The trace, or null when the scenario cannot be run (unresolved names, or the interpreter fails). */
	public static Trace run(Scenario s) {
		return run(s, new ScenarioRunner(RunOptions.defaults()));
	}

	private static Trace run(Scenario s, ScenarioRunner runner) {
		if (s.getPlatform() == null || s.getPlatform().eIsProxy() || CocoRuntime.hasUnresolvedReferences(s)) {
			return null;
		}
		try {
			return runner.run(s);
		} catch (RuntimeException e) {
			// The interpreter's own errors belong to its tests; the editor must not fail on them.
			return null;
		}
	}

	@Check
	public void tsmTransitionsAllowed(Scenario s) {
		Trace t = trace(s);
		if (t == null) {
			return;
		}
		for (StepResult r : t.steps()) {
			if (!(r.step() instanceof TsmStep step) || step.isFail() || expectsFailure(step)
					|| !(r.outcome() instanceof Outcome.Failed f)) {
				continue;
			}
			List<String> missing = missingTransitions(s, step, f.reason());
			INode op = node(step, COCO.getTsmStep_Op());
			INode dev = node(step, COCO.getTsmStep_Device());
			if (op == null || dev == null) {
				continue;
			}
			String fix = missing.isEmpty() ? "expect errno " + f.errno().name() + " if the refusal is the point"
					: "insert " + String.join(", ", missing.stream().map(m -> step.getDevice().getName() + " " + m).toList())
							+ " before it";
			List<String> data = new ArrayList<>();
			data.add(step.getDevice().getName());
			data.addAll(missing);
			errorAt(step.getDevice().getName() + " " + step.getOp().getLiteral() + " is refused here: " + f.reason() + " (-"
					+ f.errno().name() + ", " + (r.rule() == null ? "§2.2" : r.rule().text()) + "); " + fix, step,
					dev.getOffset(), op.getEndOffset() - dev.getOffset(), IssueCodes.TSM_TRANSITION_NOT_ALLOWED,
					data.toArray(String[]::new));
		}
	}

	/** The transitions that make the refused write valid: unbind the driver, lock before accept (§2.2 ov-devsec). */
	private static List<String> missingTransitions(Scenario s, TsmStep step, String reason) {
		Device d = step.getDevice();
		boolean bound = d.isDriverBound();
		for (Step earlier : s.getSteps()) {
			if (earlier == step) {
				break;
			}
			if (earlier instanceof TsmStep e && e.getDevice() == d) {
				if (e.getOp() == TsmOp.BIND) {
					bound = true;
				} else if (e.getOp() == TsmOp.UNBIND) {
					bound = false;
				}
			}
		}
		List<String> out = new ArrayList<>();
		boolean guestOp = step.getOp() == TsmOp.LOCK || step.getOp() == TsmOp.ACCEPT || step.getOp() == TsmOp.UNLOCK;
		if (guestOp && reason.contains("driver is bound")) {
			out.add("unbind");
		} else if (step.getOp() == TsmOp.ACCEPT && reason.contains("unlocked, not locked")) {
			if (bound) {
				out.add("unbind");
			}
			out.add("lock");
		}
		return out;
	}

	@Check(CheckType.NORMAL)
	public void expectationsHold(Scenario s) {
		Trace t = trace(s);
		if (t == null) {
			return;
		}
		for (StepResult r : t.steps()) {
			for (ExpectationResult e : r.expectations()) {
				if (e.passed()) {
					continue;
				}
				String message = "the interpreter contradicts this: " + e.message();
				if (e.source() instanceof Expectation x) {
					String actual = ExpectationText.actual(x, r);
					errorAt(message + (actual == null ? "" : "; the run gives: " + actual), x, whole(x),
							IssueCodes.EXPECTATION_CONTRADICTED, actual == null ? "" : actual);
				} else if (e.source() instanceof ExpectDataStep d) {
					errorAt(message, d, whole(d), IssueCodes.EXPECTATION_CONTRADICTED, "");
				}
			}
		}
	}
}

package org.coco.dsl.bench;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.coco.dsl.CocoStandaloneSetup;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.RunOptions;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResourceSet;

/** A parsed and linked synthetic model whose scenarios the interpreter runs, for steps-per-second figures. */
public final class Interpreter {

	final List<Scenario> scenarios;
	final long stepsPerPass;

	public Interpreter(SyntheticModel shape) throws IOException {
		StringBuilder text = new StringBuilder();
		shape.writeCoco(text);
		XtextResourceSet rs = new CocoStandaloneSetup().createInjectorAndDoEMFRegistration()
				.getInstance(XtextResourceSet.class);
		Resource r = rs.createResource(URI.createURI("synthetic:/interpreter.coco"));
		r.load(new org.eclipse.xtext.util.StringInputStream(text.toString()), rs.getLoadOptions());
		EcoreUtil.resolveAll(rs);
		if (!r.getErrors().isEmpty()) {
			throw new IllegalStateException("synthetic model does not parse: " + r.getErrors().get(0));
		}
		Model model = (Model) r.getContents().get(0);
		scenarios = model.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast).toList();
		stepsPerPass = scenarios.stream().mapToLong(s -> s.getSteps().size()).sum();
	}

	/** The shape used for steps/s: a small platform and long scenarios, so the figure is per step, not per boot. */
	public static SyntheticModel defaultShape() {
		return new SyntheticModel(20, 10, 50, 400);
	}

	/** Runs every scenario once; returns the number of steps executed. */
	public long pass() {
		long steps = 0;
		for (Scenario s : scenarios) {
			steps += CocoRuntime.run(s, RunOptions.defaults()).steps().size();
		}
		return steps;
	}

	/** Steps per second over about `millis` ms, after `warmupMillis` of warm-up. */
	public double stepsPerSecond(long warmupMillis, long millis) {
		long end = System.nanoTime() + warmupMillis * 1_000_000;
		while (System.nanoTime() < end) {
			pass();
		}
		long steps = 0;
		long start = System.nanoTime();
		end = start + millis * 1_000_000;
		long now;
		do {
			steps += pass();
			now = System.nanoTime();
		} while (now < end);
		return steps / ((now - start) / 1e9);
	}
}

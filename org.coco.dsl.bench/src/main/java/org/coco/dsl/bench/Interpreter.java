package org.coco.dsl.bench;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.coco.dsl.CocoStandaloneSetup;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.Trace;
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

	/**
	 * Runs every scenario once, as `coco run` and `coco validate` do: one {@link ScenarioRunner}, so the
	 * platform is booted once per pass and every run starts from that boot image. Returns the number of
	 * steps executed.
	 */
	public long pass() {
		ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults());
		long steps = 0;
		for (Scenario s : scenarios) {
			steps += runner.run(s).steps().size();
		}
		return steps;
	}

	/**
	 * Runs every scenario once through {@link ScenarioRunner#runAll}, as `coco run` does: on all processors
	 * when the model allows. Returns the number of steps executed.
	 */
	public long passAll() {
		long steps = 0;
		for (Trace t : new ScenarioRunner(RunOptions.defaults()).runAll(scenarios)) {
			steps += t.steps().size();
		}
		return steps;
	}

	/** The same with {@link CocoRuntime#run} per scenario (a boot per run, as a lone caller gets). */
	public long passBootingEachRun() {
		long steps = 0;
		for (Scenario s : scenarios) {
			steps += CocoRuntime.run(s, RunOptions.defaults()).steps().size();
		}
		return steps;
	}

	/** Steps per second on one thread over about `millis` ms, after `warmupMillis` of warm-up. */
	public double stepsPerSecond(long warmupMillis, long millis) {
		return measure(this::pass, warmupMillis, millis)[0];
	}

	/** Steps per second through {@link ScenarioRunner#runAll} (all processors), and per process CPU second. */
	public double[] stepsPerSecondAll(long warmupMillis, long millis) {
		return measure(this::passAll, warmupMillis, millis);
	}

	/**
	 * Steps per wall-clock second and per CPU second of this thread (the steadier figure on a shared
	 * machine: it leaves out waiting for a CPU, the JIT and GC threads) over about `millis` ms, the
	 * bytes this thread allocated per step (the figure the load of the machine does not move), and steps
	 * per CPU second of the whole process (all threads: the figure for passes that use several).
	 */
	public static double[] measure(java.util.function.LongSupplier pass, long warmupMillis, long millis) {
		long end = System.nanoTime() + warmupMillis * 1_000_000;
		while (System.nanoTime() < end) {
			pass.getAsLong();
		}
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long steps = 0;
		long start = System.nanoTime();
		long cpu = threads.getCurrentThreadCpuTime();
		long allocated = allocatedBytes(threads);
		long processCpu = processCpu();
		end = start + millis * 1_000_000;
		long now;
		do {
			steps += pass.getAsLong();
			now = System.nanoTime();
		} while (now < end);
		double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
		double bytesPerStep = (allocatedBytes(threads) - allocated) / (double) steps;
		double processSeconds = (processCpu() - processCpu) / 1e9;
		return new double[] { steps / ((now - start) / 1e9), steps / cpuSeconds, bytesPerStep, steps / processSeconds };
	}

	/** CPU time of the whole process so far, in ns (0 where the JVM does not say). */
	private static long processCpu() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
				? Math.max(0, os.getProcessCpuTime())
				: 0;
	}

	/** Bytes allocated by this thread so far, or 0 where the JVM does not count them. */
	private static long allocatedBytes(java.lang.management.ThreadMXBean threads) {
		return threads instanceof com.sun.management.ThreadMXBean t ? Math.max(0, t.getCurrentThreadAllocatedBytes()) : 0;
	}

	/**
	 * Prints the steps/s figures alone (without the rest of the bench):
	 * {@code java -cp org.coco.dsl.bench/target/classes:org.coco.dsl.bench/target/lib/* org.coco.dsl.bench.Interpreter [WARMUP_MS MEASURE_MS]}.
	 */
	public static void main(String[] args) throws IOException {
		long warmup = args.length > 0 ? Long.parseLong(args[0]) : 5_000;
		long millis = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
		Interpreter in = new Interpreter(defaultShape());
		double[] runner = measure(in::pass, warmup, millis);
		double[] each = measure(in::passBootingEachRun, warmup, millis);
		double[] all = measure(in::passAll, warmup, millis);
		System.out.printf(java.util.Locale.ROOT,
				"one runner per pass:       %,.0f steps/s wall, %,.0f steps/s per CPU second, %,.0f bytes allocated per step%n",
				runner[0], runner[1], runner[2]);
		System.out.printf(java.util.Locale.ROOT,
				"CocoRuntime.run per run:   %,.0f steps/s wall, %,.0f steps/s per CPU second, %,.0f bytes allocated per step%n",
				each[0], each[1], each[2]);
		System.out.printf(java.util.Locale.ROOT, "runAll, %d processors:     %,.0f steps/s wall, %,.0f steps/s per process CPU second%n",
				Runtime.getRuntime().availableProcessors(), all[0], all[3]);
	}
}

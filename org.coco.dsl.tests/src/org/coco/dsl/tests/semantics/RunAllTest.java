package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Invariants;
import org.coco.dsl.semantics.InvariantCheck;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * {@link ScenarioRunner#runAll} runs a batch's scenarios on all processors: its traces must be those of
 * one-off runs, in the batch's order, whether the model is resolved or still has names to resolve (those
 * steps run under a lock), and it must keep to one thread where sharing is unsafe.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class RunAllTest {
	@Inject
	private ParseHelper<Model> parser;
	@Inject
	private Provider<ResourceSet> resourceSets;

	/** Enough repetitions of the scenarios for runAll to share them out (it does below 2,000 steps in all). */
	private static List<Scenario> batch(List<Scenario> scenarios) {
		List<Scenario> out = new ArrayList<>();
		long steps = 0;
		while (steps < 5_000) {
			for (Scenario s : scenarios) {
				out.add(s);
				steps += s.getSteps().size();
			}
		}
		return out;
	}

	private static void assertOneOffTraces(List<Scenario> batch, RunOptions options, List<Trace> traces) {
		assertEquals(batch.size(), traces.size());
		for (int i = 0; i < batch.size(); i++) {
			assertEquals(CocoRuntime.run(batch.get(i), options).describe(), traces.get(i).describe(), i + ": " + batch.get(i).getName());
		}
	}

	@Test
	void theExamplesInParallelGiveTheTracesOfOneOffRunsInOrder() throws Exception {
		ResourceSet rs = resourceSets.get();
		List<Scenario> scenarios = new ArrayList<>();
		for (Path f : Examples.all()) {
			Model m = parser.parse(Files.readString(f), URI.createFileURI(f.toAbsolutePath().toString()), rs);
			m.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast).forEach(scenarios::add);
		}
		// not resolved first: runAll resolves the platforms, and the steps' names as they run
		scenarios.removeIf(s -> s.getPlatform() == null || s.getPlatform().eIsProxy());
		assertTrue(scenarios.size() > 20, "examples have scenarios");
		List<Scenario> batch = batch(scenarios);
		RunOptions options = RunOptions.defaults();
		ScenarioRunner runner = new ScenarioRunner(options);
		assertTrue(runner.runsInParallel(batch), "a resolved batch of " + batch.size() + " runs is shared out");
		assertOneOffTraces(batch, options, runner.runAll(batch));
		assertFalse(runner.runsInParallel(scenarios.subList(0, 2)), "two scenarios' steps are too few to share");
	}

	static final String PLATFORM = """
			platform P {
			    technology sev-snp
			    iommu none
			    config DMA_RESTRICTED_POOL
			    pool swiotlb default size 4M at 0xb000_0000
			    pool restricted rp size 1M at 0x9000_0000 shared
			    device blk : platform { dma-mask 64 coherent-mask 64 coherent restricted-pool rp }
			    device nic : pci { dma-mask 32 coherent-mask 32 untrusted }
			}
			""";

	/** Steps whose names do not all resolve: a map target, a freed buffer, an expectation's pool. */
	static final String HALF_TYPED = PLATFORM + """
			scenario "half-typed" on P {
			    b = alloc pages 8K
			    m = map b -> nic to-device expect bounce via nosuchpool
			    m2 = map nosuchbuf -> blk to-device
			    unmap m
			    free nosuch
			    free b
			}
			""";

	@Test
	void stepsWithNamesToResolveRunUnderTheLockAndGiveTheSameTraces() throws Exception {
		Model m = parser.parse(HALF_TYPED, URI.createURI("mem:/half.coco"), resourceSets.get());
		Scenario s = (Scenario) m.getElements().get(1);
		List<Scenario> batch = batch(List.of(s));
		RunOptions options = RunOptions.defaults();
		ScenarioRunner runner = new ScenarioRunner(options);
		assertTrue(runner.runsInParallel(batch), "the platform resolves: the batch is shared out");
		List<Trace> traces = runner.runAll(batch);
		assertOneOffTraces(batch, options, traces);
		String text = traces.get(0).describe();
		assertTrue(text.contains("unresolved reference 'ref'") && text.contains("unresolved reference 'buffer'"), text);
		assertFalse(m.eResource().getErrors().isEmpty(), "the names were resolved, and failed, on the resource");
	}

	@Test
	void aPlatformWithANameThatDoesNotResolveRunsOnOneThread() throws Exception {
		String text = PLATFORM.replace("restricted-pool rp", "restricted-pool nosuchpool") + """
				scenario "s" on P {
				    b = alloc pages 8K
				    m = map b -> blk to-device
				    unmap m
				    free b
				}
				""";
		Model m = parser.parse(text, URI.createURI("mem:/p.coco"), resourceSets.get());
		List<Scenario> batch = batch(List.of((Scenario) m.getElements().get(1)));
		ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults());
		assertFalse(runner.runsInParallel(batch));
		assertOneOffTraces(batch, RunOptions.defaults(), runner.runAll(batch));
	}

	@Test
	void aCallersOwnCheckKeepsTheRunsOnOneThread() throws Exception {
		Model m = parser.parse(HALF_TYPED.replace("nosuchpool", "default").replace("nosuchbuf", "b").replace("free nosuch\n", ""),
				URI.createURI("mem:/c.coco"), resourceSets.get());
		List<Scenario> batch = batch(List.of((Scenario) m.getElements().get(1)));
		List<Thread> seen = new ArrayList<>(); // not thread-safe: the runner must not share this check out
		InvariantCheck own = (r, machine, report) -> seen.add(Thread.currentThread());
		List<InvariantCheck> checks = new ArrayList<>(Invariants.all());
		checks.add(own);
		RunOptions options = RunOptions.defaults().withInvariants(checks);
		ScenarioRunner runner = new ScenarioRunner(options);
		assertTrue(new ScenarioRunner(RunOptions.defaults()).runsInParallel(batch), "with coco's checks alone it would be");
		assertFalse(runner.runsInParallel(batch));
		runner.runAll(batch);
		assertEquals(batch.stream().mapToInt(s -> s.getSteps().size()).sum(), seen.size());
		assertTrue(seen.stream().allMatch(t -> t == Thread.currentThread()));
	}
}

package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.InvariantCheck;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** The public API: options and overrides, expectation reporting, determinism, the invariant hook. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class RuntimeApiTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static final String SNP = "platform P { technology sev-snp c-bit 51 profile ccs71\n pool swiotlb default size 1M at 0x8000_0000\n"
			+ " device d : pci { dma-mask 64 } }";

	@Test
	void failedExpectationSaysExpectedActualAndRule() {
		Trace t = sem.run(scenario(SNP, "buf = alloc pages 4K\n m = map buf -> d to-device expect direct encrypted"));
		assertFalse(t.passed());
		ExpectationResult e = t.failures().get(0);
		assertEquals("direct encrypted", e.expected());
		assertTrue(e.actual().startsWith("BOUNCE via default slot 0"), e.actual());
		assertTrue(e.message().endsWith("[§4.4 step 7, swiotlb_map]"), e.message());
		assertSame(((Scenario) t.scenario()).getSteps().get(1), step(t, 1).step());
		assertInstanceOf(MapStep.class, step(t, 1).step());
	}

	@Test
	void profileAndOverlayOverrides() {
		String text = scenario(SNP, "buf = alloc pages 4K\n m = map buf -> d to-device");
		Trace ccs = sem.run(text);
		assertEquals(Profile.CCS71, ccs.profile());
		Trace v7 = sem.run(text, RunOptions.defaults().withProfile(Profile.SERIES_V7).withOverlays(Set.of(Overlay.MS)));
		assertEquals(Profile.SERIES_V7, v7.profile());
		assertEquals(Set.of(Overlay.MS), v7.overlays());
		assertTrue(step(v7, 1).path().stream().anyMatch(r -> r.text().startsWith("§4.2 series-v7")));
	}

	@Test
	void scenarioProfileBaseOverridesThePlatform() {
		Trace t = sem.run(SNP + "\nscenario \"s\" on P profile base {\n buf = alloc pages 4K\n m = map buf -> d to-device attrs CC_SHARED\n}");
		assertEquals(Profile.BASE, t.profile());
		assertInstanceOf(Outcome.Bounce.class, step(t, 1).outcome());
	}

	@Test
	void unknownParameterIsRejected() {
		// (assertThrows needs a package the test bundle does not import)
		try {
			RunOptions.defaults().withParameter("no_such_thing", "x");
			fail("accepted an unknown parameter");
		} catch (IllegalArgumentException expected) {
			assertTrue(expected.getMessage().contains("no_such_thing"));
		}
		String text = scenario(SNP, "buf = alloc pages 4K");
		try {
			sem.run(text, RunOptions.defaults().withParameter("mmio_implies_shared", "sometimes"));
			fail("accepted an invalid choice");
		} catch (IllegalArgumentException expected) {
			assertTrue(expected.getMessage().contains("fdu, fdu_or_host, never"));
		}
	}

	@Test
	void runsAreDeterministic() {
		String text = scenario(SNP, "a = alloc heap system 2M\n m = map a -> d bidirectional\n cpu writes a 0x5\n sync m for-device\n"
				+ "x = dma_alloc_coherent d 16K\n free x\n unmap m");
		assertEquals(sem.run(text).describe(), sem.run(text).describe());
	}

	@Test
	void runAllRunsEveryScenario() {
		Model m = sem.parse(SNP + "\nscenario \"a\" on P { b = alloc pages 4K }\nscenario \"b\" on P { c = alloc pages 8K }");
		List<Trace> ts = CocoRuntime.runAll(m, RunOptions.defaults());
		assertEquals(2, ts.size());
		assertEquals("b", ts.get(1).scenario().getName());
		// each run has its own machine: both start at the same first page
		assertEquals(((Outcome.Allocated) step(ts.get(0), 0).outcome()).phys(), ((Outcome.Allocated) step(ts.get(1), 0).outcome()).phys());
	}

	@Test
	void invariantHookIsCalledAndCanBeSwitchedOff() {
		List<Integer> seen = new ArrayList<>();
		InvariantCheck check = (r, machine, report) -> {
			seen.add(r.index());
			if (r.outcome() instanceof Outcome.Bounce) {
				report.accept(new Finding("demo", r.step(), "bounced", r.rule()));
			}
		};
		String text = scenario(SNP, "buf = alloc pages 4K\n m = map buf -> d to-device");
		Trace on = sem.run(text, RunOptions.defaults().withInvariants(List.of(check)));
		assertEquals(List.of(0, 1), seen);
		assertEquals(1, on.findings().size());
		seen.clear();
		Trace off = sem.run(text, RunOptions.defaults().withInvariants(List.of(check)).withInvariantChecking(false));
		assertTrue(seen.isEmpty());
		assertTrue(off.findings().isEmpty());
	}

	@Test
	void traceRecordsParametersAndBoot() {
		Trace t = sem.run(scenario(SNP, "buf = alloc pages 4K"));
		assertTrue(t.parameters().containsKey("mmio_implies_shared"));
		assertTrue(t.parameters().containsKey("t1_shared_access"));
		assertTrue(t.parameters().containsKey("unlock_clears_accepted"));
		assertTrue(t.parameters().containsKey("vtom_device_alias"));
		assertEquals("51 (platform)", t.parameters().get("c_bit"));
		assertTrue(t.boot().get(0).startsWith("cc_platform_has: [GUEST_MEM_ENCRYPT, GUEST_SEV_SNP, GUEST_STATE_ENCRYPT, MEM_ENCRYPT]"));
	}

	@Test
	void unresolvedReferencesBecomeErrorsNotExceptions() {
		Trace t = sem.run(scenario(SNP, "b = alloc pages 4K\n m = map b -> nosuchdevice to-device\n c = alloc pages 4K\n free zz"));
		Outcome.Error e = assertInstanceOf(Outcome.Error.class, step(t, 1).outcome(), t.describe());
		assertTrue(e.reason().contains("unresolved reference 'device'"), e.reason());
		assertInstanceOf(Outcome.Allocated.class, step(t, 2).outcome());
		assertInstanceOf(Outcome.Error.class, step(t, 3).outcome());
	}
	/**
	 * A step with a null reference (what a half-typed model leaves) is described before it runs, as the
	 * trace describes every step: the failing description makes it an engine error and the step does
	 * not run; the steps around it run and are described as usual.
	 */
	@Test
	void aStepWhoseDescriptionFailsIsAnEngineErrorAndDoesNotRun() {
		Model m = sem.parse(scenario(SNP, "b = alloc pages 4K\n c = alloc pages 4K\n free b\n free c"));
		Scenario s = m.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast).findFirst()
				.orElseThrow();
		((org.coco.dsl.coco.FreeStep) s.getSteps().get(2)).setBuffer(null);
		Trace t = CocoRuntime.run(s.getPlatform(), s, RunOptions.defaults());
		Outcome.Error e = assertInstanceOf(Outcome.Error.class, step(t, 2).outcome(), t.describe());
		assertTrue(e.reason().startsWith("engine error: java.lang.NullPointerException"), e.reason());
		assertEquals("FreeStep", step(t, 2).description());
		assertEquals("model, engine error", step(t, 2).rule().text());
		assertTrue(step(t, 2).stateChanges().isEmpty() && step(t, 2).freedToAllocator().isEmpty(), "the free did not run");
		assertEquals("free c", step(t, 3).description());
		assertInstanceOf(Outcome.Ok.class, step(t, 3).outcome());
		assertEquals("b = alloc pages 4K", step(t, 0).description());
	}
}

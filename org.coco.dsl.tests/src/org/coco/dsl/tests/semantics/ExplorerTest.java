package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.semantics.explore.Bounds;
import org.coco.dsl.semantics.explore.Counterexample;
import org.coco.dsl.semantics.explore.ExplorationResult;
import org.coco.dsl.semantics.explore.Explorer;
import org.coco.dsl.semantics.explore.ProgressListener;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Exhaustive bounded exploration: known violations, fixes, shortest counterexamples that re-run. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ExplorerTest {
	private static final String INV4 = "§6.4 pool memory is owned by the pool";
	private static final String INV5 = "§6.5 no double conversion";
	private static final String INV3 = "§6.3 decrypted pages never return to the allocator";

	@Inject
	private ParseHelper<Model> parser;
	private ExplorationFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new ExplorationFixtures(parser);
	}

	private Platform cca() {
		return ExplorationFixtures.platform(fx.parse(ExplorationFixtures.example("cca-realm.coco")), "CcaRealm");
	}

	private static Counterexample violation(ExplorationResult r, String inv) {
		return r.violations().stream().filter(c -> c.invariant().equals(inv)).findFirst()
				.orElseThrow(() -> new AssertionError(inv + " not found: " + r.summary() + "\n" + r.violations()));
	}

	private static boolean violates(ExplorationResult r, String inv) {
		return r.violations().stream().anyMatch(c -> c.invariant().equals(inv));
	}

	@Test
	void findsTheRestrictedPoolOwnershipViolationsOfBaseOnACcaRealm() {
		ExplorationResult r = Explorer.explore(cca(), Bounds.of(2).withOptions(RunOptions.defaults().withProfile(Profile.BASE)), null);
		assertTrue(r.complete(), r::summary);
		// double decryption at allocation: one step
		Counterexample dd = violation(r, INV5);
		assertEquals(1, dd.depth());
		assertEquals(List.of("b1 = dma_alloc_coherent virtio_blk 4K"), dd.steps());
		Counterexample own = violation(r, INV4);
		assertEquals(1, own.depth(), own::scenario);
		assertTrue(r.explored() > r.distinct() - 1, r::summary);
		assertTrue(r.distinct() > 10, r::summary);
	}

	@Test
	void reportsNoneOfThemUnderTheProfileOrOverlayThatFixesThem() {
		for (RunOptions o : List.of(RunOptions.defaults().withProfile(Profile.SERIES_V7),
				RunOptions.defaults().withProfile(Profile.BASE).withOverlays(Set.of(Overlay.DEVSEC, Overlay.CCA_DA, Overlay.MS)))) {
			ExplorationResult r = Explorer.explore(cca(), Bounds.of(3).withOptions(o), null);
			assertTrue(r.complete(), r::summary);
			assertFalse(violates(r, INV4), () -> r.summary() + "\n" + r.violations());
			assertFalse(violates(r, INV5), () -> r.summary() + "\n" + r.violations());
		}
	}

	/** Minimal violation of §6.3 on a platform with only the page allocator: alloc, decrypt, free = 3 steps. */
	private Platform bare() {
		return ExplorationFixtures.platform(fx.parse("platform Tdx {\n technology tdx\n}\n"), "Tdx");
	}

	@Test
	void counterexamplesAreShortest() {
		Bounds b = Bounds.of(2).withOptions(RunOptions.defaults());
		ExplorationResult two = Explorer.explore(bare(), b, null);
		assertTrue(two.complete(), two::summary);
		assertFalse(violates(two, INV3), () -> two.violations().toString());
		ExplorationResult three = Explorer.explore(bare(), Bounds.of(4), null);
		Counterexample c = violation(three, INV3);
		assertEquals(3, c.depth(), c::scenario);
		assertEquals("b1 = alloc pages 4K", c.steps().get(0));
		assertTrue(c.steps().get(1).startsWith("set_memory_"), c::scenario);
		assertEquals("free b1", c.steps().get(2));
		// equal states are visited once: the visited set is far smaller than the paths
		assertTrue(three.distinct() < three.explored(), three::summary);
	}

	@Test
	void aCounterexampleParsesAndReproducesTheViolation() {
		ExplorationResult r = Explorer.explore(cca(), Bounds.of(2).withOptions(RunOptions.defaults().withProfile(Profile.BASE)), null);
		for (Counterexample c : r.violations()) {
			Model m = fx.parse(ExplorationFixtures.example("cca-realm.coco") + "\n" + c.scenario());
			String name = c.scenario().replaceAll("(?s).*?scenario \"([^\"]+)\".*", "$1");
			Trace t = CocoRuntime.run(ExplorationFixtures.scenario(m, name), RunOptions.defaults());
			assertTrue(t.findings().stream().map(Finding::invariant).anyMatch(c.invariant()::equals),
					() -> c.scenario() + "\n" + t.describe());
			assertEquals(c.depth(), t.steps().size());
		}
		assertTrue(r.violations().size() >= 2);
	}

	@Test
	void aCopiedMachineEvolvesLikeAReplayedOneAndIndependently() {
		Model m = fx.parse(ExplorationFixtures.example("cca-realm.coco") + """
				scenario "copy" on CcaRealm {
				    b = alloc pages 8K
				    m = map b -> virtio_blk bidirectional
				    c = dma_alloc_coherent virtio_blk 4K
				    nic lock
				    unmap m
				}
				""");
		var steps = ExplorationFixtures.scenario(m, "copy").getSteps();
		Platform p = ExplorationFixtures.platform(m, "CcaRealm");
		org.coco.dsl.semantics.Session a = org.coco.dsl.semantics.Session.open(p, RunOptions.defaults());
		a.replay(steps.get(0));
		a.replay(steps.get(1));
		org.coco.dsl.semantics.Session b = a.copy();
		var before = a.stateKey();
		for (int i = 2; i < steps.size(); i++) {
			b.replay(steps.get(i));
		}
		assertEquals(before, a.stateKey(), "stepping the copy leaves the original alone");
		org.coco.dsl.semantics.Session fresh = org.coco.dsl.semantics.Session.open(p, RunOptions.defaults());
		for (var st : steps) {
			fresh.replay(st);
		}
		assertEquals(fresh.stateKey(), b.stateKey(), "copy + steps = replay from boot");
		for (int i = 2; i < steps.size(); i++) {
			a.replay(steps.get(i));
		}
		assertEquals(fresh.stateKey(), a.stateKey());
	}

	@Test
	void timeAndStateBoundsGiveAPartialResultWithProgress() {
		List<ProgressListener.Progress> seen = new ArrayList<>();
		ExplorationResult r = Explorer.explore(cca(), Bounds.of(12).withMaxStates(200), seen::add);
		assertFalse(r.complete());
		assertTrue(r.stopReason().contains("200 distinct states"), r::summary);
		assertTrue(r.summary().contains("partial"), r::summary);
		ExplorationResult t = Explorer.explore(cca(), Bounds.of(12).withTimeLimit(1500), seen::add);
		assertFalse(t.complete());
		assertTrue(t.stopReason().startsWith("time limit"), t::summary);
		assertFalse(seen.isEmpty(), "a progress report at least once a second");
		assertTrue(t.statesPerSecond() > 0);
	}
}

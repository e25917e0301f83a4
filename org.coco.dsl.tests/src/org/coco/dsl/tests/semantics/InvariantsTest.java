package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.Invariants;
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

/** The §6 invariant checks run by default, on the example platforms. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class InvariantsTest {
	@Inject
	private ParseHelper<Model> parser;
	private ExplorationFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new ExplorationFixtures(parser);
	}

	private static List<String> invariants(Trace t) {
		return t.findings().stream().map(Finding::invariant).toList();
	}

	private Trace runCca(String steps, RunOptions o) {
		Model m = fx.parse(ExplorationFixtures.example("cca-realm.coco") + "\nscenario \"inv\" on CcaRealm {\n" + steps + "\n}\n");
		return CocoRuntime.run(ExplorationFixtures.scenario(m, "inv"), o);
	}

	@Test
	void restrictedPoolDoubleDecryptionAndReencryptionAreFindingsInBase() {
		Trace t = runCca("b = dma_alloc_coherent virtio_blk 4K\nfree b", RunOptions.defaults().withProfile(Profile.BASE));
		List<String> found = invariants(t);
		assertTrue(found.contains("§6.4 pool memory is owned by the pool"), t::describe);
		assertTrue(found.contains("§6.5 no double conversion"), t::describe);
		// the finding names the step and shows the state
		Finding f = t.findings().stream().filter(x -> x.invariant().startsWith("§6.5")).findFirst().orElseThrow();
		assertTrue(f.message().startsWith("#1 b = dma_alloc_coherent virtio_blk 4K: double decryption: set_memory_decrypted"), f::message);
		assertTrue(f.message().contains("(was shared)"), f::message);
		Finding reenc = t.findings().stream().filter(x -> x.invariant().startsWith("§6.4") && x.message().startsWith("#2"))
				.findFirst().orElseThrow(() -> new AssertionError(t.describe()));
		assertTrue(reenc.message().contains("set_memory_encrypted") && reenc.message().contains("restricted blk_pool"), reenc::message);
		assertTrue(t.passed(), "no expectations, so they pass");
		assertFalse(t.succeeded(), "but an invariant failed, so the run fails");
		assertTrue(t.describe().contains("INVARIANT §6.4"), t::describe);
	}

	@Test
	void seriesV7AndOvMsFixTheRestrictedPoolOwnership() {
		String steps = "b = dma_alloc_coherent virtio_blk 4K\nfree b";
		for (RunOptions o : List.of(RunOptions.defaults().withProfile(Profile.SERIES_V7),
				RunOptions.defaults().withProfile(Profile.BASE).withOverlays(Set.of(Overlay.MS)))) {
			Trace t = runCca(steps, o);
			assertFalse(invariants(t).stream().anyMatch(i -> i.startsWith("§6.4") || i.startsWith("§6.5")), t::describe);
		}
	}

	@Test
	void invariantsCanBeSwitchedOffOrChosen() {
		String steps = "b = dma_alloc_coherent virtio_blk 4K\nfree b";
		Trace off = runCca(steps, RunOptions.defaults().withInvariantChecking(false));
		assertTrue(off.findings().isEmpty());
		assertTrue(off.succeeded());
		Trace only5 = runCca(steps, RunOptions.defaults().withInvariants(List.copyOf(Invariants.only(Set.of(5)))));
		assertEquals(Set.of("§6.5 no double conversion"), Set.copyOf(invariants(only5)));
	}

	@Test
	void callerDecryptedPagesFreedToTheAllocatorAreInvariant3() {
		Trace t = runCca("b = alloc pages 4K\nset_memory_decrypted b\nfree b", RunOptions.defaults());
		assertEquals(List.of("§6.3 decrypted pages never return to the allocator"), invariants(t), t::describe);
		assertTrue(t.findings().get(0).message().startsWith("#3 free b:"), () -> t.findings().get(0).message());
		assertTrue(t.findings().get(0).message().endsWith("returned to the page allocator while shared"),
				() -> t.findings().get(0).message());
	}

	@Test
	void aCallerDecryptingItsOwnPagesTwiceIsNotAKernelDoubleConversion() {
		Trace t = runCca("b = alloc pages 4K\nset_memory_decrypted b\nset_memory_decrypted b", RunOptions.defaults());
		assertTrue(t.findings().isEmpty(), t::describe);
	}

	@Test
	void ccSharedOnPrivateMemoryExposesItToT0() {
		// §6.1: "a caller passing CC_SHARED on private memory breaks it silently"
		Trace t = runCca("b = alloc pages 4K\nm = map b -> nic bidirectional attrs CC_SHARED", RunOptions.defaults().withProfile(Profile.SERIES_V7));
		assertTrue(invariants(t).contains("§6.1 no private exposure to T=0"), t::describe);
	}

	@Test
	void mmioCcSharedLosesTheSharedBitOnCcaInCcs71() {
		// §6.2 known violation: ccs71 MMIO|CC_SHARED on CCA returns a = phys for shared MMIO
		Trace t = runCca("m = map resource nic_bar -> nic bidirectional attrs MMIO | CC_SHARED", RunOptions.defaults().withProfile(Profile.CCS71));
		assertTrue(invariants(t).contains("§6.2 encoding matches state"), t::describe);
		Trace v7 = runCca("m = map resource nic_bar -> nic bidirectional attrs MMIO", RunOptions.defaults().withProfile(Profile.SERIES_V7));
		assertFalse(invariants(v7).contains("§6.2 encoding matches state"), v7::describe);
	}

	@Test
	void everyExampleScenarioStillPassesItsExpectations() throws Exception {
		// invariants add findings; they never change outcomes or expectations
		for (var f : org.coco.dsl.tests.Examples.all()) {
			if (f.toString().contains("multi-file")) {
				continue;
			}
			Model m = fx.parse(java.nio.file.Files.readString(f));
			for (Trace t : CocoRuntime.runAll(m, RunOptions.defaults())) {
				assertTrue(t.passed(), () -> f + "\n" + t.describe());
			}
		}
	}
}

package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.semantics.BootImage;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.PageState;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Runs start from a shared boot image (booted once per platform, profile and overlays) instead of
 * booting the platform per run: the traces must be those of a fresh boot, runs and copies must not
 * see each other's changes, and the layered page-state/memory maps must read as flat maps do.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class BootImageTest {
	@Inject
	private ParseHelper<Model> parser;
	@Inject
	private Provider<ResourceSet> resourceSets;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	private List<Scenario> exampleScenarios() throws Exception {
		ResourceSet rs = resourceSets.get();
		List<Model> models = new ArrayList<>();
		for (Path f : Examples.all()) {
			models.add(parser.parse(Files.readString(f), org.eclipse.emf.common.util.URI.createFileURI(f.toAbsolutePath().toString()), rs));
		}
		org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(rs);
		List<Scenario> out = new ArrayList<>();
		for (Model m : models) {
			m.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast)
					.filter(s -> s.getPlatform() != null && !s.getPlatform().eIsProxy()).forEach(out::add);
		}
		return out;
	}

	@Test
	void runsFromOneImageGiveTheTracesOfOneOffRunsInAnyOrder() throws Exception {
		List<Scenario> scenarios = exampleScenarios();
		assertTrue(scenarios.size() > 20, "examples have scenarios");
		for (RunOptions options : List.of(RunOptions.defaults(), RunOptions.defaults().withProfile(Profile.BASE))) {
			List<String> oneOff = new ArrayList<>();
			for (Scenario s : scenarios) {
				oneOff.add(CocoRuntime.run(s, options).describe());
			}
			// one runner: each platform booted once, every scenario run twice, in reverse order
			ScenarioRunner runner = new ScenarioRunner(options);
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < scenarios.size(); i++) {
				order.add(i);
				order.add(i);
			}
			Collections.reverse(order);
			for (int i : order) {
				assertEquals(oneOff.get(i), runner.run(scenarios.get(i)).describe(), scenarios.get(i).getName());
			}
		}
	}

	static final String REALM = """
			platform R {
			    technology cca-realm
			    ipa-bits 48
			    overlays ov-devsec, ov-cca-da
			    iommu none
			    config DMA_RESTRICTED_POOL DMA_COHERENT_POOL
			    pool swiotlb default size 4M at 0xb000_0000
			    pool restricted rp size 1M at 0x9000_0000 shared
			    device blk : platform { dma-mask 64 coherent-mask 64 coherent restricted-pool rp }
			    device nic : pci { dma-mask 64 coherent-mask 64 coherent tdisp state unlocked }
			}
			scenario "t" on R {
			    c = dma_alloc_coherent blk 8K
			    b = alloc pages 8K
			    m = map b -> blk to-device
			    nic lock
			    set_memory_decrypted b
			}
			""";

	private static Device device(Platform p, String name) {
		for (PlatformMember m : p.getMembers()) {
			if (m instanceof Device d && d.getName().equals(name)) {
				return d;
			}
		}
		throw new AssertionError(name);
	}

	private static List<String> stepAll(Session s, List<Step> steps) {
		List<String> out = new ArrayList<>();
		Consumer<Finding> ignore = f -> {
		};
		for (Step st : steps) {
			StepResult r = s.step(st, ignore);
			out.add(r.describe());
		}
		return out;
	}

	@Test
	void sessionsOpenedFromOneImageDoNotSeeEachOther() {
		Model m = sem.parse(REALM);
		Platform p = (Platform) m.getElements().get(0);
		List<Step> steps = ((Scenario) m.getElements().get(1)).getSteps();
		BootImage image = BootImage.boot(p, null, null, RunOptions.defaults());
		Session fresh = image.open();
		var bootKey = fresh.stateKey();

		Session first = image.open();
		List<String> firstRun = stepAll(first, steps);
		assertTrue(firstRun.get(0).contains("restricted pool rp"), firstRun.get(0));
		assertEquals(TsmState.LOCKED, first.view().tsmState(device(p, "nic")));
		assertNotEquals(bootKey, first.stateKey(), "the run changed its machine");

		// the image and a session opened before the run are untouched; a later session repeats the run
		assertEquals(bootKey, fresh.stateKey());
		assertEquals(TsmState.UNLOCKED, fresh.view().tsmState(device(p, "nic")));
		Session second = image.open();
		assertEquals(bootKey, second.stateKey());
		assertEquals(firstRun, stepAll(second, steps), "same slots and addresses: the pool was not shared");
		assertEquals(first.stateKey(), second.stateKey());
	}

	@Test
	void aCopyAndItsOriginalChangeIndependentlyWhetherOrNotTheyTouchedAnEntryBefore() {
		Model m = sem.parse(REALM);
		Platform p = (Platform) m.getElements().get(0);
		List<Step> steps = ((Scenario) m.getElements().get(1)).getSteps();
		BootImage image = BootImage.boot(p, null, null, RunOptions.defaults());
		Device nic = device(p, "nic");

		// the original has touched the restricted pool (step 1) but not the nic
		Session a = image.open();
		stepAll(a, steps.subList(0, 1));
		Session b = a.copy();
		var before = a.stateKey();
		List<String> bRest = stepAll(b, steps.subList(1, steps.size()));
		assertEquals(before, a.stateKey(), "stepping the copy leaves the original alone");
		assertEquals(TsmState.UNLOCKED, a.view().tsmState(nic));
		assertEquals(TsmState.LOCKED, b.view().tsmState(nic));

		// and the other way round: the original goes on, the copy keeps its state
		var bKey = b.stateKey();
		List<String> aRest = stepAll(a, steps.subList(1, steps.size()));
		assertEquals(bKey, b.stateKey(), "stepping the original leaves the copy alone");
		assertEquals(bRest, aRest);
		assertEquals(a.stateKey(), b.stateKey());

		// a copy of a copy, stepped again, still allocates where a fresh session would
		Session c = b.copy();
		Session d = image.open();
		stepAll(d, steps);
		assertEquals(stepAll(d.copy(), steps.subList(0, 1)), stepAll(c, steps.subList(0, 1)));
	}

	@Test
	void pageStatesSetAtBootStayVisibleAndAreChangedPerRun() {
		Model m = sem.parse(REALM);
		Platform p = (Platform) m.getElements().get(0);
		BootImage image = BootImage.boot(p, null, null, RunOptions.defaults());
		assertTrue(image.traceBoot().stream().anyMatch(l -> l.startsWith("state 0x9000_0000+1M private -> shared")),
				() -> String.join("\n", image.traceBoot()));
		Session s = image.open();
		assertEquals(PageState.SHARED, s.view().stateOf(0x9000_0000L, 1 << 20));
		assertEquals("restricted rp", s.view().poolOwning(0x9000_0800L));
		assertEquals(null, s.view().poolOwning(0x9010_0000L));
		assertEquals(PageState.PRIVATE, s.view().stateOf(0x4000_0000L, 0x1000));
	}

	// ------------------------------------------------------------------ the layered range map

	@Test
	void aRangeCopyEqualsAPutOfEveryPieceOfItsSource() throws Exception {
		Random rnd = new Random(7);
		for (int round = 0; round < 300; round++) {
			Ranges booting = Ranges.randomBoot(rnd);
			Ranges image = booting.freeze();
			Ranges fast = image.copy();
			Ranges slow = image.copy();
			for (int i = rnd.nextInt(8); i >= 0; i--) {
				Ranges.randomPut(rnd, fast, slow);
				// ranges inside one segment or gap (the one-put path) and across several
				long len = rnd.nextBoolean() ? 1 + rnd.nextInt(4) : 1 + rnd.nextInt(40);
				long src = rnd.nextInt(90), dst = 100 + rnd.nextInt(60);
				fast.copy(src, dst, len);
				slow.copyPieceByPiece(src, dst, len);
				assertEquals(slow.segments(), fast.segments(), "round " + round + ", copy " + src + " -> " + dst + " +" + len);
			}
			assertEquals(normalise(slow.pieces(0, 200)), normalise(fast.pieces(0, 200)), "round " + round);
		}
	}

	@Test
	void aLayeredRangeMapReadsAsTheFlatMapOfTheSamePuts() throws Exception {
		Random rnd = new Random(42);
		for (int round = 0; round < 200; round++) {
			Ranges flat = Ranges.flat();
			Ranges booting = Ranges.randomBoot(rnd, flat);
			Ranges image = booting.freeze();
			Ranges run = image.copy();
			Ranges other = image.copy();
			for (int i = rnd.nextInt(10); i >= 0; i--) {
				Ranges.randomPut(rnd, flat, run);
				if (i == 3) {
					// a copy taken midway keeps what the run had then
					Ranges mid = run.copy();
					String then = run.segments();
					run.put(0, 1, 7L);
					flat.put(0, 1, 7L);
					assertEquals(then, mid.segments(), "a copy is unaffected by later puts on its original");
				}
			}
			assertEquals(flat.segments(), run.segments(), "round " + round);
			for (int q = 0; q < 10; q++) {
				long s = rnd.nextInt(90), e = s + 1 + rnd.nextInt(30);
				assertEquals(normalise(flat.pieces(s, e)), normalise(run.pieces(s, e)), "round " + round);
			}
			assertEquals(booting.segments(), image.segments(), "the image is not changed by its copies");
			assertEquals(booting.segments(), other.segments(), "nor is another copy");
		}
	}

	/**
	 * Pieces of unset memory may come split where a layer's ranges end: merge adjacent unset pieces
	 * before comparing (readers compare values, never unset boundaries).
	 */
	private static String normalise(String pieces) {
		String s = pieces.replace("null", "_");
		String prev;
		do {
			prev = s;
			s = s.replaceAll("Piece\\[start=(-?\\d+), end=(-?\\d+), value=_\\], Piece\\[start=\\2, end=(-?\\d+), value=_\\]",
					"Piece[start=$1, end=$3, value=_]");
		} while (!s.equals(prev));
		return s;
	}
}

package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Random;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Step;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StateKey;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The explorer's state digest is cached per component (range maps, page allocator, pools, once-only
 * warnings) and copies share those components until either side changes them (copy on write). A
 * cached digest must always be the digest of the current contents, and a change on one side must
 * never show on the other: checked against machines and maps that never shared or cached anything.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class StateDigestTest {
	@Inject
	private ParseHelper<Model> parser;
	private ExplorationFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new ExplorationFixtures(parser);
	}

	/** A fresh machine that replayed steps: its digest is computed from scratch (nothing shared or cached). */
	private static StateKey replayed(Platform p, List<Step> steps) {
		Session s = Session.open(p, RunOptions.defaults());
		for (Step st : steps) {
			s.replay(st);
		}
		return s.stateKey();
	}

	@Test
	void copiesShareComponentsUntilEitherSideChangesThem() {
		// bounces through the default pool (with a once-only warning), allocates from the restricted pool,
		// converts, frees: every cached and shared component changes on one side or the other
		Model m = fx.parse(ExplorationFixtures.example("cca-realm.coco") + """
				scenario "a" on CcaRealm {
				    b = alloc pages 8K
				    m = map b -> nic bidirectional
				    c = dma_alloc_coherent virtio_blk 4K
				    m2 = map b -> virtio_blk bidirectional
				    set_memory_decrypted b
				    unmap m
				}
				scenario "b" on CcaRealm {
				    d = alloc pages 4K
				    n = map d -> nic to-device
				    e = dma_alloc_coherent virtio_blk 8K
				    unmap n
				    free d
				}
				""");
		assertCopiesIndependent(ExplorationFixtures.platform(m, "CcaRealm"), ExplorationFixtures.scenario(m, "a").getSteps(),
				ExplorationFixtures.scenario(m, "b").getSteps());
	}

	/**
	 * More buffers and mappings than a machine's tables hold before they grow, buffers mapped twice,
	 * unmapped and freed, copied after each step: the copied tables (buffers, mappings, each buffer's
	 * latest mapping) and the buffers' and mappings' cached digests.
	 */
	@Test
	void copiesOfManyBuffersAndMappingsAreIndependent() {
		StringBuilder a = new StringBuilder("scenario \"a\" on CcaRealm {\n");
		for (int i = 0; i < 12; i++) {
			a.append("    b").append(i).append(" = alloc pages 4K\n");
			a.append("    m").append(i).append(" = map b").append(i / 2).append(i % 2 == 0 ? " -> nic bidirectional\n" : " -> virtio_blk to-device\n");
			if (i % 3 == 2) {
				a.append("    unmap m").append(i - 1).append("\n    free b").append(i - 2).append("\n");
			}
		}
		a.append("}\n");
		Model m = fx.parse(ExplorationFixtures.example("cca-realm.coco") + a + """
				scenario "b" on CcaRealm {
				    c = dma_alloc_coherent virtio_blk 4K
				    d = alloc pages 8K
				    n = map d -> nic to-device
				    o = map d -> virtio_blk bidirectional
				    unmap n
				    free d
				    e = alloc pages 4K
				}
				""");
		List<Step> steps = ExplorationFixtures.scenario(m, "a").getSteps();
		assertEquals(12 * 2 + 4 * 2, steps.size());
		assertCopiesIndependent(ExplorationFixtures.platform(m, "CcaRealm"), steps, ExplorationFixtures.scenario(m, "b").getSteps());
	}

	/**
	 * For every split of a: the original steps a[0, split), is copied, the copy steps b and the original
	 * the rest of a; each side's digest is that of a fresh machine that replayed its steps.
	 */
	private static void assertCopiesIndependent(Platform p, List<Step> a, List<Step> b) {
		for (int split = 0; split <= a.size(); split++) {
			Session orig = Session.open(p, RunOptions.defaults());
			for (Step st : a.subList(0, split)) {
				orig.replay(st);
			}
			StateKey before = orig.stateKey(); // cached now
			Session copy = orig.copy();
			assertEquals(before, copy.stateKey(), "a copy has its original's digest");
			for (Step st : b) {
				copy.replay(st);
			}
			assertEquals(before, orig.stateKey(), "stepping the copy leaves the original alone, split " + split);
			assertEquals(replayed(p, a.subList(0, split)), orig.stateKey(), "split " + split);
			assertNotEquals(before, copy.stateKey(), "the copy's digest follows its changes");
			for (Step st : a.subList(split, a.size())) {
				orig.replay(st);
			}
			java.util.ArrayList<Step> both = new java.util.ArrayList<>(a.subList(0, split));
			both.addAll(b);
			assertEquals(replayed(p, both), copy.stateKey(), "stepping the original leaves the copy alone, split " + split);
			assertEquals(replayed(p, a), orig.stateKey(), "split " + split);
		}
	}

	@Test
	void aLayeredRangeMapDigestsItsSegmentsAndCopiesDoNotShareChanges() throws Exception {
		Random rnd = new Random(7);
		for (int round = 0; round < 300; round++) {
			Ranges booting = Ranges.randomBoot(rnd);
			Ranges image = booting.freeze();
			Object imageDigest = image.digest();
			assertEquals(booting.digestOfSegments(), imageDigest, "round " + round);
			Ranges run = image.copy();
			for (int i = rnd.nextInt(10); i >= 0; i--) {
				Ranges.randomPut(rnd, run);
				if (rnd.nextBoolean()) {
					assertEquals(run.digestOfSegments(), run.digest(), "round " + round); // cached until the next put
				}
				if (i == 2) {
					Ranges mid = run.copy();
					Object then = run.digest();
					run.put(0, 3, 9L);
					assertEquals(then, mid.digest(), "a copy is unaffected by later puts on its original");
					mid.put(5, 6, 8L);
					assertEquals(run.digestOfSegments(), run.digest(), "round " + round);
					assertEquals(mid.digestOfSegments(), mid.digest(), "round " + round);
				}
			}
			assertEquals(run.digestOfSegments(), run.digest(), "round " + round);
			assertEquals(imageDigest, image.digest(), "the image is not changed by its copies");
			assertEquals(imageDigest, image.copy().digest(), "nor is a new copy");
		}
	}
}

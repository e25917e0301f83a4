package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Step;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StateKey;
import org.coco.dsl.semantics.StepPrinter;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.explore.Bounds;
import org.coco.dsl.semantics.explore.Counterexample;
import org.coco.dsl.semantics.explore.ExplorationResult;
import org.coco.dsl.semantics.explore.Explorer;
import org.coco.dsl.semantics.explore.StepAlphabet;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The explorer's speed-ups (compact BFS tree, digest table, shared steps, parallel expansion with an
 * ordered merge, replay instead of kept machines) do not change what it finds: its results equal those
 * of a plain breadth-first search written here (a queue of paths, a HashSet of state keys, every
 * machine kept), for any number of threads and any number of kept machines.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ExplorerEquivalenceTest {
	@Inject
	private ParseHelper<Model> parser;
	private ExplorationFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new ExplorationFixtures(parser);
	}

	/** What a search finds, without timings. */
	record Found(long explored, long distinct, int depthCompleted, boolean complete, String stopReason, List<String> violations) {
	}

	static Found of(ExplorationResult r) {
		List<String> v = new ArrayList<>();
		for (Counterexample c : r.violations()) {
			v.add(c.invariant() + " | " + c.message() + " | " + c.depth() + " | " + c.steps());
		}
		return new Found(r.explored(), r.distinct(), r.depthCompleted(), r.complete(), r.stopReason(), v);
	}

	/** The plain search: the explorer as first written (a node per state holding its path and machine). */
	static Found reference(Platform platform, Bounds bounds) {
		record Node(List<Step> path, StepAlphabet.Live live, Session session) {
		}
		StepAlphabet alphabet = new StepAlphabet(platform, bounds);
		Supplier<Session> sessions = Session.factory(platform, bounds.options());
		Set<StateKey> visited = new HashSet<>();
		Map<String, String> violations = new LinkedHashMap<>();
		ArrayDeque<Node> queue = new ArrayDeque<>();
		Session root = sessions.get();
		visited.add(root.stateKey());
		queue.add(new Node(List.of(), StepAlphabet.Live.EMPTY, root));
		long explored = 0;
		int depthCompleted = 0;
		String stop = null;
		search: while (!queue.isEmpty()) {
			Node n = queue.poll();
			depthCompleted = Math.max(depthCompleted, n.path().size());
			if (n.path().size() >= bounds.depth()) {
				continue;
			}
			for (StepAlphabet.Move m : alphabet.moves(n.live())) {
				if (visited.size() >= bounds.maxStates()) {
					stop = "state limit of " + bounds.maxStates() + " distinct states";
					break search;
				}
				Session s = n.session().copy();
				List<Finding> findings = new ArrayList<>();
				StepResult r = s.step(m.step(), findings::add);
				explored++;
				List<Step> path = new ArrayList<>(n.path());
				path.add(m.step());
				for (Finding f : findings) {
					violations.putIfAbsent(f.invariant(), f.invariant() + " | " + f.message() + " | " + path.size() + " | "
							+ path.stream().map(StepPrinter::step).toList());
				}
				if (visited.add(s.stateKey())) {
					queue.add(new Node(path, m.after(r.outcome() instanceof Outcome.Allocated, r.outcome().success()), s));
				}
			}
		}
		return new Found(explored, visited.size(), stop == null ? bounds.depth() : depthCompleted, stop == null, stop,
				new ArrayList<>(violations.values()));
	}

	private void assertSameAsReference(Platform p, Bounds b) {
		Found expected = reference(p, b);
		assertTrue(expected.explored() > 100, () -> "a search worth comparing: " + expected);
		for (Explorer.Strategy s : List.of(Explorer.Strategy.sequential(), Explorer.Strategy.sequential().withThreads(3),
				Explorer.Strategy.sequential().withSessionsKept(0), new Explorer.Strategy(2, 7))) {
			assertEquals(expected, of(Explorer.explore(p, b, null, s)), () -> p.getName() + " " + s);
		}
	}

	private Platform example(String file, String platform) {
		return ExplorationFixtures.platform(fx.parse(ExplorationFixtures.example(file)), platform);
	}

	@Test
	void aCcaRealmUnderBaseWithItsViolations() {
		Bounds b = Bounds.of(4).withTimeLimit(0).withOptions(RunOptions.defaults().withProfile(Profile.BASE));
		Found r = reference(example("cca-realm.coco", "CcaRealm"), b);
		assertFalse(r.violations().isEmpty(), r::toString);
		assertSameAsReference(example("cca-realm.coco", "CcaRealm"), b);
	}

	@Test
	void anSmeHostWithAtomicAllocationsAndTwoSizes() {
		assertSameAsReference(example("sme-host.coco", "SmeHost"),
				Bounds.of(3).withTimeLimit(0).withAtomic(true).withSizes(List.of(4096L, 65536L)));
	}

	@Test
	void aSevSnpGuestWithoutFailures() {
		assertSameAsReference(example("sev-snp-guest.coco", "SnpGuest"), Bounds.of(3).withTimeLimit(0).withFailures(false));
	}

	/**
	 * Every platform of every example (the explorer steps states in place under a checkpoint and restores
	 * them; the reference steps a copy per successor): the same counts and counterexamples.
	 */
	@Test
	void everyExamplePlatformAtDepthThree() throws Exception {
		int compared = 0;
		for (java.nio.file.Path f : org.coco.dsl.tests.Examples.all()) {
			Model m = parser.parse(java.nio.file.Files.readString(f));
			org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(m.eResource());
			if (!m.eResource().getErrors().isEmpty()) {
				continue;
			}
			for (Platform p : m.getElements().stream().filter(Platform.class::isInstance).map(Platform.class::cast).toList()) {
				Bounds b = Bounds.of(3).withTimeLimit(0);
				Found expected = reference(p, b);
				for (Explorer.Strategy s : List.of(Explorer.Strategy.sequential(), new Explorer.Strategy(2, 50_000))) {
					assertEquals(expected, of(Explorer.explore(p, b, null, s)), () -> f.getFileName() + " " + p.getName() + " " + s);
				}
				compared++;
			}
		}
		assertTrue(compared >= 5, "platforms compared: " + compared);
	}

	/** The state bound stops the search at the same step, whatever ran ahead on other threads. */
	@Test
	void aStateBoundStopsAtTheSameStep() {
		Bounds b = Bounds.of(9).withTimeLimit(0).withMaxStates(777).withOptions(RunOptions.defaults().withProfile(Profile.BASE));
		Found r = reference(example("cca-realm.coco", "CcaRealm"), b);
		assertFalse(r.complete(), r::toString);
		assertSameAsReference(example("cca-realm.coco", "CcaRealm"), b);
	}
}

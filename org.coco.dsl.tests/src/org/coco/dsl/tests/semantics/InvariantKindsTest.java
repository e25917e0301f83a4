package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.RandomWalks.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.InvariantCheck;
import org.coco.dsl.semantics.Invariants;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.explore.Bounds;
import org.coco.dsl.semantics.explore.StepAlphabet;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * A session runs an invariant's check only after the step kinds {@link Invariants.Invariant#appliesTo}
 * names; the reference runs every check after every step ({@link Invariants.Invariant#afterStep}, called
 * through a wrapper the session does not know). On random walks over every example platform (with
 * injected failures) and a few profiles, both report the same findings and reach the same states.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class InvariantKindsTest {
	@Inject
	private ParseHelper<Model> parser;

	/** Every built-in check, hidden behind a plain InvariantCheck: the session runs it after every step. */
	private static List<InvariantCheck> everyCheckAfterEveryStep() {
		List<InvariantCheck> out = new ArrayList<>();
		for (Invariants.Invariant inv : Invariants.all()) {
			out.add(inv::afterStep);
		}
		return out;
	}

	/** Steps walked and findings seen, for the test's own check that the walks meet violations. */
	private int steps, findings;

	private void walk(Platform p, RunOptions options, Random random, int length) {
		Bounds bounds = Bounds.of(length).withTimeLimit(0).withOptions(options);
		StepAlphabet alphabet = new StepAlphabet(p, bounds);
		Session gated = Session.open(p, options);
		Session full = Session.open(p, options.withInvariants(everyCheckAfterEveryStep()));
		StepAlphabet.Live live = StepAlphabet.Live.EMPTY;
		for (int depth = 0; depth < length; depth++) {
			List<StepAlphabet.Move> moves = alphabet.moves(live);
			if (moves.isEmpty()) {
				return;
			}
			StepAlphabet.Move m = moves.get(random.nextInt(moves.size()));
			List<Finding> fg = new ArrayList<>();
			List<Finding> ff = new ArrayList<>();
			StepResult rg = gated.step(m.step(), fg::add);
			StepResult rf = full.step(m.step(), ff::add);
			assertEquals(seen(rf, ff), seen(rg, fg), () -> p.getName() + ": " + m.step());
			assertEquals(full.stateKey(), gated.stateKey(), () -> p.getName() + ": state after " + m.step());
			steps++;
			findings += ff.size();
			live = m.after(rg.outcome() instanceof Outcome.Allocated, rg.outcome().success());
		}
	}

	@Test
	void checksRunByKindFindWhatEveryCheckFinds() throws Exception {
		Random random = new Random(20261121);
		int platforms = 0;
		for (Platform p : RandomWalks.examplePlatforms(parser)) {
			for (org.coco.dsl.coco.Profile profile : List.of(p.getProfile(), org.coco.dsl.coco.Profile.BASE,
					org.coco.dsl.coco.Profile.SERIES_V7)) {
				for (int w = 0; w < 8; w++) {
					walk(p, RunOptions.defaults().withProfile(profile), random, 14);
				}
			}
			platforms++;
		}
		assertTrue(platforms >= 5, "examples walked: " + platforms);
		assertTrue(findings > 0, "the walks met no violation in " + steps + " steps: they test nothing");
	}

	@Test
	void kindsAreNarrowedOnlyWhereTheCheckSaysSo() {
		for (Invariants.Invariant inv : Invariants.all()) {
			// the checks that look at every step's lists or the device's state run after every kind
			if (List.of(1, 3, 4, 5).contains(inv.number())) {
				assertTrue(inv.appliesTo(CocoPackage.WRITE_STEP) && inv.appliesTo(CocoPackage.SYNC_STEP), inv.label());
			}
		}
		Invariants.Invariant tsm = Invariants.only(java.util.Set.of(13)).get(0);
		assertTrue(tsm.appliesTo(CocoPackage.TSM_STEP));
		assertFalse(tsm.appliesTo(CocoPackage.MAP_STEP));
	}
}

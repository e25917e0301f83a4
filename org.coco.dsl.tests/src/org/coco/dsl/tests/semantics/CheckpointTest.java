package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.RandomWalks.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.MachineView;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StateKey;
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
 * {@link Session#checkpoint()} and {@link Session#restore()}, with which the explorer steps a state in
 * place and undoes the step instead of stepping a copy: on random walks over every example platform, a
 * step under a checkpoint does what the same step does on a copy (result, findings, digest), and after the
 * restore the machine digests, reads and steps on as before.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class CheckpointTest {
	@Inject
	private ParseHelper<Model> parser;

	/** Everything a step reports that a reader sees. */
	/** What the machine shows the invariants, beyond its digest. */
	private static String view(MachineView v, Platform p) {
		StringBuilder sb = new StringBuilder(String.valueOf(v.staleMappings()));
		for (PlatformMember m : p.getMembers()) {
			if (m instanceof Device d) {
				sb.append(' ').append(d.getName()).append(v.tsmState(d)).append(v.accepted(d)).append(v.t1(d));
			}
		}
		for (long a = 0; a < (1L << 33); a += 0x100_0000L) { // page states and pools across the low 8 GiB
			sb.append(v.stateOf(a, 4096).ordinal()).append(v.poolOwning(a) == null ? "" : v.poolOwning(a));
		}
		return sb.toString();
	}

	private static String step(Session s, StepAlphabet.Move m) {
		List<Finding> f = new ArrayList<>();
		StepResult r = s.step(m.step(), f::add);
		return seen(r, f);
	}

	private void walk(Platform p, Random random, int length) {
		Bounds bounds = Bounds.of(length).withTimeLimit(0);
		StepAlphabet alphabet = new StepAlphabet(p, bounds);
		Session s = Session.open(p, bounds.options());
		StepAlphabet.Live live = StepAlphabet.Live.EMPTY;
		for (int depth = 0; depth < length; depth++) {
			List<StepAlphabet.Move> moves = alphabet.moves(live);
			if (moves.isEmpty()) {
				return;
			}
			StateKey before = s.stateKey();
			String viewBefore = view(s.view(), p);
			Session reference = s.copy(); // never checkpointed: what the state must stay
			for (int k = 0; k < 6; k++) {
				StepAlphabet.Move m = moves.get(random.nextInt(moves.size()));
				s.checkpoint();
				String inPlace = step(s, m);
				StateKey after = s.stateKey();
				String viewAfter = view(s.view(), p);
				if (random.nextBoolean()) {
					s.copy(); // the explorer copies new successors before it restores
				}
				s.restore();
				Session copy = reference.copy();
				String onCopy = step(copy, m);
				assertEquals(onCopy, inPlace, () -> p.getName() + ": " + m.step());
				assertEquals(copy.stateKey(), after, () -> p.getName() + ": " + m.step());
				assertEquals(view(copy.view(), p), viewAfter, () -> p.getName() + ": " + m.step());
				assertEquals(before, s.stateKey(), () -> p.getName() + ": restored after " + m.step());
				assertEquals(viewBefore, view(s.view(), p), () -> p.getName() + ": restored after " + m.step());
			}
			// go on from the restored state and from the untouched copy alike: they must not diverge later
			StepAlphabet.Move m = moves.get(random.nextInt(moves.size()));
			List<Finding> f = new ArrayList<>();
			StepResult r = s.step(m.step(), f::add);
			String there = step(reference, m);
			assertEquals(there, seen(r, f), () -> p.getName() + ": " + m.step());
			assertEquals(reference.stateKey(), s.stateKey());
			live = m.after(r.outcome() instanceof Outcome.Allocated, r.outcome().success());
		}
	}

	@Test
	void aStepUnderACheckpointEqualsOneOnACopyAndRestoreUndoesIt() throws Exception {
		Random random = new Random(20261121);
		int platforms = 0;
		for (Platform p : RandomWalks.examplePlatforms(parser)) {
			for (int w = 0; w < 3; w++) {
				walk(p, random, 12);
			}
			platforms++;
		}
		assertTrue(platforms >= 5, "examples walked: " + platforms);
	}

	/**
	 * Steps under one checkpoint as the explorer takes them: while {@link Session#unchangedSinceCheckpoint()}
	 * says a step changed nothing, the checkpoint stays open for the next step; otherwise the state is
	 * digested and rewound ({@link Session#rewind()}, the checkpoint still open) or restored. Returns how
	 * many steps were found unchanged.
	 */
	private int walkKeepingTheCheckpoint(Platform p, Random random, int length) {
		Bounds bounds = Bounds.of(length).withTimeLimit(0);
		StepAlphabet alphabet = new StepAlphabet(p, bounds);
		Session s = Session.open(p, bounds.options());
		StepAlphabet.Live live = StepAlphabet.Live.EMPTY;
		int unchanged = 0;
		for (int depth = 0; depth < length; depth++) {
			List<StepAlphabet.Move> moves = alphabet.moves(live);
			if (moves.isEmpty()) {
				return unchanged;
			}
			StateKey before = s.stateKey();
			String viewBefore = view(s.view(), p);
			Session reference = s.copy();
			boolean open = false;
			for (int k = 0; k < 10; k++) {
				StepAlphabet.Move m = moves.get(random.nextInt(moves.size()));
				if (!open) {
					s.checkpoint();
					open = true;
				}
				List<Finding> f = new ArrayList<>();
				StepResult r = s.step(m.step(), f::add);
				String inPlace = r.index() + " " + seen(r, f);
				Session copy = reference.copy();
				List<Finding> cf = new ArrayList<>();
				StepResult cr = copy.step(m.step(), cf::add);
				// the same step number too: an unchanged step put the index back
				assertEquals(cr.index() + " " + seen(cr, cf), inPlace, () -> p.getName() + ": " + m.step());
				if (s.unchangedSinceCheckpoint()) {
					unchanged++;
					assertEquals(before, copy.stateKey(), () -> p.getName() + ": said unchanged after " + m.step());
					assertEquals(before, s.stateKey(), () -> p.getName() + ": said unchanged after " + m.step());
					assertEquals(viewBefore, view(s.view(), p), () -> p.getName() + ": said unchanged after " + m.step());
				} else {
					assertEquals(copy.stateKey(), s.stateKey(), () -> p.getName() + ": " + m.step());
					if (random.nextBoolean()) {
						s.copy(); // the explorer copies new successors before it rewinds
					}
					if (random.nextBoolean()) {
						s.rewind(); // restored, the checkpoint still open (as the explorer goes on)
					} else {
						s.restore();
						open = false;
					}
					assertEquals(before, s.stateKey(), () -> p.getName() + ": restored after " + m.step());
					assertEquals(viewBefore, view(s.view(), p), () -> p.getName() + ": restored after " + m.step());
				}
			}
			if (open) {
				s.restore();
			}
			assertEquals(before, s.stateKey());
			assertEquals(viewBefore, view(s.view(), p));
			StepAlphabet.Move m = moves.get(random.nextInt(moves.size()));
			List<Finding> f = new ArrayList<>();
			StepResult r = s.step(m.step(), f::add);
			assertEquals(step(reference, m), seen(r, f), () -> p.getName() + ": " + m.step());
			assertEquals(reference.stateKey(), s.stateKey());
			live = m.after(r.outcome() instanceof Outcome.Allocated, r.outcome().success());
		}
		return unchanged;
	}

	@Test
	void aStepThatChangesNothingLeavesTheCheckpointOpenAndTheKeyAsItWas() throws Exception {
		Random random = new Random(20261122);
		int unchanged = 0;
		for (Platform p : RandomWalks.examplePlatforms(parser)) {
			for (int w = 0; w < 3; w++) {
				unchanged += walkKeepingTheCheckpoint(p, random, 10);
			}
		}
		assertTrue(unchanged >= 20, "steps found unchanged: " + unchanged); // 34 with this seed
	}

	@Test
	void anEffectiveStepIsNotUnchanged() {
		Model m = new ExplorationFixtures(parser).parse(ExplorationFixtures.example("cca-realm.coco"));
		Platform p = ExplorationFixtures.platform(m, "CcaRealm");
		StepAlphabet alphabet = new StepAlphabet(p, Bounds.of(1));
		Session s = Session.open(p, null);
		StateKey before = s.stateKey();
		StepAlphabet.Move alloc = alphabet.moves(StepAlphabet.Live.EMPTY).get(0); // a page allocation
		s.checkpoint();
		StepResult r = s.step(alloc.step(), f -> {
		});
		assertTrue(r.outcome() instanceof Outcome.Allocated, r::describe);
		assertTrue(!s.unchangedSinceCheckpoint());
		s.restore();
		assertEquals(before, s.stateKey());
	}

	@Test
	void oneCheckpointAtATime() {
		Model m = new ExplorationFixtures(parser).parse(ExplorationFixtures.example("cca-realm.coco"));
		Session s = Session.open(ExplorationFixtures.platform(m, "CcaRealm"), null);
		assertThrows(IllegalStateException.class, s::restore);
		assertThrows(IllegalStateException.class, s::unchangedSinceCheckpoint);
		assertThrows(IllegalStateException.class, s::rewind);
		s.checkpoint();
		s.rewind();
		assertThrows(IllegalStateException.class, s::checkpoint); // still open
		assertThrows(IllegalStateException.class, s::checkpoint);
		s.restore();
		assertThrows(IllegalStateException.class, s::restore);
	}
}

package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The sessions of one factory remember the steps they found resolved (the explorer steps the same steps
 * again and again): a step executed again, in the same session, a copy or another session of the
 * factory, gives what it gave the first time, unresolved and half-typed steps included.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class RepeatedStepTest {
	@Inject
	private ParseHelper<Model> parser;

	@Test
	void aStepExecutedAgainGivesTheSameResult() throws Exception {
		Model m = new Sem(parser).parse(scenario(RuntimeApiTest.SNP,
				"b = alloc pages 4K\n c = alloc pages 4K\n mb = map b -> nosuchdevice to-device\n m = map c -> d to-device\n free b\n free c"));
		Scenario s = m.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast).findFirst()
				.orElseThrow();
		((FreeStep) s.getSteps().get(4)).setBuffer(null); // a half-typed step: a null reference
		Supplier<Session> sessions = Session.factory(s.getPlatform(), RunOptions.defaults());
		Session first = sessions.get();
		List<String> once = run(first, s.getSteps());
		Outcome.Error unresolved = assertInstanceOf(Outcome.Error.class, first.copy().step(s.getSteps().get(2), f -> {
		}).outcome());
		assertTrue(unresolved.reason().contains("unresolved reference 'device'"), unresolved.reason());
		assertTrue(once.get(4).contains("engine error: java.lang.NullPointerException"), once.get(4));
		assertTrue(once.get(4).startsWith("#5 FreeStep =>"), once.get(4));
		assertEquals(once, run(sessions.get(), s.getSteps()), "a second session of the factory");
		Session again = sessions.get();
		List<String> twice = run(again, s.getSteps());
		twice.addAll(run(again.copy(), s.getSteps().subList(4, 6))); // on a copy, after its steps
		assertEquals(once, twice.subList(0, 6), "the same steps again");
		assertTrue(twice.get(6).startsWith("#7 FreeStep =>") && twice.get(6).contains("engine error"), twice.get(6));
		assertTrue(twice.get(7).startsWith("#8 free c =>"), twice.get(7));
	}

	private static List<String> run(Session session, List<Step> steps) {
		List<String> out = new ArrayList<>();
		for (Step st : steps) {
			StepResult r = session.step(st, f -> {
			});
			out.add(r.describe());
		}
		return out;
	}
}

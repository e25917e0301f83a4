package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.EditPathWarmUp;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Injector;

/**
 * The language server's warm-up (EditPathWarmUp) runs every round of the edit path on its model, which is
 * valid (so that each round validates it all, scenario runs included), edits it inside a scenario or a
 * platform member (the path that links the part alone), and stops when cancelled.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class EditPathWarmUpTest {

	@Test
	void runsEveryRoundOnAValidModel() throws Exception {
		Injector ide = new CocoIdeSetup().createInjector();
		PartialReparsingTest.ide = ide;
		List<String> errors = PartialReparsingTest.issues(
				PartialReparsingTest.load(PartialReparsingTest.newSet(ide), "mem:/warm-up.coco", EditPathWarmUp.model()))
				.stream().filter(i -> i.startsWith(Severity.ERROR.name())).toList();
		assertEquals(List.of(), errors);

		IResourceServiceProvider coco = ide.getInstance(IResourceServiceProvider.class);
		int[] converted = { 0 };
		EditPathWarmUp warmUp = new EditPathWarmUp(coco, issue -> {
			converted[0]++;
			return new Diagnostic();
		});
		warmUp.run();
		assertEquals(null, warmUp.failure());
		assertEquals(EditPathWarmUp.ROUNDS, warmUp.rounds());
		assertTrue(converted[0] > 0, "issues turned into diagnostics");

		// each edit of the rounds changes the model, and inside one scenario or platform member: linked alone
		String text = EditPathWarmUp.model();
		XtextResource r = PartialReparsingTest.load(PartialReparsingTest.newSet(ide), "mem:/warm-up.coco", text);
		RelinkingResource relinking = (RelinkingResource) r;
		int whole = relinking.wholeLinkings();
		for (int round = 0; round < 2 * EditPathWarmUp.edits(); round += 2) {
			String edited = EditPathWarmUp.edit(text, round);
			assertNotEquals(text, edited, "round " + round);
			assertTrue(PartialReparsingBuilder.reparse(r, edited));
			assertTrue(PartialReparsingBuilder.reparse(r, EditPathWarmUp.edit(text, round + 1)));
			assertEquals(whole, relinking.wholeLinkings(), "round " + round + " linked alone");
		}
		PartialReparsingTest.assertSameAsFullParse(r, text, "after the rounds");

		EditPathWarmUp cancelled = new EditPathWarmUp(coco, issue -> new Diagnostic());
		cancelled.cancel();
		cancelled.run();
		assertEquals(0, cancelled.rounds());
	}
}

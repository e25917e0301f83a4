package org.coco.dsl.tests.ide;

import static org.coco.dsl.tests.ide.PartialReparsingTest.assertSameAsFullParse;
import static org.coco.dsl.tests.ide.PartialReparsingTest.issues;
import static org.coco.dsl.tests.ide.PartialReparsingTest.load;
import static org.coco.dsl.tests.ide.PartialReparsingTest.newSet;
import static org.coco.dsl.tests.ide.PartialReparsingTest.reload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.coco.dsl.validation.IssueCodes;
import org.coco.dsl.validation.ScenarioRunCache;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language server keeps each scenario's run from one validation to the next (ScenarioRunCache): an
 * edit in one scenario runs that scenario again and reuses the others; an edit of the platform runs
 * them all again; and whatever is reused, the diagnostics are those of the same text loaded and
 * validated from scratch (without the cache).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ScenarioRunCacheTest {

	@BeforeEach
	void injector() {
		PartialReparsingTest.ide = new CocoIdeSetup().createInjector();
	}

	static final Path CCA = Examples.dir().resolve("cca-realm.coco");

	@Test
	void anEditInOneScenarioRunsOnlyThatScenarioAgain() throws Exception {
		String text = Files.readString(CCA);
		XtextResource r = cached(newSet(), "mem:/cca.coco", text);
		ScenarioRunCache cache = ScenarioRunCache.of(r);
		int scenarios = scenarios(r);
		assertTrue(scenarios >= 3);
		List<String> before = issues(r);
		assertEquals(scenarios, cache.runs(), "the first validation runs every scenario");
		assertEquals(0, cache.reuses());

		// the accepted NIC is T=1: expecting T=0 contradicts the run
		String edited = edited(r, text, "nic accept expect ok expect t1", "nic accept expect ok expect t0");
		List<String> after = issues(r);
		assertEquals(scenarios + 1, cache.runs(), "only the edited scenario runs again");
		assertEquals(scenarios - 1, cache.reuses());
		assertNotEquals(before, after);
		assertTrue(after.stream().anyMatch(i -> i.contains(IssueCodes.EXPECTATION_CONTRADICTED)), after.toString());
		assertSameAsFullParse(r, edited, "edit in a scenario");

		// validated again unchanged: everything reused
		issues(r);
		assertEquals(scenarios + 1, cache.runs());
	}

	@Test
	void anEditOfThePlatformRunsEveryScenarioAgainAndChangesTheirDiagnostics() throws Exception {
		String text = Files.readString(CCA);
		XtextResource r = cached(newSet(), "mem:/cca.coco", text);
		ScenarioRunCache cache = ScenarioRunCache.of(r);
		int scenarios = scenarios(r);
		List<String> before = issues(r);
		assertFalse(before.stream().anyMatch(i -> i.contains(IssueCodes.TSM_TRANSITION_NOT_ALLOWED)), before.toString());

		// a bound driver makes the scenarios' `nic lock` refused (§2.2)
		String edited = edited(r, text, "tdisp state unlocked\n", "tdisp state unlocked\n        driver-bound\n");
		List<String> after = issues(r);
		assertEquals(2 * scenarios, cache.runs(), "every scenario runs again");
		assertEquals(0, cache.reuses());
		assertTrue(after.stream().anyMatch(i -> i.contains(IssueCodes.TSM_TRANSITION_NOT_ALLOWED)), after.toString());
		assertSameAsFullParse(r, edited, "edit of the platform");

		// and back: the refusals go again
		assertTrue(PartialReparsingBuilder.reparse(r, text), "re-parsed partially");
		assertEquals(before, issues(r));
		assertEquals(3 * scenarios, cache.runs());
	}

	@Test
	void aCommentOrSpacesInAScenarioRunOnlyThatScenarioAgain() throws Exception {
		String text = Files.readString(CCA);
		XtextResource r = cached(newSet(), "mem:/cca.coco", text);
		ScenarioRunCache cache = ScenarioRunCache.of(r);
		int scenarios = scenarios(r);
		List<String> before = issues(r);
		String commented = edited(r, text, "    nic lock expect ok\n    nic accept expect ok expect t1",
				"    nic lock expect ok\n    // a note\n    nic accept expect ok expect t1");
		assertEquals(before.size(), issues(r).size());
		assertEquals(scenarios + 1, cache.runs());
		assertEquals(scenarios - 1, cache.reuses());
		assertSameAsFullParse(r, commented, "comment");

		String spaced = edited(r, commented, "    c = dma_alloc_coherent nic 16K", "    c  =  dma_alloc_coherent nic 16K");
		issues(r);
		assertEquals(scenarios + 2, cache.runs());
		assertSameAsFullParse(r, spaced, "spaces");
	}

	@Test
	void aScenarioMovedBeforeThePlatformRunsEveryScenarioAgain() throws Exception {
		String text = Files.readString(CCA);
		XtextResource r = cached(newSet(), "mem:/cca.coco", text);
		ScenarioRunCache cache = ScenarioRunCache.of(r);
		int scenarios = scenarios(r);
		issues(r);
		// the same tokens in another order
		int platform = text.indexOf("platform CcaRealm {");
		int platformEnd = text.indexOf("\n}\n", platform) + 3;
		int first = text.indexOf("scenario \"private buffer bounces");
		int firstEnd = text.indexOf("\n}\n", first) + 3;
		String moved = text.substring(0, platform) + text.substring(first, firstEnd) + text.substring(platform, platformEnd)
				+ text.substring(platformEnd, first) + text.substring(firstEnd);
		assertEquals(text.length(), moved.length());
		r = reparseOrReload(r, moved);
		issues(r);
		ScenarioRunCache now = ScenarioRunCache.of(r);
		assertEquals(scenarios, now == cache ? now.runs() - scenarios : now.runs(), "every scenario runs again");
		assertSameAsFullParse(r, moved, "scenario moved");
	}

	@Test
	void aPlatformInAnotherFileIsNotTrackedSoItsScenariosRunEveryTime() throws Exception {
		Path dir = Examples.dir().resolve("multi-file");
		XtextResourceSet set = newSet();
		String platforms = Files.readString(dir.resolve("lab-platforms.coco"));
		XtextResource p = load(set, "mem:/lab-platforms.coco", platforms);
		XtextResource s = cached(set, "mem:/lab-scenarios.coco", Files.readString(dir.resolve("lab-scenarios.coco")));
		ScenarioRunCache cache = ScenarioRunCache.of(s);
		int scenarios = scenarios(s);
		List<String> before = issues(s);
		issues(s);
		assertEquals(2 * scenarios, cache.runs());
		assertEquals(0, cache.reuses());
		assertTrue(PartialReparsingBuilder.reparse(p, platforms.replace("dma-mask 64", "dma-mask  64")));
		assertEquals(before, issues(s));
	}

	/** PartialReparsingTest's random edits, with the runs kept on the edited resource as the server does. */
	@ParameterizedTest
	@MethodSource("org.coco.dsl.tests.Examples#all")
	void randomEditsWithKeptRunsGiveTheDiagnosticsOfAFullParse(Path example) throws Exception {
		String original = Files.readString(example);
		Random random = new Random(example.getFileName().toString().hashCode() + 1);
		XtextResource edited = cached(newSet(), "mem:/edited.coco", original);
		int reuses = 0;
		randomExamples++;
		String text = original;
		for (int i = 0; i < PartialReparsingTest.EDITS; i++) {
			String next = PartialReparsingTest.RandomEdit.apply(text, random);
			boolean undo = random.nextBoolean();
			for (String t : undo ? List.of(next, text) : List.of(next)) {
				String what = example + (t == text ? " undo of edit " : " edit ") + i;
				ScenarioRunCache was = ScenarioRunCache.of(edited);
				int before = was.reuses();
				edited = reparseOrReload(edited, t);
				assertSameAsFullParse(edited, t, what); // validates the edited resource once
				ScenarioRunCache now = ScenarioRunCache.of(edited);
				reuses += now == was ? now.reuses() - before : now.reuses();
			}
			if (!undo) {
				text = next;
			}
		}
		randomReuses += reuses;
	}

	private static int randomReuses;

	/** Most random edits re-parse the whole file or change a platform, but some reuse runs. */
	@AfterAll
	static void someRandomEditsReusedRuns() {
		if (randomReuses == 0 && randomExamples > 0) {
			throw new AssertionError("no run was reused over the random edits of " + randomExamples + " examples");
		}
	}

	private static int randomExamples;

	/** Partially re-parsed, else reloaded with the cache installed, as the language server's builder does. */
	static XtextResource reparseOrReload(XtextResource r, String text) throws Exception {
		if (PartialReparsingBuilder.reparse(r, text)) {
			return r;
		}
		XtextResource fresh = reload(r, text);
		ScenarioRunCache.install(fresh);
		return fresh;
	}

	static XtextResource cached(XtextResourceSet set, String uri, String text) throws Exception {
		XtextResource r = load(set, uri, text);
		ScenarioRunCache.install(r);
		return r;
	}

	static int scenarios(XtextResource r) {
		return (int) ((Model) r.getContents().get(0)).getElements().stream().filter(Scenario.class::isInstance).count();
	}

	/** The text with `from` replaced by `to` (which must be in it), partially re-parsed into r. */
	private static String edited(XtextResource r, String text, String from, String to) {
		String edited = text.replace(from, to);
		assertNotEquals(text, edited, "the example has no " + from);
		assertTrue(PartialReparsingBuilder.reparse(r, edited), "re-parsed partially");
		return edited;
	}
}

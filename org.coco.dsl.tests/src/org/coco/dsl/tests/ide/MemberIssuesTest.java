package org.coco.dsl.tests.ide;

import static org.coco.dsl.tests.ide.PartialReparsingTest.assertSameAsFullParse;
import static org.coco.dsl.tests.ide.PartialReparsingTest.load;
import static org.coco.dsl.tests.ide.PartialReparsingTest.newSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.MemberReusingDiagnostician;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.AbstractValidationDiagnostic;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.RangeBasedDiagnostic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language server's validation keeps the issues of the platform members an edit did not change
 * (MemberReusingDiagnostician): it does keep them, moved with their text, and an edit that must create or remove an
 * issue in an untouched member through what its checks read elsewhere (another member, the scenarios'
 * configurations) gets it. After every edit the issues, data included, are those of the same text validated from
 * scratch.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class MemberIssuesTest {

	@BeforeEach
	void injector() {
		PartialReparsingTest.ide = new CocoIdeSetup().createInjector();
	}

	private static String cca() throws Exception {
		return Files.readString(Examples.dir().resolve("cca-realm.coco"));
	}

	@Test
	void theLanguageServerValidatesWithIt() {
		assertTrue(PartialReparsingTest.ide.getInstance(Diagnostician.class) instanceof MemberReusingDiagnostician);
	}

	@Test
	void anUntouchedMembersIssueIsKeptAndMovedWithItsText() throws Exception {
		String text = cca();
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		AbstractValidationDiagnostic before = dev32Warning(r);
		int whole = ((RelinkingResource) r).wholeLinkings();

		// inside nic, before dev32, the same length: dev32's issue is the same object
		String same = edit(text, "        coherent-mask 64\n        coherent\n        tdisp", "64", "48");
		assertTrue(PartialReparsingBuilder.reparse(r, same));
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings(), "nic linked alone");
		assertSame(before, dev32Warning(r), "kept");
		assertSameIssuesAsFromScratch(r, same, "nic's coherent mask");

		// longer: moved by the length added
		String longer = edit(same, "tdisp state unlocked", "unlocked", "unlocked // here");
		assertTrue(PartialReparsingBuilder.reparse(r, longer));
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings());
		AbstractValidationDiagnostic moved = dev32Warning(r);
		assertNotSame(before, moved);
		assertEquals(((RangeBasedDiagnostic) before).getOffset() + " // here".length(), ((RangeBasedDiagnostic) moved).getOffset());
		assertSameIssuesAsFromScratch(r, longer, "nic's coherent mask longer");
	}

	/** maskReachesPool on dev32 reads the default swiotlb pool, which it does not name. */
	@Test
	void aPoolEditCreatesAndRemovesAnIssueOfADeviceThatDoesNotNameIt() throws Exception {
		String text = cca();
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		assertFalse(hasCode(r, IssueCodes.MASK_CANNOT_REACH_POOL), "no such warning at first");
		int whole = ((RelinkingResource) r).wholeLinkings();

		String far = edit(text, "pool swiotlb default size 64M", "64M", "8G");
		assertTrue(PartialReparsingBuilder.reparse(r, far));
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings(), "the pool linked alone");
		assertTrue(issueTexts(r).stream().anyMatch(i -> i.contains(IssueCodes.MASK_CANNOT_REACH_POOL) && i.contains("dev32")),
				"dev32 cannot reach the pool: " + issueTexts(r));
		assertSameIssuesAsFromScratch(r, far, "default pool grown");

		assertTrue(PartialReparsingBuilder.reparse(r, text));
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings());
		assertFalse(hasCode(r, IssueCodes.MASK_CANNOT_REACH_POOL), "gone again");
		assertSameIssuesAsFromScratch(r, text, "default pool back");
	}

	/** tdispHasGuestTsm on nic reads the overlays of the scenarios on its platform. */
	@Test
	void aScenarioEditCreatesAndRemovesAnIssueOfAnUntouchedDevice() throws Exception {
		String text = cca().replace("    overlays ov-devsec, ov-cca-da\n", "").replace(
				"scenario \"private buffer bounces through the default swiotlb\" on CcaRealm {",
				"scenario \"private buffer bounces through the default swiotlb\" on CcaRealm overlays ov-devsec {");
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		assertFalse(hasCode(r, IssueCodes.TDISP_UNSUPPORTED), "a scenario runs it with a guest TSM");
		int whole = ((RelinkingResource) r).wholeLinkings();

		String without = text.replace("on CcaRealm overlays ov-devsec {", "on CcaRealm {");
		assertNotEquals(text, without);
		assertTrue(PartialReparsingBuilder.reparse(r, without));
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings(), "the scenario linked alone");
		assertTrue(hasCode(r, IssueCodes.TDISP_UNSUPPORTED), "no configuration has a guest TSM now: " + issueTexts(r));
		assertSameIssuesAsFromScratch(r, without, "overlay removed");

		assertTrue(PartialReparsingBuilder.reparse(r, text));
		assertFalse(hasCode(r, IssueCodes.TDISP_UNSUPPORTED));
		assertSameIssuesAsFromScratch(r, text, "overlay back");
	}

	/** Random member edits of every example, some undone before the next validation, data compared too. */
	@ParameterizedTest
	@MethodSource("org.coco.dsl.tests.Examples#all")
	void randomMemberEditsGiveTheIssuesOfAValidationFromScratch(Path example) throws Exception {
		String text = Files.readString(example);
		Random random = new Random(example.getFileName().toString().hashCode() * 17L);
		XtextResource r = load(newSet(), "mem:/edited.coco", text);
		issueTexts(r);
		for (int i = 0; i < PlatformMemberEditTest.EDITS; i++) {
			String next = PlatformMemberEditTest.MemberEdit.apply(text, random);
			if (next == null) {
				return;
			}
			if (!PartialReparsingBuilder.reparse(r, next)) {
				r = PartialReparsingTest.reload(r, next);
			}
			if (random.nextInt(4) == 0) { // a second edit before the validation
				String again = PlatformMemberEditTest.MemberEdit.apply(next, random);
				if (again != null) {
					next = again;
					if (!PartialReparsingBuilder.reparse(r, next)) {
						r = PartialReparsingTest.reload(r, next);
					}
				}
			}
			assertSameIssuesAsFromScratch(r, next, example.getFileName() + " edit " + i);
			text = next;
		}
	}

	private static void assertSameIssuesAsFromScratch(XtextResource r, String text, String what) throws Exception {
		assertSameAsFullParse(r, text, what);
		assertEquals(issueTexts(load(newSet(), "mem:/fresh.coco", text)), issueTexts(r), what);
	}

	private static String edit(String text, String context, String old, String replacement) {
		int at = text.indexOf(context);
		assertTrue(at >= 0, context);
		int in = text.indexOf(old, at);
		return text.substring(0, in) + replacement + text.substring(in + old.length());
	}

	/** Every issue with its offset and data, as the server makes diagnostics and quick fixes of them. */
	private static List<String> issueTexts(XtextResource r) {
		List<Issue> issues = r.getResourceServiceProvider().getResourceValidator().validate(r, CheckMode.ALL,
				CancelIndicator.NullImpl);
		return issues.stream().map(i -> i.getSeverity() + " " + i.getOffset() + "+" + i.getLength() + " " + i.getLineNumber() + ":"
				+ i.getColumn() + " " + i.getCode() + " " + i.getMessage() + " " + String.valueOf(i.getData() == null ? null : List.of(i.getData())))
				.toList();
	}

	private static boolean hasCode(XtextResource r, String code) {
		return issueTexts(r).stream().anyMatch(i -> i.contains(" " + code + " "));
	}

	/** dev32's mask-cannot-reach-shared warning, from the validation the server runs. */
	private static AbstractValidationDiagnostic dev32Warning(XtextResource r) {
		Map<Object, Object> context = new HashMap<>();
		context.put(CheckMode.KEY, CheckMode.ALL); // as ResourceValidatorImpl
		context.put(org.eclipse.xtext.validation.AbstractInjectableValidator.CURRENT_LANGUAGE_NAME, "org.coco.dsl.Coco");
		context.put(org.eclipse.xtext.validation.impl.ConcreteSyntaxEValidator.DISABLE_CONCRETE_SYNTAX_EVALIDATOR, Boolean.TRUE);
		Diagnostic d = PartialReparsingTest.ide.getInstance(Diagnostician.class).validate(r.getContents().get(0), context);
		List<AbstractValidationDiagnostic> found = d.getChildren().stream().filter(AbstractValidationDiagnostic.class::isInstance)
				.map(AbstractValidationDiagnostic.class::cast)
				.filter(c -> IssueCodes.MASK_CANNOT_REACH_SHARED.equals(c.getIssueCode()) && c.getMessage().contains("dev32")).toList();
		assertEquals(1, found.size(), "dev32's warning: " + d.getChildren());
		return found.get(0);
	}
}

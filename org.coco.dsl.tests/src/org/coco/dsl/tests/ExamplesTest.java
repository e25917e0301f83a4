package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.Technology;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Every file under examples/ (found by walking the folder, so a new example is tested without
 * touching this class) parses, links and validates without errors, all loaded together so that
 * imports between files resolve.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ExamplesTest {

	@Inject
	private CocoFiles files;

	@Inject
	private IResourceValidator validator;

	@TestFactory
	Stream<DynamicTest> everyExampleParsesLinksAndValidates() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(name(file), () -> {
			Resource resource = set.getResource(CocoFiles.uri(file), false);
			assertEquals(List.of(), messages(resource.getErrors()), "syntax or linking errors");
			Map<EObject, ?> unresolved = EcoreUtil.UnresolvedProxyCrossReferencer.find(resource);
			assertTrue(unresolved.isEmpty(), () -> "unresolved references: " + unresolved.keySet());
			List<String> errors = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl).stream()
					.filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR)
					.map(ExamplesTest::describe).toList();
			assertEquals(List.of(), errors, "validation errors");
		}));
	}

	@Test
	void examplesCoverEveryPlatformKind() throws IOException {
		XtextResourceSet set = files.loadExamples();
		Set<Technology> covered = EnumSet.noneOf(Technology.class);
		for (Path file : Examples.all()) {
			for (Platform p : EcoreUtil2.typeSelect(CocoFiles.model(set, file).getElements(), Platform.class)) {
				covered.add(p.getTechnology());
			}
		}
		assertEquals(EnumSet.allOf(Technology.class), covered);
	}

	/** Each platform kind's file has at least three scenarios (the issue's bar for an example). */
	@Test
	void everyPlatformKindHasThreeScenarios() throws IOException {
		XtextResourceSet set = files.loadExamples();
		Map<Technology, Long> scenarios = Examples.all().stream()
				.flatMap(file -> EcoreUtil2.typeSelect(CocoFiles.model(set, file).getElements(), Scenario.class).stream())
				.collect(Collectors.groupingBy(s -> s.getPlatform().getTechnology(), Collectors.counting()));
		for (Technology t : Technology.values()) {
			assertTrue(scenarios.getOrDefault(t, 0L) >= 3, () -> t + " has only " + scenarios.get(t) + " scenarios");
		}
	}

	/** Expectations must come from the reference: every scenario cites a section (§) just above it. */
	@TestFactory
	Stream<DynamicTest> everyScenarioCitesTheReferenceAndExpectsSomething() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(name(file), () -> {
			String text = Files.readString(file);
			Model model = CocoFiles.model(set, file);
			int previousEnd = 0;
			for (EObject element : model.getElements()) {
				int start = NodeModelUtils.getNode(element).getOffset();
				if (element instanceof Scenario scenario) {
					String above = text.substring(previousEnd, start);
					assertTrue(above.contains("§"), () -> "no § citation above scenario \"" + scenario.getName() + "\"");
					assertFalse(expectationsOf(scenario).isEmpty(), () -> "scenario \"" + scenario.getName() + "\" expects nothing");
				}
				previousEnd = NodeModelUtils.getNode(element).getEndOffset();
			}
		}));
	}

	private static List<EObject> expectationsOf(Scenario scenario) {
		return scenario.getSteps().stream().flatMap(ExamplesTest::expectations).toList();
	}

	@SuppressWarnings("unchecked")
	private static Stream<EObject> expectations(Step step) {
		EStructuralFeature feature = step.eClass().getEStructuralFeature("expectations");
		return feature == null ? Stream.empty() : ((List<EObject>) step.eGet(feature)).stream();
	}

	private static String name(Path file) {
		return Examples.dir().relativize(file).toString();
	}

	private static List<String> messages(List<Resource.Diagnostic> diagnostics) {
		return diagnostics.stream().map(d -> d.getLine() + ":" + d.getColumn() + " " + d.getMessage()).toList();
	}

	private static String describe(Issue issue) {
		return issue.getLineNumber() + ":" + issue.getColumn() + " " + issue.getMessage();
	}
}

package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.ChunkedResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsData;
import org.eclipse.xtext.resource.persistence.SerializableResourceDescription;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.inject.Injector;

/**
 * The language server's index (ReferableExports) names every named object outside scenarios and the
 * scenarios themselves, none of their buffers; a file that references another one through that index
 * still links and validates cleanly.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ReferableExportsTest {

	static Injector ide;

	@BeforeEach
	void injector() {
		// after CocoInjectorProvider's EMF registration, which the language server's injector needs too
		ide = new CocoIdeSetup().createInjector();
	}

	@ParameterizedTest
	@MethodSource("org.coco.dsl.tests.Examples#all")
	void exportsWhatOtherFilesCanReference(Path example) throws Exception {
		Resource r = PartialReparsingTest.newSet(ide).getResource(URI.createFileURI(example.toAbsolutePath().toString()), true);
		IQualifiedNameProvider names = ide.getInstance(IQualifiedNameProvider.class);
		TreeSet<String> expected = new TreeSet<>();
		boolean buffers = false;
		for (var it = r.getAllContents(); it.hasNext();) {
			EObject o = it.next();
			buffers |= o instanceof Buffer;
			if (EcoreUtil2.getContainerOfType(o.eContainer(), Scenario.class) == null && names.getFullyQualifiedName(o) != null) {
				expected.add(names.getFullyQualifiedName(o) + " " + o.eClass().getName());
			}
		}
		TreeSet<String> exported = new TreeSet<>();
		description(r).getExportedObjects().forEach(d -> exported.add(d.getQualifiedName() + " " + d.getEClass().getName()));
		assertEquals(expected, exported);
		assertFalse(exported.isEmpty());
		assertTrue(exported.stream().noneMatch(e -> e.endsWith(" Buffer")), exported.toString());
		if (buffers) {
			assertTrue(exported.stream().anyMatch(e -> e.endsWith(" Scenario")), exported.toString());
		}
	}

	@Test
	void aScenarioFileLinksToItsPlatformsThroughTheIndex() throws Exception {
		Path dir = Examples.dir().resolve("multi-file");
		URI platforms = URI.createFileURI(dir.resolve("lab-platforms.coco").toAbsolutePath().toString());
		URI scenarios = URI.createFileURI(dir.resolve("lab-scenarios.coco").toAbsolutePath().toString());
		IResourceDescription platformsDescription = SerializableResourceDescription
				.createCopy(description(PartialReparsingTest.newSet(ide).getResource(platforms, true)));

		// as in the language server: a fresh resource set that knows the other file from the index only
		XtextResourceSet set = PartialReparsingTest.newSet(ide);
		Map<String, ResourceDescriptionsData> index = new HashMap<>();
		index.put("lab", new ResourceDescriptionsData(List.of(platformsDescription)));
		new ChunkedResourceDescriptions(index, set);
		org.eclipse.xtext.resource.impl.ProjectDescription project = new org.eclipse.xtext.resource.impl.ProjectDescription();
		project.setName("lab");
		project.attachToEmfObject(set);
		XtextResource s = (XtextResource) set.getResource(scenarios, true);
		EcoreUtil2.resolveLazyCrossReferences(s, CancelIndicator.NullImpl);
		List<Issue> issues = s.getResourceServiceProvider().getResourceValidator().validate(s, CheckMode.ALL,
				CancelIndicator.NullImpl);
		List<String> errors = new ArrayList<>();
		issues.stream().filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR)
				.forEach(i -> errors.add(i.getMessage()));
		assertEquals(List.of(), errors);
		assertTrue(set.getResource(platforms, false) != null, "the platforms file was loaded to resolve a reference");
	}

	static IResourceDescription description(Resource r) {
		return ((XtextResource) r).getResourceServiceProvider().getResourceDescriptionManager().getResourceDescription(r);
	}
}

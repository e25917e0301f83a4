package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** Runs every scenario of every example under examples/ and requires every expectation to pass. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ExamplesRunTest {
	@Inject
	private ParseHelper<Model> parser;
	@Inject
	private Provider<ResourceSet> resourceSets;

	@Test
	void everyExampleScenarioPasses() throws Exception {
		List<Path> files = Examples.all();
		assertFalse(files.isEmpty(), "no examples found");
		// one resource set for all files, so an example may use a platform from another file
		ResourceSet rs = resourceSets.get();
		List<Model> models = new ArrayList<>();
		for (Path f : files) {
			Model m = parser.parse(Files.readString(f), org.eclipse.emf.common.util.URI.createFileURI(f.toAbsolutePath().toString()), rs);
			assertTrue(m.eResource().getErrors().isEmpty(), () -> f + ": " + m.eResource().getErrors());
			models.add(m);
		}
		org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(rs);
		List<String> failures = new ArrayList<>();
		int scenarios = 0;
		for (int i = 0; i < files.size(); i++) {
			for (Trace t : CocoRuntime.runAll(models.get(i), RunOptions.defaults())) {
				scenarios++;
				if (!t.passed()) {
					failures.add(files.get(i).getFileName() + ": " + t.failures().stream().map(e -> e.message()).toList() + "\n"
							+ t.describe());
				}
			}
		}
		System.out.println("ExamplesRunTest: " + files.size() + " files, " + scenarios + " scenarios, " + failures.size() + " failing");
		assertTrue(scenarios > 0, "no scenarios in examples/");
		assertTrue(failures.isEmpty(), () -> String.join("\n\n", failures));
	}
}

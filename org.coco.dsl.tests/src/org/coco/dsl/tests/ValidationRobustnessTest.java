package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Validation runs as the user types, so it must survive half-written files: every example with one
 * line missing (every third line) validates without an exception escaping a check.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ValidationRobustnessTest {

	@Inject
	private CocoFiles files;

	@Inject
	private IResourceValidator validator;

	@TestFactory
	Stream<DynamicTest> examplesWithALineMissingValidateWithoutExceptions() throws IOException {
		return Examples.all().stream().map(file -> dynamicTest(Examples.dir().relativize(file).toString(), () -> {
			List<String> lines = Files.readAllLines(file);
			for (int i = 0; i < lines.size(); i += 3) {
				List<String> cut = new ArrayList<>(lines);
				int drop = i;
				String removed = cut.remove(drop);
				String text = String.join("\n", cut) + "\n";
				XtextResourceSet set = files.empty();
				assertDoesNotThrow(() -> {
					// not CocoFiles.parse: a text this broken may have no model at all
					Resource r = set.createResource(URI.createURI("cut" + drop + ".coco"));
					r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
					validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
				}, () -> file + " without line " + removed);
			}
		}));
	}
}

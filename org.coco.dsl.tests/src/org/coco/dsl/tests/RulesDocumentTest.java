package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
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
 * docs/rules.md and IssueCodes list the same codes, each with a meaning, an example and a fix; and the
 * examples carry no warning that their text does not call deliberate.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class RulesDocumentTest {

	@Inject
	private CocoFiles files;

	@Inject
	private IResourceValidator validator;

	private static List<String> rows() throws IOException {
		Path doc = Examples.dir().resolve("../docs/rules.md").normalize();
		return Files.readAllLines(doc).stream().filter(l -> l.startsWith("| `coco.")).toList();
	}

	@Test
	void documentListsEveryCodeAndNothingElse() throws IOException {
		Set<String> documented = new TreeSet<>();
		for (String row : rows()) {
			documented.add(row.substring(row.indexOf('`') + 1, row.indexOf('`', row.indexOf('`') + 1)));
		}
		assertEquals(new TreeSet<>(IssueCodes.all()), documented);
	}

	@Test
	void everyRowHasSeverityMeaningExampleAndFix() throws IOException {
		for (String row : rows()) {
			String[] cells = row.split(" \\| ");
			assertEquals(5, cells.length, () -> "expected | code | severity | meaning | example | fix |: " + row);
			for (String cell : cells) {
				assertTrue(!cell.replace("|", "").isBlank(), () -> "empty cell in " + row);
			}
		}
	}

	/** A warning in an example is deliberate only if a comment on or just above its line names the code. */
	@TestFactory
	Stream<DynamicTest> exampleWarningsAreDeclaredDeliberate() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(Examples.dir().relativize(file).toString(), () -> {
			Resource resource = set.getResource(CocoFiles.uri(file), false);
			List<String> lines = Files.readAllLines(file);
			List<String> undeclared = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl).stream()
					.filter(i -> i.getSeverity() == Severity.WARNING).filter(i -> !declared(i, lines))
					.map(i -> i.getLineNumber() + ": " + i.getCode() + " " + i.getMessage()).toList();
			assertEquals(List.of(), undeclared);
		}));
	}

	private static boolean declared(Issue issue, List<String> lines) {
		int line = issue.getLineNumber() - 1;
		for (int i = Math.max(0, line - 3); i <= line && i < lines.size(); i++) {
			if (lines.get(i).contains("//") && lines.get(i).contains(issue.getCode())) {
				return true;
			}
		}
		return false;
	}
}

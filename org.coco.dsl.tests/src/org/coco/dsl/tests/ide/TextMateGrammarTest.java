package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.coco.dsl.ide.textmate.TextMateGrammar;
import org.coco.dsl.services.CocoGrammarAccess;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class TextMateGrammarTest {

	@Inject
	private CocoGrammarAccess grammar;

	@Test
	void committedTextMateGrammarMatchesTheXtextGrammar() throws Exception {
		String generated = TextMateGrammar.generate(grammar.getGrammar());
		Path committed = Examples.dir().resolve("../editors/textmate/coco.tmLanguage.json").normalize();
		Path fresh = Path.of("target", "coco.tmLanguage.json").toAbsolutePath();
		Files.createDirectories(fresh.getParent());
		Files.writeString(fresh, generated);
		assertEquals(generated, Files.exists(committed) ? Files.readString(committed) : "",
				"the grammar changed: copy " + fresh + " to " + committed);
	}

	@Test
	void keywordPatternMatchesHyphenatedKeywordsWhole() {
		String generated = TextMateGrammar.generate(grammar.getGrammar());
		var m = Pattern.compile("\"name\": \"keyword.control.coco\", \"match\": \"(.*)\" }").matcher(generated);
		assertTrue(m.find());
		Pattern keyword = Pattern.compile(m.group(1).replace("\\\\", "\\"));
		var hit = keyword.matcher("technology sev-snp-vtom");
		assertTrue(hit.find() && hit.group(1).equals("technology"));
		assertTrue(hit.find() && hit.group(1).equals("sev-snp-vtom"), "longest alternative first");
	}
}

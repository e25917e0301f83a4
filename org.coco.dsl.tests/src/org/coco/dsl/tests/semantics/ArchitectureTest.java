package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine is plain Java over the EMF model: it imports only java.*, the model (org.coco.dsl.coco),
 * EMF core (EObject and its reflection) and itself — no Xtext, UI or LSP types — and has no static
 * mutable fields.
 */
class ArchitectureTest {

	static Path sources() {
		String examples = System.getProperty("coco.examples");
		Path root = examples != null ? Paths.get(examples).getParent() : Paths.get("..");
		return root.resolve("org.coco.dsl/src/org/coco/dsl/semantics").normalize();
	}

	private static List<Path> files() throws IOException {
		try (Stream<Path> s = Files.list(sources())) {
			return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
	}

	@Test
	void importsOnlyJavaTheModelAndEmf() throws IOException {
		List<Path> files = files();
		assertFalse(files.isEmpty(), "no sources at " + sources().toAbsolutePath());
		Pattern imp = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
		Pattern qualified = Pattern.compile("\\borg\\.eclipse\\.(?!emf\\.ecore\\b|emf\\.common\\.util\\b)[\\w.]+");
		List<String> bad = new ArrayList<>();
		for (Path f : files) {
			String text = Files.readString(f);
			Matcher m = imp.matcher(text);
			while (m.find()) {
				String name = m.group(2);
				boolean ok = name.startsWith("java.") || name.startsWith("org.coco.dsl.coco.")
						|| name.startsWith("org.coco.dsl.semantics.") || name.startsWith("org.eclipse.emf.ecore.")
						|| name.startsWith("org.eclipse.emf.common.util.");
				if (!ok) {
					bad.add(f.getFileName() + ": import " + name);
				}
			}
			Matcher q = qualified.matcher(text);
			while (q.find()) {
				bad.add(f.getFileName() + ": uses " + q.group());
			}
		}
		assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
	}

	@Test
	void noStaticMutableFields() throws IOException {
		Pattern field = Pattern.compile("^\\s*(?:public |private |protected )?static (?!final )[\\w<>\\[\\], ]+ \\w+\\s*[=;]",
				Pattern.MULTILINE);
		List<String> bad = new ArrayList<>();
		for (Path f : files()) {
			Matcher m = field.matcher(Files.readString(f));
			while (m.find()) {
				bad.add(f.getFileName() + ": " + m.group().trim());
			}
		}
		assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
	}
}

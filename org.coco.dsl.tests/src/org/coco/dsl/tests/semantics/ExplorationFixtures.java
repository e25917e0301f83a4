package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.tests.Examples;
import org.eclipse.xtext.testing.util.ParseHelper;

/** Loads an example file (optionally with extra text appended) and finds its platforms and scenarios. */
final class ExplorationFixtures {
	private final ParseHelper<Model> parser;

	ExplorationFixtures(ParseHelper<Model> parser) {
		this.parser = parser;
	}

	static String example(String file) {
		try {
			return Files.readString(Examples.dir().resolve(file));
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	Model parse(String text) {
		try {
			Model m = parser.parse(text);
			assertTrue(m.eResource().getErrors().isEmpty(), () -> "syntax errors: " + m.eResource().getErrors() + "\n" + text);
			org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(m.eResource());
			return m;
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	static Platform platform(Model m, String name) {
		return m.getElements().stream().filter(Platform.class::isInstance).map(Platform.class::cast)
				.filter(p -> p.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no platform " + name));
	}

	static Scenario scenario(Model m, String name) {
		return m.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast)
				.filter(s -> s.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no scenario " + name));
	}

	static Path examples() {
		return Examples.dir();
	}
}

package org.coco.dsl.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Finds the repository's examples/ folder: the test JVM gets it as the system property coco.examples. */
public final class Examples {
	private Examples() {
	}

	public static Path dir() {
		String configured = System.getProperty("coco.examples");
		Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "examples");
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException("examples folder not found at " + dir.toAbsolutePath());
		}
		return dir.normalize();
	}

	/** Every .coco file under examples/, so a new example is picked up without touching a test. */
	public static List<Path> all() throws IOException {
		try (Stream<Path> files = Files.walk(dir())) {
			return files.filter(p -> p.toString().endsWith(".coco")).sorted().toList();
		}
	}
}

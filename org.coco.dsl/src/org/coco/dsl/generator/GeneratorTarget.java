package org.coco.dsl.generator;

import java.util.Locale;

/** What {@link CocoGenerator} writes for a .coco file. */
public enum GeneratorTarget {
	/** A JUnit 5 test class per file, a test method per scenario. */
	JUNIT,
	/** A JSON fixture document per file (docs/fixtures.md). */
	JSON,
	/** A KUnit suite (C) per file with a parameter table of the steps. */
	KUNIT;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}

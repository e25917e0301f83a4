package org.coco.dsl.tests.semantics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.testing.util.ParseHelper;

/** The platforms of every example that parses and links without errors: the random walks' ground. */
final class ExamplePlatforms {
	private ExamplePlatforms() {
	}

	static List<Platform> all(ParseHelper<Model> parser) throws Exception {
		List<Platform> platforms = new ArrayList<>();
		for (Path f : Examples.all()) {
			Model m = parser.parse(Files.readString(f));
			EcoreUtil.resolveAll(m.eResource());
			if (m.eResource().getErrors().isEmpty()) {
				m.getElements().stream().filter(Platform.class::isInstance).map(Platform.class::cast).forEach(platforms::add);
			}
		}
		return platforms;
	}
}

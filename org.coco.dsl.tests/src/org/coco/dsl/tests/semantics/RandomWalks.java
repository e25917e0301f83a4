package org.coco.dsl.tests.semantics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.testing.util.ParseHelper;

/** What the random-walk tests over the interpreter share: where they walk, and what a step shows. */
final class RandomWalks {
	private RandomWalks() {
	}

	/** The platforms of every example that parses and links without errors. */
	static List<Platform> examplePlatforms(ParseHelper<Model> parser) throws Exception {
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

	/** A step's result and findings as text, to compare two runs of the same step. */
	static String seen(StepResult r, List<Finding> findings) {
		StringBuilder sb = new StringBuilder(r.describe());
		sb.append(" | ").append(r.outcome().getClass().getSimpleName()).append(' ').append(r.reached()).append(' ')
				.append(r.conversions()).append(' ').append(r.freedToAllocator());
		for (Finding f : findings) {
			sb.append("\n  ").append(f.invariant()).append(": ").append(f.message());
		}
		return sb.toString();
	}
}

package org.coco.dsl.generator;

import org.eclipse.xtext.generator.GeneratorContext;
import org.eclipse.xtext.generator.IGeneratorContext;

/**
 * A generator context that names the target. Callers that pass a plain context (the xtext-maven-plugin)
 * get JUnit tests, the consumer path that needs no configuration.
 */
public class CocoGeneratorContext extends GeneratorContext {
	private final GeneratorTarget target;

	public CocoGeneratorContext(GeneratorTarget target) {
		this.target = target;
	}

	public GeneratorTarget getTarget() {
		return target;
	}

	public static GeneratorTarget targetOf(IGeneratorContext context) {
		return context instanceof CocoGeneratorContext c && c.target != null ? c.target : GeneratorTarget.JUNIT;
	}
}

package org.coco.dsl.generator

import com.google.inject.Inject
import org.coco.dsl.coco.Model
import org.coco.dsl.coco.Scenario
import org.eclipse.emf.ecore.resource.Resource
import org.eclipse.xtext.generator.AbstractGenerator
import org.eclipse.xtext.generator.IFileSystemAccess2
import org.eclipse.xtext.generator.IGeneratorContext

/**
 * Writes tests and fixtures for the scenarios of a .coco file. The target comes from a
 * {@link CocoGeneratorContext} (coco generate --target); any other context (the xtext-maven-plugin)
 * gets JUnit 5 tests. Files without scenarios produce nothing. Paths are made from
 * {@link GeneratedNames}, so they stay inside the output configuration.
 */
class CocoGenerator extends AbstractGenerator {

	@Inject JUnitTemplate junit
	@Inject KUnitTemplate kunit

	override void doGenerate(Resource resource, IFileSystemAccess2 fsa, IGeneratorContext context) {
		val model = resource.contents.head
		if (!(model instanceof Model) || !(model as Model).elements.exists[it instanceof Scenario]) {
			return
		}
		switch CocoGeneratorContext.targetOf(context) {
			case JUNIT: {
				val pkg = GeneratedNames.javaPackage(model as Model)
				fsa.generateFile(pkg.replace('.', '/') + '/' + GeneratedNames.javaTestClass(resource) + '.java',
					junit.generate(resource, model as Model))
			}
			case JSON:
				fsa.generateFile(GeneratedNames.fileBase(resource) + '.fixtures.json', Json.write(Fixtures.document(resource)))
			case KUNIT:
				fsa.generateFile(GeneratedNames.cIdentifier(GeneratedNames.fileBase(resource)) + '_kunit.c',
					kunit.generate(resource))
		}
	}
}

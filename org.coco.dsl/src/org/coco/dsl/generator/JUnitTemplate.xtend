package org.coco.dsl.generator

import java.util.HashSet
import org.coco.dsl.coco.Model
import org.coco.dsl.coco.Scenario
import org.eclipse.emf.ecore.resource.Resource

/**
 * A JUnit 5 class per .coco file, a test per scenario. The class embeds the .coco text (and the files
 * its platforms come from) so it runs wherever it is compiled; {@link ScenarioFile} does the work and
 * reports failures as file.coco:LINE.
 */
class JUnitTemplate {

	def CharSequence generate(Resource resource, Model model) {
		val source = GeneratedNames.sourceName(resource)
		val used = new HashSet<String>
		val scenarios = model.elements.filter(Scenario).toList
		'''
			// «GeneratedNames.MARKER» from «Literals.comment(source)»: do not edit; regenerate with `coco generate --target junit` or the xtext-maven-plugin.
			package «GeneratedNames.javaPackage(model)»;

			import org.coco.dsl.generator.ScenarioFile;
			import org.junit.jupiter.api.DisplayName;
			import org.junit.jupiter.api.Test;

			/** The scenarios of «Literals.comment(source)», run through the coco interpreter. */
			@DisplayName(«Literals.java(source)»)
			class «GeneratedNames.javaTestClass(resource)» {

				private static final ScenarioFile FILE = ScenarioFile.of(«Literals.java(source)», new String[][] {
					«FOR file : Literals.embeddedSources(resource) SEPARATOR ','»
						{ «FOR part : file SEPARATOR ',\n  '»«Literals.java(part)»«ENDFOR» }
					«ENDFOR»
				});
				«FOR s : scenarios»

					/** «Literals.comment(source)»:«Fixtures.line(s)» */
					@Test
					@DisplayName(«Literals.java(s.name)»)
					void «unique(GeneratedNames.javaMethod(s.name), used)»() {
						FILE.check(«Literals.java(s.name)»);
					}
				«ENDFOR»
			}
		'''
	}

	def private String unique(String name, HashSet<String> used) {
		var candidate = name
		var i = 2
		while (!used.add(candidate)) {
			candidate = name + '_' + i++
		}
		return candidate
	}
}

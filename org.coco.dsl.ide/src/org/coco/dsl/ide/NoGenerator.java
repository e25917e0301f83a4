package org.coco.dsl.ide;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.generator.AbstractGenerator;
import org.eclipse.xtext.generator.IFileSystemAccess2;
import org.eclipse.xtext.generator.IGeneratorContext;

/**
 * Editors and the language server build on every change; they must not write generated tests into the
 * user's workspace. `coco generate` and the xtext-maven-plugin use the runtime's CocoGenerator.
 */
public class NoGenerator extends AbstractGenerator {
	@Override
	public void doGenerate(Resource input, IFileSystemAccess2 fsa, IGeneratorContext context) {
	}
}

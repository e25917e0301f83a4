package org.coco.dsl.ide.server;

import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;

/**
 * The language server's index holds what another file can reference: platforms and their members, and
 * scenarios (by name, for workspace symbols), but not the insides of a scenario. Its buffers and steps are
 * scoped within the scenario only (CocoScopeProvider; CocoImportedNamespaceScopeProvider leaves them out
 * of a file's scope for the same reason), yet Xtext named and copied every one of them into the index on
 * each edit (13 % of the server's time per edit on a 10k-line file).
 */
public class ReferableExports extends DefaultResourceDescriptionStrategy {

	@Override
	public boolean createEObjectDescriptions(EObject eObject, IAcceptor<IEObjectDescription> acceptor) {
		boolean children = super.createEObjectDescriptions(eObject, acceptor);
		return children && !(eObject instanceof Scenario);
	}
}

package org.coco.dsl.scoping;

import java.util.Iterator;

import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.ISelectable;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.scoping.impl.ImportedNamespaceAwareLocalScopeProvider;
import org.eclipse.xtext.scoping.impl.MultimapBasedSelectable;

/**
 * Xtext's namespace-aware scoping, minus the insides of scenarios. Its resource scope names every
 * object of a file; in coco only platforms and their members are referenced through it (steps,
 * buffers and expectations are scoped by {@link CocoScopeProvider}, which never falls back to it for
 * them), while scenarios hold most of a file's objects. Skipping their contents makes the one
 * resource-wide table about ten times smaller in a scenario-heavy file (docs/performance.md).
 */
public class CocoImportedNamespaceScopeProvider extends ImportedNamespaceAwareLocalScopeProvider {

	/** Called once per resource version (the base class caches it). */
	@Override
	protected ISelectable internalGetAllDescriptions(Resource resource) {
		Iterable<EObject> referable = () -> withoutScenarioContents(EcoreUtil.getAllContents(resource, false));
		Iterable<IEObjectDescription> descriptions = Scopes.scopedElementsFor(referable, getQualifiedNameProvider());
		return new MultimapBasedSelectable(descriptions);
	}

	private static Iterator<EObject> withoutScenarioContents(TreeIterator<EObject> all) {
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				return all.hasNext();
			}

			@Override
			public EObject next() {
				EObject next = all.next();
				if (next instanceof Scenario) {
					all.prune();
				}
				return next;
			}
		};
	}
}

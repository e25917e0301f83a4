package org.coco.dsl.linking;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.coco.dsl.coco.CocoPackage;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.Triple;

/**
 * A lazy-linking resource that does not word an error message for every reference it resolves (bound
 * for every coco tool: the batch commands, the language server and the editor alike).
 *
 * Once a resource has any error (a syntax error while the user types, one unknown name), Xtext's
 * LazyLinkingResource builds the "couldn't resolve" message of every reference that does resolve,
 * only to remove a diagnostic equal to it, which exists only if that very reference failed before.
 * coco's message names the platform and where to declare the member, so building it costs a walk
 * over the platform's text: every edit of a large file became quadratic in its size. A linking
 * diagnostic is equal to another only on the same node (XtextLinkingDiagnostic.equals), so when no
 * linking diagnostic covers the reference's text there is nothing to remove and no message to build.
 *
 * The builder also unloads the previous version of a file on every change: EMF turns each of its
 * objects into a proxy (a URI per object) so that references from other files resolve again. Only
 * objects that some cross-reference can point at need that; steps, sizes and masks do not.
 */
public class RelinkingResource extends LazyLinkingResource {

	/** Per class: can a non-containment reference of its package hold an instance of it? */
	private static final Map<EClass, Boolean> REFERENCEABLE = new ConcurrentHashMap<>();

	@Override
	protected void unloaded(InternalEObject o) {
		if (referenceable(o.eClass())) {
			super.unloaded(o);
		} else {
			o.eAdapters().clear();
		}
	}

	static boolean referenceable(EClass c) {
		return REFERENCEABLE.computeIfAbsent(c, RelinkingResource::targetOfSomeReference);
	}

	private static boolean targetOfSomeReference(EClass c) {
		if (c.getEPackage() != CocoPackage.eINSTANCE) {
			return true; // references of other packages are not known here
		}
		for (EClassifier classifier : c.getEPackage().getEClassifiers()) {
			if (classifier instanceof EClass owner) {
				for (EReference r : owner.getEReferences()) {
					if (!r.isContainment() && !r.isContainer() && r.getEReferenceType().isSuperTypeOf(c)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	@Override
	protected void removeDiagnostic(Triple<EObject, EReference, INode> triple) {
		INode node = triple.getThird();
		if (node != null && !coversLinkingDiagnostic(getErrors(), node) && !coversLinkingDiagnostic(getWarnings(), node)) {
			return;
		}
		super.removeDiagnostic(triple);
	}

	private static boolean coversLinkingDiagnostic(List<Diagnostic> diagnostics, INode node) {
		for (Diagnostic d : diagnostics) {
			if (d instanceof XtextLinkingDiagnostic x && x.getOffset() == node.getOffset()
					&& x.getLength() == node.getLength()) {
				return true;
			}
		}
		return false;
	}
}

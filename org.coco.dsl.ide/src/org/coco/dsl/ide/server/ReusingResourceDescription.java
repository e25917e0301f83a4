package org.coco.dsl.ide.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.Scenario;
import org.coco.dsl.linking.RelinkingResource;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.linking.impl.ImportedNamesAdapter;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.common.collect.ImmutableSet;

/**
 * Xtext's description of a file for the index, computed with fewer walks over the model on each edit.
 *
 * Xtext's builder resolves every reference of a changed file, then copies its description for the index:
 * the reference descriptions resolve every reference again and walk the whole model, and the imported
 * names resolve everything a third time (about 15 % of an edit in a 10k-line file). Here:
 * <ul>
 * <li>once the builder says the file is resolved ({@link #resolved()}), neither resolves again;</li>
 * <li>the reference descriptions are kept per element of the model (platform, scenario, ...): after edits
 * that linked scenarios alone (RelinkingResource: the rest of the model is the same objects with the same
 * links), only those scenarios are walked again; any other change walks the whole model, as Xtext does.</li>
 * </ul>
 * The result is the list Xtext computes, in the same order (ReusingResourceDescriptionTest).
 */
public class ReusingResourceDescription extends DefaultResourceDescription {

	private final IDefaultResourceDescriptionStrategy strategy;

	/** Every lazy reference of this version of the resource has been resolved. */
	private volatile boolean resolved;

	public ReusingResourceDescription(Resource resource, IDefaultResourceDescriptionStrategy strategy, IResourceScopeCache cache) {
		super(resource, strategy, cache);
		this.strategy = strategy;
	}

	/** Told by the builder, which has just resolved every reference of the file (the resolution is not repeated). */
	public void resolved() {
		resolved = true;
	}

	private void resolve() {
		if (!resolved) {
			EcoreUtil2.resolveLazyCrossReferences(getResource(), CancelIndicator.NullImpl);
			resolved = true;
		}
	}

	@Override
	public Iterable<QualifiedName> getImportedNames() {
		resolve();
		ImportedNamesAdapter adapter = ImportedNamesAdapter.find(getResource());
		return adapter == null ? Collections.emptySet() : ImmutableSet.copyOf(adapter.getImportedNames());
	}

	@Override
	protected List<IReferenceDescription> computeReferenceDescriptions() {
		resolve();
		Resource resource = getResource();
		Map<EObject, IEObjectDescription> exported = createEObject2ExportedEObjectsMap(getExportedObjects());
		PerElement previous = PerElement.find(resource);
		if (previous != null) {
			resource.eAdapters().remove(previous);
		}
		if (!(resource instanceof RelinkingResource relinking) || resource.getContents().size() != 1) {
			List<IReferenceDescription> all = new ArrayList<>();
			for (EObject root : resource.getContents()) {
				add(root, exported, all);
			}
			return all;
		}
		// Xtext's order: the root, then each element and its contents
		PerElement next = PerElement.of(relinking);
		if (strategy.createReferenceDescriptions(next.root, findExportedContainerURI(next.root, exported), next.rootReferences::add)) {
			for (int i = 0; i < next.elements.size(); i++) {
				List<IReferenceDescription> reused = previous == null ? null : previous.reusable(relinking, next, i);
				if (reused == null) {
					reused = new ArrayList<>();
					add(next.elements.get(i), exported, reused);
				}
				next.references.add(reused);
			}
		}
		resource.eAdapters().add(next);
		return next.all();
	}

	/** The reference descriptions of an object and its contents, in Xtext's order (DefaultResourceDescription). */
	private void add(EObject top, Map<EObject, IEObjectDescription> exported, List<IReferenceDescription> to) {
		IAcceptor<IReferenceDescription> acceptor = to::add;
		if (strategy.createReferenceDescriptions(top, findExportedContainerURI(top, exported), acceptor)) {
			TreeIterator<EObject> contents = EcoreUtil.getAllProperContents(top, true);
			while (contents.hasNext()) {
				EObject o = contents.next();
				if (!strategy.createReferenceDescriptions(o, findExportedContainerURI(o, exported), acceptor)) {
					contents.prune();
				}
			}
		}
	}

	/** A file's reference descriptions per element of its model, with the linking state they were computed in. */
	private static final class PerElement extends AdapterImpl {
		final EObject root;
		final List<EObject> elements;
		final int wholeLinkings;
		final int linkedAlone;
		final List<IReferenceDescription> rootReferences = new ArrayList<>();
		final List<List<IReferenceDescription>> references = new ArrayList<>();

		private PerElement(EObject root, List<EObject> elements, int wholeLinkings, int linkedAlone) {
			this.root = root;
			this.elements = elements;
			this.wholeLinkings = wholeLinkings;
			this.linkedAlone = linkedAlone;
		}

		static PerElement of(RelinkingResource r) {
			EObject root = r.getContents().get(0);
			List<EObject> elements = new ArrayList<>();
			new EcoreUtil.ProperContentIterator<EObject>(root, true).forEachRemaining(elements::add);
			return new PerElement(root, elements, r.wholeLinkings(), r.scenariosLinkedAlone().size());
		}

		static PerElement find(Resource r) {
			for (var a : r.eAdapters()) {
				if (a instanceof PerElement p) {
					return p;
				}
			}
			return null;
		}

		/**
		 * This one's descriptions of the index-th element, if they still hold in the next version: the same
		 * root and elements, no whole-model linking since, and the element not among the scenarios linked alone since.
		 */
		List<IReferenceDescription> reusable(RelinkingResource r, PerElement next, int index) {
			if (next.root != root || next.wholeLinkings != wholeLinkings || next.elements.size() != elements.size()
					|| next.linkedAlone < linkedAlone || references.size() != elements.size()) {
				return null;
			}
			EObject element = next.elements.get(index);
			if (element != elements.get(index) || element instanceof Scenario
					&& r.scenariosLinkedAlone().subList(linkedAlone, next.linkedAlone).contains(element)) {
				return null;
			}
			return references.get(index);
		}

		List<IReferenceDescription> all() {
			List<IReferenceDescription> all = new ArrayList<>(rootReferences);
			for (List<IReferenceDescription> r : references) {
				all.addAll(r);
			}
			return all;
		}
	}
}

package org.coco.dsl.ide.server;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.coco.dsl.linking.RelinkingResource;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.build.ResolvedResourceDescription;
import org.eclipse.xtext.linking.impl.ImportedNamesAdapter;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * Xtext's description of a file for the index, computed with fewer walks over the model on each edit.
 *
 * On every edit Xtext's builder names the exported objects and copies them with their URIs (Indexer), resolves
 * every reference of the file, then copies its description: the reference descriptions resolve every reference
 * again and walk the whole model, and the imported names resolve everything a third time (about 30 % of an
 * edit in a 10k-line file). Here:
 * <ul>
 * <li>once the builder says the file is resolved ({@link #resolved()}), neither resolves again;</li>
 * <li>the exported objects, their copies with URIs ({@link #resolvedExports()}) and the reference descriptions
 * are kept per element of the model (platform, scenario, ...): after edits that linked scenarios alone
 * (RelinkingResource: the rest of the model is the same objects with the same links, at the same places), only
 * those scenarios are walked again; any other change walks the whole model, as Xtext does.</li>
 * </ul>
 * The results are the lists Xtext computes, in the same order (ReusingResourceDescriptionTest).
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
	protected List<IEObjectDescription> computeExportedObjects() {
		Resource resource = getResource();
		if (!resource.isLoaded()) {
			return super.computeExportedObjects();
		}
		return PerElement.compute(this, Kind.EXPORTS, (top, to) -> {
			IAcceptor<IEObjectDescription> acceptor = to::add;
			if (strategy.createEObjectDescriptions(top, acceptor)) {
				TreeIterator<EObject> contents = EcoreUtil.getAllProperContents(top, false);
				while (contents.hasNext()) {
					if (!strategy.createEObjectDescriptions(contents.next(), acceptor)) {
						contents.prune();
					}
				}
			}
		}, (root, to) -> strategy.createEObjectDescriptions(root, to::add));
	}

	@Override
	protected List<IReferenceDescription> computeReferenceDescriptions() {
		resolve();
		Map<EObject, IEObjectDescription> exported = createEObject2ExportedEObjectsMap(getExportedObjects());
		return PerElement.compute(this, Kind.REFERENCES, (top, to) -> {
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
		}, (root, to) -> strategy.createReferenceDescriptions(root, findExportedContainerURI(root, exported), to::add));
	}

	/**
	 * The exported objects as the index keeps them, with URIs and no link to the model (copied by Xtext's
	 * ResolvedResourceDescription), those of unchanged elements kept from the last version.
	 */
	public List<IEObjectDescription> resolvedExports() {
		@SuppressWarnings("unchecked")
		PerElement<IEObjectDescription> exports = PerElement.find(getResource(), Kind.EXPORTS);
		if (exports == null || exports.owner != this) {
			return resolvedCopies(getURI(), getExportedObjects());
		}
		List<IEObjectDescription> result = new ArrayList<>(resolvedCopies(getURI(), exports.root));
		for (int i = 0; i < exports.blocks.size(); i++) {
			List<IEObjectDescription> copies = exports.copies.get(i);
			if (copies == null) {
				copies = resolvedCopies(getURI(), exports.blocks.get(i));
				exports.copies.set(i, copies);
			}
			result.addAll(copies);
		}
		return result;
	}

	/** Xtext's copies of exported objects for the index (ResolvedResourceDescription), of part of a file. */
	private static List<IEObjectDescription> resolvedCopies(URI uri, Iterable<IEObjectDescription> exported) {
		return ImmutableList.copyOf(new ResolvedResourceDescription(new ExportsOnly(uri, exported)).getExportedObjects());
	}

	private enum Kind {
		EXPORTS, REFERENCES
	}

	/**
	 * One list of a file's description (exports or references) per part of its model, with the linking state
	 * it was computed in. The parts are the model's elements in the order of a walk, a platform split into
	 * itself alone and each of its members (an edit inside one member links that member alone). A part's list
	 * still holds while the model has the same root and parts, no whole-model linking happened since, and the
	 * part is not among the parts linked alone since. Some part must have been linked alone since: a model
	 * changed in place (a rename's change serializer sets a name) is not linked again, so it is described anew.
	 */
	private static final class PerElement<T> extends AdapterImpl {
		final Kind kind;
		final ReusingResourceDescription owner;
		final EObject rootObject;
		/** The parts; a platform's own part (alone, without its members) is marked in alone. */
		final List<EObject> elements;
		final BitSet alone = new BitSet();
		final LinkingState state;
		final List<T> root = new ArrayList<>();
		final List<List<T>> blocks = new ArrayList<>();
		/** Per part alone: whether its contents are described (the strategy's answer for it). */
		final BitSet descend = new BitSet();
		/** Exports only: the resolved copies of each block, once made. */
		final List<List<IEObjectDescription>> copies = new ArrayList<>();

		private PerElement(Kind kind, ReusingResourceDescription owner, RelinkingResource r) {
			this.kind = kind;
			this.owner = owner;
			this.rootObject = r.getContents().get(0);
			this.elements = new ArrayList<>();
			RelinkingResource.forEachPart(rootObject, (part, isAlone) -> {
				alone.set(elements.size(), isAlone);
				elements.add(part);
			});
			this.state = LinkingState.of(r);
		}

		/** Xtext's list in its order: the root's, then each element's (itself and its contents). */
		static <T> List<T> compute(ReusingResourceDescription d, Kind kind, BiConsumer<EObject, List<T>> element,
				RootDescriber<T> rootDescriber) {
			Resource resource = d.getResource();
			@SuppressWarnings("unchecked")
			PerElement<T> previous = find(resource, kind);
			if (previous != null) {
				resource.eAdapters().remove(previous);
			}
			if (!(resource instanceof RelinkingResource r) || resource.getContents().size() != 1) {
				List<T> all = new ArrayList<>();
				for (EObject root : resource.getContents()) {
					element.accept(root, all);
				}
				return all;
			}
			PerElement<T> next = new PerElement<>(kind, d, r);
			if (rootDescriber.describe(next.rootObject, next.root)) {
				Set<EObject> linked = previous == null ? null : previous.linkedSince(r, next);
				EObject notDescribed = null; // a platform whose contents the strategy leaves out
				for (int i = 0; i < next.elements.size(); i++) {
					EObject e = next.elements.get(i);
					boolean reuse = previous != null && previous.unchanged(next, i, linked);
					List<T> block = reuse ? previous.blocks.get(i) : new ArrayList<>();
					if (next.alone.get(i)) {
						boolean descend = reuse ? previous.descend.get(i) : rootDescriber.describe(e, block);
						next.descend.set(i, descend);
						notDescribed = descend ? null : e;
					} else if (notDescribed != null && e.eContainer() == notDescribed) {
						reuse = false;
						block = new ArrayList<>();
					} else if (!reuse) {
						element.accept(e, block);
					}
					next.blocks.add(block);
					next.copies.add(reuse && kind == Kind.EXPORTS ? previous.copies.get(i) : null);
				}
			}
			resource.eAdapters().add(next);
			List<T> all = new ArrayList<>(next.root);
			next.blocks.forEach(all::addAll);
			return all;
		}

		/** The parts linked alone since this list was computed, or null: none of it is kept (LinkingState). */
		private Set<EObject> linkedSince(RelinkingResource r, PerElement<?> next) {
			return state.partsLinkedSince(r, next.state);
		}

		private boolean unchanged(PerElement<?> next, int index, Set<EObject> linked) {
			if (linked == null || next.rootObject != rootObject || next.elements.size() != elements.size()
					|| blocks.size() != elements.size()) {
				return false;
			}
			EObject element = next.elements.get(index);
			return element == elements.get(index) && next.alone.get(index) == alone.get(index) && !linked.contains(element);
		}

		@SuppressWarnings("rawtypes")
		static PerElement find(Resource r, Kind kind) {
			for (var a : r.eAdapters()) {
				if (a instanceof PerElement p && p.kind == kind) {
					return p;
				}
			}
			return null;
		}
	}

	/** Describes the root object alone; false: not its contents either. */
	private interface RootDescriber<T> {
		boolean describe(EObject root, List<T> to);
	}
}

package org.coco.dsl.ide.server;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Scenario;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.scoping.CocoImportedNamespaceScopeProvider;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.ISelectable;
import org.eclipse.xtext.scoping.impl.MultimapBasedSelectable;

/**
 * coco's namespace-aware scoping, whose table of the file's qualified names keeps the entries of the parts an
 * edit did not change.
 *
 * A name that is no member of its platform (an unknown name while the user types) goes on to Xtext's scope of
 * the file's qualified names, a table of every named object but scenario contents, made anew for each version
 * of the file: on the language server's first edits of a 10k-line platform a fifth of the request's samples
 * (JFR), most of them the qualified names of some 15k objects. Here the table is made of one list per part of
 * the model (the model and each platform alone, each platform member, each other element with its contents),
 * and a part's list is kept while the part is the same object and was not linked since (LinkingState): an edit
 * inside one member replaces that member's list only. The table lists the same descriptions in the same order
 * as the base class's walk (PlatformMemberEditTest compares it with a from-scratch load's).
 *
 * A part's entries depend on its own names and those of its platform and model; an edit of those is no edit
 * inside one member, so the whole model is linked and nothing is kept.
 */
public class PartReusingScopeProvider extends CocoImportedNamespaceScopeProvider {

	@Override
	protected ISelectable internalGetAllDescriptions(Resource resource) {
		if (!(resource instanceof RelinkingResource r) || r.getContents().size() != 1) {
			return super.internalGetAllDescriptions(resource);
		}
		return new MultimapBasedSelectable(PartNames.compute(r, getQualifiedNameProvider()));
	}

	/** The file's table of qualified names as scoping uses it (this version's, cached). */
	public ISelectable allDescriptions(Resource resource) {
		return getAllDescriptions(resource);
	}

	/**
	 * Makes the table after a whole-model linking, where nothing asked for it (a file without unknown names),
	 * so that the next edit that asks for it (a name typed that its platform does not have) keeps every part
	 * it did not change: the language server's build, before it publishes the diagnostics of a file it opened.
	 */
	public void prepare(Resource resource) {
		if (resource instanceof RelinkingResource r && r.getContents().size() == 1) {
			PartNames made = PartNames.find(r);
			if (made == null || made.state.wholeLinkings() != r.wholeLinkings()) {
				allDescriptions(resource);
			}
		}
	}

	/** The descriptions of each part of a model, and the linking state they were made in. */
	private static final class PartNames extends AdapterImpl {
		final EObject root;
		final LinkingState state;
		final Map<EObject, List<IEObjectDescription>> parts = new IdentityHashMap<>();

		private PartNames(EObject root, LinkingState state) {
			this.root = root;
			this.state = state;
		}

		/** The base class's list: every named object in a walk of the model, scenarios without their contents. */
		static List<IEObjectDescription> compute(RelinkingResource r, IQualifiedNameProvider names) {
			PartNames previous = find(r);
			if (previous != null) {
				r.eAdapters().remove(previous);
			}
			EObject root = r.getContents().get(0);
			PartNames next = new PartNames(root, LinkingState.of(r));
			Set<EObject> linked = previous == null || previous.root != root ? null : previous.state.partsLinkedSince(r, next.state);
			List<IEObjectDescription> all = new ArrayList<>();
			describe(root, names, all);
			RelinkingResource.forEachPart(root, (part, alone) -> {
				if (alone) { // a platform itself: one entry, made anew
					describe(part, names, all);
				} else {
					next.part(part, previous, linked, names, all);
				}
			});
			r.eAdapters().add(next);
			return all;
		}

		static PartNames find(Resource r) {
			for (var a : r.eAdapters()) {
				if (a instanceof PartNames p) {
					return p;
				}
			}
			return null;
		}

		private void part(EObject part, PartNames previous, Set<EObject> linked, IQualifiedNameProvider names,
				List<IEObjectDescription> all) {
			List<IEObjectDescription> list = linked == null || linked.contains(part) ? null : previous.parts.get(part);
			if (list == null) {
				list = new ArrayList<>();
				describe(part, names, list);
				if (!(part instanceof Scenario)) {
					for (TreeIterator<EObject> contents = part.eAllContents(); contents.hasNext();) {
						EObject o = contents.next();
						describe(o, names, list);
						if (o instanceof Scenario) {
							contents.prune();
						}
					}
				}
			}
			parts.put(part, list);
			all.addAll(list);
		}

		/** Scopes.scopedElementsFor's description of one object, if it has a qualified name. */
		private static void describe(EObject o, IQualifiedNameProvider names, List<IEObjectDescription> to) {
			QualifiedName name = names.apply(o);
			if (name != null) {
				to.add(new EObjectDescription(name, o, null));
			}
		}
	}
}

package org.coco.dsl.ide.server;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.coco.dsl.linking.RelinkingResource;
import org.eclipse.emf.ecore.EObject;

/**
 * How far a resource's linking had come when something was computed from its model (an index description, the
 * table of qualified names): the rule by which a part's earlier result may be kept, in one place.
 *
 * Between two states, the parts linked alone (RelinkingResource: an edited scenario or platform member, and the
 * parts that name an edited member) are the only ones that changed, provided no whole-model linking came between
 * and at least one part was linked alone: a model changed in place (a rename's change serializer sets a name) is
 * not linked again, so nothing of it is kept.
 */
record LinkingState(int wholeLinkings, int linkedAlone) {

	static LinkingState of(RelinkingResource r) {
		return new LinkingState(r.wholeLinkings(), r.partsLinkedAlone().size());
	}

	/** The parts linked alone since this state (the resource is now in state now), or null: keep nothing. */
	Set<EObject> partsLinkedSince(RelinkingResource r, LinkingState now) {
		if (now.wholeLinkings != wholeLinkings || now.linkedAlone <= linkedAlone || r.wholeLinkings() != now.wholeLinkings
				|| r.partsLinkedAlone().size() < now.linkedAlone) {
			return null;
		}
		Set<EObject> linked = Collections.newSetFromMap(new IdentityHashMap<>());
		linked.addAll(r.partsLinkedAlone().subList(linkedAlone, now.linkedAlone));
		return linked;
	}
}

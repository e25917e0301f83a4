package org.coco.dsl.linking;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.linking.lazy.LazyLinker;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Xtext's lazy linker with each proxy type remembered. The linker works out the class of every proxy it
 * creates through EcoreGenericsUtil and a subtype search (5.6 % of a language-server edit in profiles),
 * although the answer depends only on the reference and the owner's class.
 */
public class CocoLinker extends LazyLinker {
	private record Key(EReference reference, EClass owner) {
	}

	private final Map<Key, EClass> proxyTypes = new ConcurrentHashMap<>();

	/**
	 * Links one part of a model whose other parts stay linked (RelinkingResource: an edit inside one
	 * scenario): its references are cleared and get new proxies, numbered after the resource's existing ones.
	 */
	void linkPart(EObject part, IDiagnosticConsumer consumer) {
		doLinkModel(part, consumer);
		afterModelLinked(part, consumer);
	}

	/**
	 * Links one reference again, the rest of the model staying linked (RelinkingResource: a reference that
	 * names an edited platform member): a new proxy for its text, resolved on first use. Single-valued
	 * references only (coco's grammar has no other cross-references).
	 */
	void relink(EObject source, EReference reference, INode node) {
		createAndSetProxy(source, node, reference);
	}

	@Override
	protected EClass getProxyType(EObject obj, EReference eRef) {
		Key key = new Key(eRef, obj.eClass());
		EClass type = proxyTypes.get(key);
		if (type == null) {
			type = super.getProxyType(obj, eRef);
			if (type != null) {
				proxyTypes.put(key, type);
			}
		}
		return type;
	}
}

package org.coco.dsl.linking;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.scoping.CocoScopeProvider;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.linking.ILinkingService;
import org.eclipse.xtext.linking.impl.DefaultLinkingService;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.util.OnChangeEvictingCache;
import org.eclipse.xtext.util.concurrent.IUnitOfWork;

import com.google.inject.Inject;

/**
 * The batch commands' linker (one per resource, set by the CLI's workspace): a reference that the file's
 * own declarations decide (a device, pool or buffer named in a step, a member named inside a platform;
 * {@link CocoScopeProvider#ownTarget}) is set to its target at once, where Xtext's lazy linker makes a
 * proxy (a URI with an encoded fragment, an object, a notification) that is resolved later through the
 * same scope. Every other reference gets Xtext's proxy as before, so what cannot be decided from the file
 * alone (a platform, another file, an unknown name and its diagnostic) takes Xtext's path unchanged.
 *
 * The references are linked only in {@link #linkDeferred()}, once every file of the command is loaded:
 * a step's scope asks for its scenario's platform, whose proxy would otherwise be resolved while a file it
 * names may not be loaded yet, and Xtext remembers a failed resolution for good. Linking in one pass over
 * a 100k-line model halves the time its references take (docs/performance.md).
 */
public class EagerLinker extends CocoLinker {

	private record Deferred(EObject owner, INode node, EReference reference) {
	}

	@Inject
	private IScopeProvider scopeProvider;

	@Inject
	private ILinkingService linkingService;

	@Inject
	private IQualifiedNameConverter names;

	@Inject
	private OnChangeEvictingCache cache;

	private List<Deferred> deferred = new ArrayList<>();

	/** The references that got a proxy in linkDeferred(): the only ones left to resolve. */
	private final List<Deferred> proxies = new ArrayList<>();

	@Override
	protected void beforeModelLinked(EObject model, IDiagnosticConsumer diagnosticsConsumer) {
		super.beforeModelLinked(model, diagnosticsConsumer);
		if (deferred != null) {
			deferred.clear(); // linked again before linkDeferred(): only the last pass counts
		}
	}

	/**
	 * Xtext clears every reference of every object before it links; while linking is deferred nothing has
	 * set one (this linker sets them only in linkDeferred), so there is nothing to clear.
	 */
	@Override
	protected boolean isClearAllReferencesRequired(Resource resource) {
		return deferred == null && super.isClearAllReferencesRequired(resource);
	}

	/** Called by Xtext's linking pass for each cross-reference: remembered for {@link #linkDeferred()}. */
	@Override
	protected void createAndSetProxy(EObject obj, INode node, EReference eRef) {
		if (deferred == null) {
			super.createAndSetProxy(obj, node, eRef);
		} else {
			deferred.add(new Deferred(obj, node, eRef));
		}
	}

	/**
	 * Links the references of the last linking pass, in the order Xtext would have made their proxies; from
	 * then on this linker makes proxies at once, as Xtext's does (a later re-link of the resource).
	 */
	public void linkDeferred() {
		List<Deferred> links = deferred;
		deferred = null;
		if (links == null || links.isEmpty()) {
			return;
		}
		Resource resource = links.get(0).owner().eResource();
		cache.execWithoutCacheClear(resource, new IUnitOfWork.Void<Resource>() {
			@Override
			public void process(Resource state) {
				for (Deferred link : links) {
					link(link.owner(), link.node(), link.reference());
				}
			}
		});
	}

	/**
	 * Resolves the proxies made by {@link #linkDeferred()}, as EcoreUtil.resolveAll would (their linking
	 * errors included) without a walk over every object: this linker made every proxy of its resource.
	 */
	public void resolveProxies() {
		for (Deferred p : proxies) {
			Object value = p.owner().eGet(p.reference(), true);
			if (value instanceof List<?> many) {
				for (int i = 0; i < many.size(); i++) {
					many.get(i); // a resolving list resolves on get
				}
			}
		}
		proxies.clear();
	}

	@SuppressWarnings("unchecked")
	private void link(EObject owner, INode node, EReference reference) {
		EObject target = ownTarget(owner, node, reference);
		if (target == null) {
			super.createAndSetProxy(owner, node, reference);
			proxies.add(new Deferred(owner, node, reference));
		} else if (reference.isMany()) {
			((InternalEList<EObject>) owner.eGet(reference, false)).addUnique(target);
		} else {
			owner.eSet(reference, target);
		}
	}

	/** What the lazy proxy would resolve to, when the file decides it (see the class comment); else null. */
	private EObject ownTarget(EObject owner, INode node, EReference reference) {
		if (!(scopeProvider instanceof CocoScopeProvider coco) || !(linkingService instanceof DefaultLinkingService xtext)) {
			return null;
		}
		EObject target;
		try {
			// the name as Xtext's linking service reads it (DefaultLinkingService.getLinkedObjects)
			String name = xtext.getCrossRefNodeAsString(node);
			if (name == null || name.isEmpty()) {
				return null;
			}
			target = coco.ownTarget(owner, reference, names.toQualifiedName(name));
		} catch (RuntimeException e) { // IllegalNodeException among them
			return null; // the proxy's resolution meets the same problem and reports it as before
		}
		return target == null || target.eIsProxy() || !reference.getEReferenceType().isInstance(target) ? null : target;
	}
}

package org.coco.dsl.scoping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IFragmentProvider;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.inject.Inject;

/**
 * EMF's URI fragments (`//@elements.0/@members.5`), exactly EMF's text, but the position of an object in
 * a long list comes from an index built once per list instead of List.indexOf. The linker encodes the
 * fragment of every object that holds a reference, and every diagnostic carries the fragment of its
 * object: with indexOf, both were quadratic in the members of a platform (150,000 in a 1M-line model,
 * 11 % of the time of validating it). The index lives in the resource's cache, which Xtext drops at every
 * change; a position taken from it is checked against the list, so a stale index costs time, never a
 * wrong fragment. Anything unusual (IDs, keys, several roots, proxies) goes to EMF's own code.
 */
public class CocoFragmentProvider implements IFragmentProvider {

	/** Below this length indexOf is as cheap as a lookup. */
	private static final int SHORT = 32;

	private static final String CACHE_KEY = CocoFragmentProvider.class.getName() + ".positions";

	@Inject
	private IResourceScopeCache cache;

	@Override
	public EObject getEObject(Resource resource, String fragment, Fallback fallback) {
		return fallback.getEObject(fragment);
	}

	@Override
	public String getFragment(EObject obj, Fallback fallback) {
		Resource resource = obj.eResource();
		if (resource == null || obj.eIsProxy() || resource.getContents().size() != 1) {
			return fallback.getFragment(obj);
		}
		List<String> segments = new ArrayList<>();
		InternalEObject o = (InternalEObject) obj;
		while (o.eDirectResource() != resource) {
			InternalEObject container = o.eInternalContainer();
			EStructuralFeature f = o.eContainingFeature();
			if (container == null || f == null || o.eClass().getEIDAttribute() != null) {
				return fallback.getFragment(obj);
			}
			if (f instanceof EReference r && r.isMany() && r.getEKeys().isEmpty()) {
				List<?> list = (List<?>) container.eGet(f, false);
				segments.add("@" + f.getName() + "." + position(resource, list, o));
			} else {
				segments.add(container.eURIFragmentSegment(f, o));
			}
			o = container;
		}
		if (o.eClass().getEIDAttribute() != null || segments.isEmpty()) {
			return fallback.getFragment(obj);
		}
		// the root segment of a resource with one root is empty: "/" + "" + "/seg/seg"
		StringBuilder fragment = new StringBuilder("/");
		for (int i = segments.size() - 1; i >= 0; i--) {
			fragment.append('/').append(segments.get(i));
		}
		return fragment.toString();
	}

	private int position(Resource resource, List<?> list, Object child) {
		if (list.size() < SHORT || cache == null) {
			return list.indexOf(child);
		}
		Map<List<?>, Map<Object, Integer>> indexes = cache.get(CACHE_KEY, resource,
				() -> Collections.synchronizedMap(new IdentityHashMap<>()));
		Map<Object, Integer> index = indexes.get(list);
		Integer i = index == null ? null : index.get(child);
		if (i != null && i < list.size() && list.get(i) == child) {
			return i;
		}
		// first use of this list, or it changed without the cache being dropped: (re)build
		Map<Object, Integer> fresh = new HashMap<>(list.size() * 2);
		for (int k = 0; k < list.size(); k++) {
			fresh.putIfAbsent(list.get(k), k);
		}
		indexes.put(list, fresh);
		Integer j = fresh.get(child);
		return j == null ? -1 : j;
	}
}

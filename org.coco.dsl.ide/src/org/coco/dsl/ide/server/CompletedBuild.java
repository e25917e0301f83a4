package org.coco.dsl.ide.server;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * The text the last completed build made of a file (an adapter on its resource). PartialReparsingBuilder
 * removes it before it changes the resource in any way (a parse, a link, an unload) and adds it once a
 * build has validated the resource and finished, so while it is there the resource is what a build of
 * that text made of it, and its diagnostics are published.
 */
final class CompletedBuild extends AdapterImpl {

	final String text;

	private CompletedBuild(String text) {
		this.text = text;
	}

	static CompletedBuild of(Resource resource) {
		for (var a : resource.eAdapters()) {
			if (a instanceof CompletedBuild b) {
				return b;
			}
		}
		return null;
	}

	static void forget(Resource resource) {
		resource.eAdapters().removeIf(a -> a instanceof CompletedBuild);
	}

	static void remember(Resource resource, String text) {
		forget(resource);
		resource.eAdapters().add(new CompletedBuild(text));
	}
}

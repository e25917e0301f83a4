package org.coco.dsl.ide.server;

import org.eclipse.xtext.build.Indexer;
import org.eclipse.xtext.build.ResolvedResourceDescription;
import org.eclipse.xtext.resource.IResourceDescription;

/**
 * Xtext's indexer, with the exported objects' copies of a file's unchanged elements kept from one edit to
 * the next (ReusingResourceDescription#resolvedExports): Xtext computed the URI of every exported object on
 * every edit. The index entry is Xtext's ResolvedResourceDescription as before; the copies it is made of are
 * already proxies with URIs, which it keeps as they are.
 */
public class ReusingIndexer extends Indexer {

	@Override
	protected IResourceDescription getResolvedResourceDescription(IResourceDescription description) {
		if (description instanceof ReusingResourceDescription d) {
			return new ResolvedResourceDescription(new ExportsOnly(d.getURI(), d.resolvedExports()));
		}
		return super.getResolvedResourceDescription(description);
	}
}

package org.coco.dsl.ide.server;

import java.util.Collections;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.build.Indexer;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.AbstractResourceDescription;

/**
 * Xtext's indexer, with the exported objects' copies of a file's unchanged elements kept from one edit to
 * the next (ReusingResourceDescription#resolvedExports): Xtext computed the URI of every exported object on
 * every edit.
 */
public class ReusingIndexer extends Indexer {

	@Override
	protected IResourceDescription getResolvedResourceDescription(IResourceDescription description) {
		if (description instanceof ReusingResourceDescription d) {
			return new Exports(d.getURI(), d.resolvedExports());
		}
		return super.getResolvedResourceDescription(description);
	}

	/** As Xtext's ResolvedResourceDescription: the exported objects only, with no link to the model. */
	private static final class Exports extends AbstractResourceDescription {
		private final URI uri;
		private final List<IEObjectDescription> exported;

		Exports(URI uri, List<IEObjectDescription> exported) {
			this.uri = uri;
			this.exported = List.copyOf(exported);
		}

		@Override
		protected List<IEObjectDescription> computeExportedObjects() {
			return exported;
		}

		@Override
		public Iterable<QualifiedName> getImportedNames() {
			return Collections.emptyList();
		}

		@Override
		public Iterable<IReferenceDescription> getReferenceDescriptions() {
			return Collections.emptyList();
		}

		@Override
		public URI getURI() {
			return uri;
		}
	}
}

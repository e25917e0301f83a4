package org.coco.dsl.ide.server;

import java.util.Collections;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.impl.AbstractResourceDescription;

/**
 * Exported objects of a file, or of part of it, and nothing else: what Xtext's ResolvedResourceDescription
 * copies for the index (ReusingResourceDescription copies each unchanged part once, ReusingIndexer hands the
 * copies to the index).
 */
final class ExportsOnly extends AbstractResourceDescription {
	private final URI uri;
	private final List<IEObjectDescription> exported;

	ExportsOnly(URI uri, Iterable<IEObjectDescription> exported) {
		this.uri = uri;
		this.exported = com.google.common.collect.ImmutableList.copyOf(exported);
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

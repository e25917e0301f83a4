package org.coco.dsl.ide.editor;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * What Xtext's quick fix resolutions ask of a language server, answered from one parsed document
 * and its resource set, so the ide's quick fixes run outside a server (the Eclipse editor).
 */
final class OneDocumentAccess implements ILanguageServerAccess {

	private final Resource resource;
	private final Document document;

	OneDocumentAccess(Resource resource, Document document) {
		this.resource = resource;
		this.document = document;
	}

	@Override
	public <T> CompletableFuture<T> doRead(String uri, Function<Context, T> function) {
		return CompletableFuture.completedFuture(doSyncRead(uri, function));
	}

	@Override
	public <T> T doSyncRead(String uri, Function<Context, T> function) {
		Resource r = resource.getURI().toString().equals(uri) ? resource
				: resource.getResourceSet().getResource(URI.createURI(uri), true);
		return function.apply(new Context(r, r == resource ? document : null, r == resource, CancelIndicator.NullImpl));
	}

	@Override
	public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> function) {
		return CompletableFuture.failedFuture(new UnsupportedOperationException("no index outside the language server"));
	}

	@Override
	public void addBuildListener(IBuildListener listener) {
		// nothing is built here
	}

	@Override
	public LanguageClient getLanguageClient() {
		return null;
	}

	/** The document's own resource set: the fix sees the text being edited, not the file on disk. */
	@Override
	public ResourceSet newLiveScopeResourceSet(URI uri) {
		return resource.getResourceSet();
	}

	/** No client capabilities: edits come back as a plain uri-to-edits map. */
	@Override
	public InitializeParams getInitializeParams() {
		return new InitializeParams();
	}

	@Override
	public InitializeResult getInitializeResult() {
		return new InitializeResult();
	}
}

package org.coco.dsl.ide.server;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.resource.IResourceServiceProvider;

import com.google.inject.Inject;

/**
 * Xtext's language server, which warms the edit path up in the background once the client is initialized
 * (EditPathWarmUp), until the first edit. {@code -Dcoco.lsp.warmUp=false} turns it off (to measure without).
 */
public class WarmingLanguageServer extends LanguageServerImpl {

	@Inject
	private IResourceServiceProvider.Registry languages;

	private volatile EditPathWarmUp warmUp;

	@Override
	public void initialized(InitializedParams params) {
		super.initialized(params);
		IResourceServiceProvider coco = languages.getResourceServiceProvider(URI.createURI("warmup:/warm-up.coco"));
		if (coco != null && !"false".equals(System.getProperty("coco.lsp.warmUp"))) {
			warmUp = new EditPathWarmUp(coco, this::toDiagnostic).start();
		}
	}

	@Override
	public void didChange(DidChangeTextDocumentParams params) {
		EditPathWarmUp w = warmUp;
		if (w != null) {
			w.cancel();
			warmUp = null;
		}
		super.didChange(params);
	}
}

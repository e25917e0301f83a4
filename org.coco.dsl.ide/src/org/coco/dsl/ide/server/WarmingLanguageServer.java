package org.coco.dsl.ide.server;

import java.util.concurrent.CompletableFuture;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.resource.IResourceServiceProvider;

import com.google.inject.Inject;

/**
 * Xtext's language server, which warms the edit path up in the background (EditPathWarmUp), from the
 * client's initialize request until the first edit. {@code -Dcoco.lsp.warmUp=false} turns it off (to measure
 * without).
 *
 * The warm-up starts with initialize, while the server builds the workspace, not once the client says it is
 * initialized: by then the build is done and a client may send its first edit the moment the file's first
 * diagnostics arrive (bench LspLatency): the warm-up had run some 20 ms when that edit cancelled it, and the
 * edit ran cold code (two to four times a warm edit's CPU). On two cores it runs beside the build's thread.
 */
public class WarmingLanguageServer extends LanguageServerImpl {

	@Inject
	private IResourceServiceProvider.Registry languages;

	private volatile EditPathWarmUp warmUp;

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		IResourceServiceProvider coco = languages.getResourceServiceProvider(URI.createURI("warmup:/warm-up.coco"));
		if (coco != null && !"false".equals(System.getProperty("coco.lsp.warmUp"))) {
			warmUp = new EditPathWarmUp(coco, this::toDiagnostic).start();
		}
		return super.initialize(params);
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

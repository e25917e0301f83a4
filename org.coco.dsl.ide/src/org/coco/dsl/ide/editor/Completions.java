package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.TextRegion;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;

/**
 * Content assist as the language server computes it (Xtext's context factory and the language's
 * IdeContentProposalProvider), for editors that are not LSP clients.
 */
@Singleton
public class Completions {

	/** The context factory parses alternatives in parallel; daemon threads never block shutdown. */
	private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "coco content assist");
		t.setDaemon(true);
		return t;
	});

	@Inject
	private Provider<ContentAssistContextFactory> contextFactories;

	@Inject
	private IdeContentProposalProvider proposals;

	@Inject
	private Provider<IdeContentProposalAcceptor> acceptors;

	/** Proposals at offset in text (the resource must hold text parsed). */
	public List<ContentAssistEntry> at(XtextResource resource, String text, int offset, CancelIndicator cancel) {
		ContentAssistContextFactory factory = contextFactories.get();
		factory.setPool(pool);
		ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
		IdeContentProposalAcceptor acceptor = acceptors.get();
		acceptor.setCancelIndicator(cancel);
		proposals.createProposals(Arrays.asList(contexts), acceptor);
		List<ContentAssistEntry> out = new ArrayList<>();
		acceptor.getEntries().forEach(out::add);
		return out;
	}
}

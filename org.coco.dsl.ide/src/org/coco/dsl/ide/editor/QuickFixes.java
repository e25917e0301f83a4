package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.ide.editor.TextEdits.Replacement;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.ConfigurationException;
import com.google.inject.Inject;
import com.google.inject.Injector;

/**
 * The language's quick fixes (Xtext's IQuickFixProvider, as bound in the ide injector) for one
 * diagnostic, as labelled text replacements in the diagnostic's file, for editors outside LSP.
 */
public class QuickFixes {

	public record Fix(String label, List<Replacement> replacements) {
	}

	@Inject
	private Injector injector;

	/** The provider, or null while the language binds none. */
	private IQuickFixProvider provider() {
		try {
			return injector.getInstance(IQuickFixProvider.class);
		} catch (ConfigurationException e) {
			return null;
		}
	}

	public boolean handles(Diagnostic diagnostic) {
		IQuickFixProvider provider = provider();
		return provider != null && provider.handlesDiagnostic(diagnostic);
	}

	/** Fixes for a diagnostic of resource, whose text is text; uri names the resource. */
	public List<Fix> fixes(XtextResource resource, String text, String uri, Diagnostic diagnostic) {
		List<Fix> out = new ArrayList<>();
		IQuickFixProvider provider = provider();
		if (provider == null || !provider.handlesDiagnostic(diagnostic)) {
			return out;
		}
		Document document = new Document(1, text);
		ICodeActionService2.Options options = new ICodeActionService2.Options();
		options.setDocument(document);
		options.setResource(resource);
		options.setURI(uri);
		options.setCancelIndicator(CancelIndicator.NullImpl);
		options.setLanguageServerAccess(new OneDocumentAccess(resource, document));
		options.setCodeActionParams(new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.getRange(),
				new CodeActionContext(List.of(diagnostic))));
		for (DiagnosticResolution resolution : provider.getResolutions(options, diagnostic)) {
			List<TextEdit> edits = edits(resolution.apply(), uri);
			if (!edits.isEmpty()) {
				out.add(new Fix(resolution.getLabel(), TextEdits.toReplacements(document, edits)));
			}
		}
		return out;
	}

	/** The edits of this file; fixes that change other files are not offered here. */
	private static List<TextEdit> edits(WorkspaceEdit edit, String uri) {
		List<TextEdit> out = new ArrayList<>();
		if (edit == null) {
			return out;
		}
		if (edit.getChanges() != null) {
			edit.getChanges().forEach((u, list) -> {
				if (u.equals(uri)) {
					out.addAll(list);
				}
			});
		}
		if (edit.getDocumentChanges() != null) {
			for (var change : edit.getDocumentChanges()) {
				if (change.isLeft() && uri.equals(change.getLeft().getTextDocument().getUri())) {
					change.getLeft().getEdits().stream().filter(e -> e.isLeft()).forEach(e -> out.add(e.getLeft()));
				}
			}
		}
		return out;
	}
}

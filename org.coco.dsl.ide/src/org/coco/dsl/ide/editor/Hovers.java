package org.coco.dsl.ide.editor;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

/** The language server's hover as plain text, for editors that show text rather than markdown. */
public class Hovers {

	@Inject
	private IHoverService hovers;

	/** The hover at offset of text (parsed into resource), or null. */
	public String at(XtextResource resource, String text, int offset) {
		Document document = new Document(1, text);
		HoverParams params = new HoverParams(new TextDocumentIdentifier(resource.getURI().toString()),
				document.getPosition(offset));
		Hover hover = hovers.hover(document, resource, params, CancelIndicator.NullImpl);
		if (hover == null || hover.getContents() == null || !hover.getContents().isRight()) {
			return null;
		}
		String markdown = hover.getContents().getRight().getValue();
		if (markdown == null || markdown.isBlank()) {
			return null;
		}
		// code fences and backticks dropped
		return markdown.replaceAll("```\\w*\\n?", "").replace("`", "").trim();
	}
}

package org.coco.dsl.ui.editor;

import org.coco.dsl.ui.CocoParser;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.Documents;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/** Hover: keyword documentation and element documentation, from the ide's hover service. */
public class CocoTextHover implements ITextHover {

	@Override
	public String getHoverInfo(ITextViewer viewer, IRegion region) {
		return hoverText(viewer.getDocument(), region.getOffset());
	}

	/** The hover text at offset, as plain text, or null. */
	public static String hoverText(IDocument document, int offset) {
		try {
			String text = document.get();
			XtextResource resource = CocoParser.parse(Documents.fileOf(document), text);
			Document doc = new Document(1, text);
			HoverParams params = new HoverParams(new TextDocumentIdentifier(resource.getURI().toString()), doc.getPosition(offset));
			Hover hover = CocoUiPlugin.get(IHoverService.class).hover(doc, resource, params, CancelIndicator.NullImpl);
			if (hover == null || hover.getContents() == null || !hover.getContents().isRight()) {
				return null;
			}
			return plain(hover.getContents().getRight().getValue());
		} catch (RuntimeException e) {
			CocoUiPlugin.log("hover failed", e);
			return null;
		}
	}

	/** Markdown code fences and backticks dropped: the default hover shows plain text. */
	private static String plain(String markdown) {
		if (markdown == null || markdown.isBlank()) {
			return null;
		}
		return markdown.replaceAll("```\\w*\\n?", "").replace("`", "").trim();
	}

	@Override
	public IRegion getHoverRegion(ITextViewer viewer, int offset) {
		IDocument d = viewer.getDocument();
		int start = offset;
		int end = offset;
		try {
			while (start > 0 && isWord(d.getChar(start - 1))) {
				start--;
			}
			while (end < d.getLength() && isWord(d.getChar(end))) {
				end++;
			}
		} catch (org.eclipse.jface.text.BadLocationException e) {
			return new Region(offset, 0);
		}
		return new Region(start, end - start);
	}

	private static boolean isWord(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-';
	}
}

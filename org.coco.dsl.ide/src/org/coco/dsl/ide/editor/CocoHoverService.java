package org.coco.dsl.ide.editor;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Hovers: a keyword shows {@link KeywordDocumentation}; a name (declared or referenced) shows the
 * element's documentation (CocoDocumentationProvider), as Xtext's HoverService does.
 */
public class CocoHoverService extends HoverService {

	@Override
	public Hover hover(Document document, XtextResource resource, HoverParams params, CancelIndicator cancelIndicator) {
		int offset = document.getOffSet(params.getPosition());
		Hover keyword = keywordHover(document, resource, offset);
		return keyword != null ? keyword : super.hover(document, resource, params, cancelIndicator);
	}

	private static Hover keywordHover(Document document, XtextResource resource, int offset) {
		if (resource.getParseResult() == null) {
			return null;
		}
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		if (leaf == null || leaf.isHidden() || !(leaf.getGrammarElement() instanceof Keyword k)) {
			return null;
		}
		String doc = KeywordDocumentation.of(k.getValue());
		if (doc == null) {
			return null;
		}
		Range range = new Range(document.getPosition(leaf.getOffset()), document.getPosition(leaf.getEndOffset()));
		return new Hover(new MarkupContent(MarkupKind.MARKDOWN, doc), range);
	}
}

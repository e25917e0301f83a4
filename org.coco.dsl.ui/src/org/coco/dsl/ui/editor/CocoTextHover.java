package org.coco.dsl.ui.editor;

import org.coco.dsl.ide.editor.Hovers;
import org.coco.dsl.ui.DocumentModels;
import org.coco.dsl.ui.CocoUiPlugin;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.xtext.resource.XtextResource;

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
			XtextResource resource = DocumentModels.of(document);
			return CocoUiPlugin.get(Hovers.class).at(resource, text, offset);
		} catch (RuntimeException e) {
			CocoUiPlugin.log("hover failed", e);
			return null;
		}
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

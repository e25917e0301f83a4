package org.coco.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.BadPositionCategoryException;
import org.eclipse.jface.text.DefaultPositionUpdater;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.ITextViewerExtension4;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.swt.custom.StyleRange;

/**
 * Semantic coloring on top of the lexer's: ranges computed by the reconcile job are kept as
 * document positions (so they move with edits until the next job) and merged into every presentation.
 */
final class SemanticHighlighter implements ITextPresentationListener {

	private static final String CATEGORY = "org.coco.dsl.ui.semanticHighlighting";

	/** A highlighted range of a style id. */
	record Highlight(int offset, int length, String style) {
	}

	private static final class StyledPosition extends Position {
		final String style;

		StyledPosition(int offset, int length, String style) {
			super(offset, length);
			this.style = style;
		}
	}

	private final ITextViewer viewer;
	private IDocument document;
	private final DefaultPositionUpdater updater = new DefaultPositionUpdater(CATEGORY);

	SemanticHighlighter(ITextViewer viewer) {
		this.viewer = viewer;
		if (viewer instanceof ITextViewerExtension4 v) {
			v.addTextPresentationListener(this);
		}
	}

	void dispose() {
		if (viewer instanceof ITextViewerExtension4 v) {
			v.removeTextPresentationListener(this);
		}
		detach();
	}

	private void detach() {
		if (document != null) {
			try {
				document.removePositionUpdater(updater);
				document.removePositionCategory(CATEGORY);
			} catch (BadPositionCategoryException e) {
				// already gone
			}
			document = null;
		}
	}

	/** Replaces the highlights (UI thread; the caller checked the document is unchanged since computing them). */
	void update(IDocument doc, List<Highlight> highlights) {
		if (doc != document) {
			detach();
			document = doc;
			doc.addPositionCategory(CATEGORY);
			doc.addPositionUpdater(updater);
		}
		try {
			doc.removePositionCategory(CATEGORY);
			doc.addPositionCategory(CATEGORY);
			for (Highlight h : highlights) {
				doc.addPosition(CATEGORY, new StyledPosition(h.offset(), h.length(), h.style()));
			}
		} catch (BadLocationException | BadPositionCategoryException e) {
			// the document changed under us: the next reconcile recomputes
		}
		viewer.invalidateTextPresentation();
	}

	@Override
	public void applyTextPresentation(TextPresentation presentation) {
		if (document == null || document != viewer.getDocument()) {
			return;
		}
		IRegion extent = presentation.getExtent();
		int from = extent.getOffset();
		int to = from + extent.getLength();
		List<StyleRange> ranges = new ArrayList<>();
		try {
			for (Position p : document.getPositions(CATEGORY)) {
				if (p.isDeleted() || p.getOffset() + p.getLength() <= from || p.getOffset() >= to
						|| !(p instanceof StyledPosition s)) {
					continue;
				}
				TextAttribute a = CocoStyles.of(s.style);
				if (a != null) {
					ranges.add(new StyleRange(p.getOffset(), p.getLength(), a.getForeground(), null, a.getStyle()));
				}
			}
		} catch (BadPositionCategoryException e) {
			return;
		}
		ranges.sort((a, b) -> Integer.compare(a.start, b.start));
		if (!ranges.isEmpty()) {
			presentation.mergeStyleRanges(ranges.toArray(StyleRange[]::new));
		}
	}
}

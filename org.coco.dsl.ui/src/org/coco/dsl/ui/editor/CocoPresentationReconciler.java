package org.coco.dsl.ui.editor;

import org.coco.dsl.ide.editor.SyntaxTokens;
import org.coco.dsl.ide.editor.SyntaxTokens.StyledToken;
import org.coco.dsl.ui.CocoUiPlugin;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.swt.custom.StyleRange;

/**
 * Syntax coloring with the language's lexer. The whole document is re-lexed on a change: a
 * comment opened or closed recolors everything after it, and lexing is fast next to parsing.
 */
public class CocoPresentationReconciler extends PresentationReconciler {

	public CocoPresentationReconciler() {
		LexerColoring coloring = new LexerColoring();
		setDamager(coloring, IDocument.DEFAULT_CONTENT_TYPE);
		setRepairer(coloring, IDocument.DEFAULT_CONTENT_TYPE);
	}

	static final class LexerColoring implements IPresentationDamager, IPresentationRepairer {
		private IDocument document;

		@Override
		public void setDocument(IDocument document) {
			this.document = document;
		}

		@Override
		public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean documentPartitioningChanged) {
			return new Region(0, event.getDocument().getLength());
		}

		@Override
		public void createPresentation(TextPresentation presentation, ITypedRegion damage) {
			int from = damage.getOffset();
			int to = from + damage.getLength();
			for (StyledToken t : CocoUiPlugin.get(SyntaxTokens.class).tokens(document.get())) {
				if (t.offset() + t.length() <= from || t.offset() >= to) {
					continue;
				}
				TextAttribute a = CocoStyles.of(t.style());
				if (a != null) {
					presentation.addStyleRange(
							new StyleRange(t.offset(), t.length(), a.getForeground(), a.getBackground(), a.getStyle()));
				}
			}
		}
	}
}

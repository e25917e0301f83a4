package org.coco.dsl.ui.editor;

import java.util.Map;

import org.coco.dsl.ide.editor.CocoTokenStyles;
import org.coco.dsl.ide.highlighting.CocoSemanticHighlightingCalculator;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.xtext.ide.editor.syntaxcoloring.HighlightingStyles;

/** The colors of the style ids the lexer mapping and the semantic calculator produce. */
public final class CocoStyles {
	private CocoStyles() {
	}

	private static TextAttribute attr(int r, int g, int b, int style) {
		return new TextAttribute(new Color(r, g, b), null, style);
	}

	private static final Map<String, TextAttribute> STYLES = Map.ofEntries(
			Map.entry(HighlightingStyles.KEYWORD_ID, attr(127, 0, 85, SWT.BOLD)),
			Map.entry(CocoTokenStyles.ATTRIBUTE, attr(0, 0, 192, SWT.ITALIC)),
			Map.entry(HighlightingStyles.NUMBER_ID, attr(125, 66, 0, SWT.NORMAL)),
			Map.entry(HighlightingStyles.STRING_ID, attr(42, 0, 255, SWT.NORMAL)),
			Map.entry(HighlightingStyles.COMMENT_ID, attr(63, 127, 95, SWT.NORMAL)),
			Map.entry(CocoSemanticHighlightingCalculator.PLATFORM, attr(0, 102, 153, SWT.BOLD)),
			Map.entry(CocoSemanticHighlightingCalculator.DEVICE, attr(0, 128, 0, SWT.NORMAL)),
			Map.entry(CocoSemanticHighlightingCalculator.MEMORY, attr(150, 75, 0, SWT.NORMAL)),
			Map.entry(CocoSemanticHighlightingCalculator.BUFFER, attr(128, 0, 128, SWT.NORMAL)));

	/** The attribute of a style id, or null for default text. */
	public static TextAttribute of(String id) {
		return id == null ? null : STYLES.get(id);
	}
}

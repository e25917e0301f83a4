package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;

/** LSP text edits as offset replacements, last first, so applying them in order keeps offsets valid. */
public final class TextEdits {
	private TextEdits() {
	}

	public record Replacement(int offset, int length, String text) {
	}

	public static List<Replacement> toReplacements(Document document, List<? extends TextEdit> edits) {
		List<Replacement> out = new ArrayList<>();
		for (TextEdit e : edits) {
			int start = document.getOffSet(e.getRange().getStart());
			int end = document.getOffSet(e.getRange().getEnd());
			out.add(new Replacement(start, end - start, e.getNewText()));
		}
		out.sort(Comparator.comparingInt(Replacement::offset).reversed());
		return out;
	}

	/** Applies replacements (as returned by {@link #toReplacements}) to a string. */
	public static String apply(String text, List<Replacement> replacements) {
		StringBuilder sb = new StringBuilder(text);
		for (Replacement r : replacements) {
			sb.replace(r.offset(), r.offset() + r.length(), r.text());
		}
		return sb.toString();
	}
}

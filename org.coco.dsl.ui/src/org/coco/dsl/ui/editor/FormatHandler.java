package org.coco.dsl.ui.editor;

import java.util.List;

import org.coco.dsl.ide.editor.Formatting;
import org.coco.dsl.ide.editor.TextEdits.Replacement;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.DocumentModels;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

/** Format (Ctrl+Shift+F): the language's formatter on the whole file, one undoable change. */
public class FormatHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		IEditorPart part = HandlerUtil.getActiveEditor(event);
		if (part instanceof ITextEditor editor) {
			format(editor);
		}
		return null;
	}

	public static void format(ITextEditor editor) {
		IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		String text = document.get();
		var resource = DocumentModels.of(document);
		if (resource.getParseResult() != null && resource.getParseResult().hasSyntaxErrors()) {
			// formatting around syntax errors could move text the parser misread
			return;
		}
		List<Replacement> replacements = CocoUiPlugin.get(Formatting.class).format(resource, text);
		IRewriteTarget target = editor.getAdapter(IRewriteTarget.class);
		if (target != null) {
			target.beginCompoundChange();
		}
		try {
			for (Replacement r : replacements) {
				document.replace(r.offset(), r.length(), r.text());
			}
		} catch (BadLocationException e) {
			CocoUiPlugin.log("formatting out of range", e);
		} finally {
			if (target != null) {
				target.endCompoundChange();
			}
		}
	}
}

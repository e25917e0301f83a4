package org.coco.dsl.ide.editor;

import java.util.List;

import org.coco.dsl.ide.editor.TextEdits.Replacement;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;

/** Whole-document formatting with the language's formatter (formatting2), as the language server does it. */
public class Formatting {

	@Inject
	private FormattingService service;

	public List<Replacement> format(XtextResource resource, String text) {
		Document document = new Document(1, text);
		// coco's formatter fixes four spaces itself; these options only matter if it did not.
		var edits = service.format(resource, document, 0, text.length(), new FormattingOptions(4, true));
		return TextEdits.toReplacements(document, edits);
	}
}

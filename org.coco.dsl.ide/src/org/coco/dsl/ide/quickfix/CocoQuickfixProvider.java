package org.coco.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The language server's side of coco's quick fixes (code actions through Xtext's
 * QuickFixCodeActionService). The fixes themselves are {@link CocoQuickFixes}; their labels depend on
 * the issue (e.g. the actual outcome), so the resolutions are built per diagnostic rather than by
 * fixed {@code @QuickFix} methods.
 */
public class CocoQuickfixProvider extends AbstractDeclarativeIdeQuickfixProvider {

	@Inject
	private Provider<DiagnosticResolutionAcceptor> acceptors;

	@Override
	public boolean handlesDiagnostic(Diagnostic diagnostic) {
		return diagnostic.getCode() != null && diagnostic.getCode().isLeft()
				&& CocoQuickFixes.handles(diagnostic.getCode().getLeft());
	}

	@Override
	public List<DiagnosticResolution> getResolutions(ICodeActionService2.Options options, Diagnostic diagnostic) {
		Document document = options.getDocument();
		if (document == null || !handlesDiagnostic(diagnostic)) {
			return List.of();
		}
		int start = document.getOffSet(diagnostic.getRange().getStart());
		int end = document.getOffSet(diagnostic.getRange().getEnd());
		DiagnosticResolutionAcceptor acceptor = acceptors.get();
		for (CocoQuickFixes.Fix fix : CocoQuickFixes.fixes(diagnostic.getCode().getLeft(), data(diagnostic), start,
				end - start, document.getContents())) {
			acceptor.accept(fix.label(), (diag, object, doc) -> edits(fix, doc));
		}
		return acceptor.getDiagnosticResolutions(options, diagnostic);
	}

	private static List<TextEdit> edits(CocoQuickFixes.Fix fix, Document doc) {
		List<TextEdit> out = new ArrayList<>();
		for (CocoQuickFixes.Replacement r : fix.edits()) {
			Position from = doc.getPosition(r.offset());
			Position to = doc.getPosition(r.offset() + r.length());
			out.add(new TextEdit(new Range(from, to), r.text()));
		}
		return out;
	}

	/**
	 * Issue data as strings: in-process the server keeps Xtext's String[]; a client sends it back as
	 * a JSON array.
	 */
	static String[] data(Diagnostic diagnostic) {
		Object d = diagnostic.getData();
		if (d instanceof String[] strings) {
			return strings;
		}
		if (d instanceof JsonElement json && json.isJsonArray()) {
			List<String> out = new ArrayList<>();
			for (JsonElement e : json.getAsJsonArray()) {
				out.add(e instanceof JsonPrimitive p ? p.getAsString() : e.toString());
			}
			return out.toArray(String[]::new);
		}
		if (d instanceof Iterable<?> list) {
			List<String> out = new ArrayList<>();
			list.forEach(x -> out.add(String.valueOf(x)));
			return out.toArray(String[]::new);
		}
		return new String[0];
	}
}

package org.coco.dsl.ui.quickfix;

import java.util.List;

import org.coco.dsl.ide.editor.QuickFixes;
import org.coco.dsl.ide.editor.QuickFixes.Fix;
import org.coco.dsl.ide.editor.TextEdits.Replacement;
import org.coco.dsl.ui.CocoParser;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.builder.CocoMarkers;
import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolution2;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.eclipse.xtext.ide.server.Document;

/**
 * Ctrl+1 / Problems view quick fixes on coco markers: the language's IQuickFixProvider (from the
 * ide injector) run on the file's current text; a chosen fix is applied as text edits to the
 * file's document (the open editor's, if any), saved only if the document was not dirty.
 */
public class CocoMarkerResolutionGenerator implements IMarkerResolutionGenerator2 {

	@Override
	public boolean hasResolutions(IMarker marker) {
		Diagnostic d = diagnostic(marker, null);
		return d != null && CocoUiPlugin.get(QuickFixes.class).handles(d);
	}

	@Override
	public IMarkerResolution[] getResolutions(IMarker marker) {
		if (!(marker.getResource() instanceof IFile file)) {
			return new IMarkerResolution[0];
		}
		try {
			return withDocument(file, document -> {
				String text = document.get();
				Diagnostic d = diagnostic(marker, new Document(1, text));
				if (d == null) {
					return new IMarkerResolution[0];
				}
				var resource = CocoParser.parse(file, text);
				List<Fix> fixes = CocoUiPlugin.get(QuickFixes.class).fixes(resource, text,
						resource.getURI().toString(), d);
				return fixes.stream().map(f -> new Resolution(file, f, text)).toArray(IMarkerResolution[]::new);
			});
		} catch (CoreException | RuntimeException e) {
			CocoUiPlugin.log("cannot compute quick fixes", e);
			return new IMarkerResolution[0];
		}
	}

	/** The marker as an LSP diagnostic (range only when the text is given). */
	static Diagnostic diagnostic(IMarker marker, Document text) {
		String code = marker.getAttribute(CocoMarkers.XTEXT_CODE, marker.getAttribute(CocoMarkers.CODE, null));
		if (code == null) {
			return null;
		}
		Diagnostic d = new Diagnostic();
		d.setCode(code);
		d.setMessage(marker.getAttribute(IMarker.MESSAGE, ""));
		String data = marker.getAttribute(CocoMarkers.DATA, null);
		if (data != null) {
			// what the validator computed for the fix (the LSP path carries the same in Diagnostic.data)
			d.setData(data.split(CocoMarkers.DATA_SEPARATOR, -1));
		}
		d.setSeverity(marker.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR ? DiagnosticSeverity.Error
				: DiagnosticSeverity.Warning);
		if (text != null) {
			int start = Math.min(marker.getAttribute(IMarker.CHAR_START, 0), text.getContents().length());
			int end = Math.min(Math.max(start, marker.getAttribute(IMarker.CHAR_END, start)), text.getContents().length());
			d.setRange(new Range(text.getPosition(start), text.getPosition(end)));
		}
		return d;
	}

	interface DocumentFunction<T> {
		T apply(IDocument document) throws CoreException;
	}

	/** Runs f on the file's shared document (the one an open editor shows). */
	static <T> T withDocument(IFile file, DocumentFunction<T> f) throws CoreException {
		ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
		manager.connect(file.getFullPath(), LocationKind.IFILE, null);
		try {
			ITextFileBuffer buffer = manager.getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
			return f.apply(buffer.getDocument());
		} finally {
			manager.disconnect(file.getFullPath(), LocationKind.IFILE, null);
		}
	}

	/** One fix, computed on text; applies only to that text (a stale fix does nothing). */
	record Resolution(IFile file, Fix fix, String text) implements IMarkerResolution2 {

		@Override
		public String getLabel() {
			return fix.label();
		}

		@Override
		public String getDescription() {
			return fix.label();
		}

		@Override
		public Image getImage() {
			return null;
		}

		@Override
		public void run(IMarker marker) {
			try {
				withDocument(file, document -> {
					if (!document.get().equals(text)) {
						return null;
					}
					ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
					boolean wasDirty = buffer != null && buffer.isDirty();
					for (Replacement r : fix.replacements()) {
						try {
							document.replace(r.offset(), r.length(), r.text());
						} catch (BadLocationException e) {
							CocoUiPlugin.log("quick fix out of range", e);
							return null;
						}
					}
					if (buffer != null && !wasDirty) {
						// nobody had unsaved changes here: save, so the builder revalidates
						buffer.commit(null, true);
					}
					return null;
				});
			} catch (CoreException e) {
				CocoUiPlugin.log("cannot apply quick fix", e);
			}
		}
	}
}

package org.coco.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.ide.editor.Folding;
import org.coco.dsl.ide.editor.Outline;
import org.coco.dsl.ui.CocoParser;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.DocumentModels;
import org.coco.dsl.ui.Documents;
import org.coco.dsl.ui.builder.CocoMarkers;
import org.coco.dsl.ui.builder.CocoNature;
import org.coco.dsl.ui.builder.ProjectValidation;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.swt.widgets.Display;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.service.OperationCanceledError;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

/**
 * Reconciles while typing: after a pause, a background Job parses and validates the text once
 * and feeds problem markers, semantic coloring, folding and the outline. A new edit cancels the
 * running Job (the parser and validator poll its monitor), so large files never block the UI.
 */
public class CocoReconciler implements IReconciler {

	static final long DELAY_MS = 400;

	private ITextViewer viewer;
	private SemanticHighlighter highlighter;
	private FoldingUpdater folding;
	private final ReconcileJob job = new ReconcileJob();

	private final IDocumentListener documentListener = new IDocumentListener() {
		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
			job.cancel();
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			schedule(DELAY_MS);
		}
	};

	private final ITextInputListener inputListener = new ITextInputListener() {
		@Override
		public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
			if (oldInput != null) {
				oldInput.removeDocumentListener(documentListener);
			}
		}

		@Override
		public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
			if (newInput != null) {
				newInput.addDocumentListener(documentListener);
				schedule(0);
			}
		}
	};

	@Override
	public void install(ITextViewer textViewer) {
		viewer = textViewer;
		highlighter = new SemanticHighlighter(textViewer);
		folding = new FoldingUpdater(textViewer);
		viewer.addTextInputListener(inputListener);
		IDocument document = viewer.getDocument();
		if (document != null) {
			document.addDocumentListener(documentListener);
			schedule(0);
		}
	}

	@Override
	public void uninstall() {
		job.cancel();
		IDocument document = viewer.getDocument();
		IFile file = Documents.fileOf(document);
		if (document != null) {
			document.removeDocumentListener(documentListener);
			ReconcileResults.forget(document);
		}
		viewer.removeTextInputListener(inputListener);
		highlighter.dispose();
		if (file != null) {
			// markers may describe unsaved text that was discarded: back to the saved state
			ProjectValidation.schedule(file.getProject());
		}
	}

	@Override
	public IReconcilingStrategy getReconcilingStrategy(String contentType) {
		return null;
	}

	private void schedule(long delay) {
		job.cancel();
		job.schedule(delay);
	}

	private final class ReconcileJob extends Job {
		ReconcileJob() {
			super("Validating coco file");
			setSystem(true);
		}

		@Override
		protected IStatus run(IProgressMonitor monitor) {
			ITextViewer v = viewer;
			IDocument document = v == null ? null : v.getDocument();
			if (document == null) {
				return Status.OK_STATUS;
			}
			try {
				long stamp = stamp(document);
				String text = document.get();
				IFile file = Documents.fileOf(document);
				if (file != null) {
					CocoNature.ensureOn(file.getProject());
				}
				CancelIndicator cancel = monitor::isCanceled;
				XtextResource resource = CocoParser.parse(file, text);
				List<Issue> issues = CocoUiPlugin.get(IResourceValidator.class).validate(resource, CheckMode.ALL, cancel);
				if (monitor.isCanceled()) {
					return Status.CANCEL_STATUS;
				}
				List<SemanticHighlighter.Highlight> highlights = new ArrayList<>();
				CocoUiPlugin.get(ISemanticHighlightingCalculator.class).provideHighlightingFor(resource,
						(offset, length, ids) -> {
							if (ids.length > 0) {
								highlights.add(new SemanticHighlighter.Highlight(offset, length, ids[0]));
							}
						}, cancel);
				List<ITextRegion> folds = CocoUiPlugin.get(Folding.class).regions(resource);
				List<Outline.Node> outline = CocoUiPlugin.get(Outline.class).of(resource);
				if (monitor.isCanceled()) {
					return Status.CANCEL_STATUS;
				}
				DocumentModels.remember(document, stamp, resource);
				if (file != null) {
					CocoMarkers.replace(file, issues);
				}
				Display display = Display.getDefault();
				display.asyncExec(() -> {
					if (viewer != v || v.getDocument() != document || stamp(document) != stamp
							|| v.getTextWidget() == null || v.getTextWidget().isDisposed()) {
						return;
					}
					highlighter.update(document, highlights);
					folding.update(document, folds);
					ReconcileResults.publish(document, outline);
				});
				return Status.OK_STATUS;
			} catch (OperationCanceledError e) {
				return Status.CANCEL_STATUS;
			} catch (RuntimeException e) {
				if (monitor.isCanceled()) {
					return Status.CANCEL_STATUS;
				}
				CocoUiPlugin.log("validation while typing failed", e);
				return Status.OK_STATUS;
			}
		}
	}

	private static long stamp(IDocument document) {
		return DocumentModels.stamp(document);
	}
}

package org.coco.dsl.ui.run;

import java.util.HashMap;
import java.util.Map;

import org.coco.dsl.ide.editor.ScenarioRuns;
import org.coco.dsl.ide.editor.ScenarioRuns.Failure;
import org.coco.dsl.ide.editor.ScenarioRuns.Report;
import org.coco.dsl.ui.DocumentModels;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.Documents;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * "Run scenarios": runs the open file's scenarios with the interpreter (CocoRuntime), shows the
 * traces in the coco Trace view and marks each failed expectation in the file (a marker per failure).
 */
public class RunScenariosHandler extends AbstractHandler {

	/** Failed expectations of the last run; replaced by the next run. */
	public static final String FAILURE = "org.coco.dsl.ui.expectationFailure";

	@Override
	public Object execute(ExecutionEvent event) {
		IEditorPart part = HandlerUtil.getActiveEditor(event);
		if (part instanceof ITextEditor editor) {
			run(editor, part.getSite().getPage());
		}
		return null;
	}

	public static Report run(ITextEditor editor, IWorkbenchPage page) {
		IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		IFile file = Documents.fileOf(document);
		Report report;
		try {
			report = CocoUiPlugin.get(ScenarioRuns.class).run(DocumentModels.of(document));
		} catch (RuntimeException e) {
			CocoUiPlugin.log("running scenarios failed", e);
			String why = "running the scenarios failed: " + e.getMessage() + " (details in the Error Log)";
			report = new Report(why + "\n", 0, 0, java.util.List.of(), why);
		}
		if (file != null) {
			mark(file, report);
		}
		try {
			TraceView view = (TraceView) page.showView(TraceView.ID);
			view.show(editor.getTitle() + ": " + report.passed() + " passed, " + report.failed() + " failed", report);
		} catch (PartInitException e) {
			CocoUiPlugin.log("cannot show the trace view", e);
		}
		return report;
	}

	private static void mark(IFile file, Report report) {
		IWorkspace workspace = ResourcesPlugin.getWorkspace();
		try {
			workspace.run(monitor -> {
				file.deleteMarkers(FAILURE, false, IResource.DEPTH_ZERO);
				for (Failure f : report.failures()) {
					Map<String, Object> a = new HashMap<>();
					a.put(IMarker.MESSAGE, "scenario \"" + f.scenario() + "\": " + f.message());
					a.put(IMarker.SEVERITY, IMarker.SEVERITY_ERROR);
					a.put(IMarker.LINE_NUMBER, f.line());
					a.put(IMarker.CHAR_START, f.offset());
					a.put(IMarker.CHAR_END, f.offset() + f.length());
					file.createMarker(FAILURE, a);
				}
			}, null, IWorkspace.AVOID_UPDATE, null);
		} catch (CoreException e) {
			CocoUiPlugin.log("cannot mark failed expectations", e);
		}
	}
}

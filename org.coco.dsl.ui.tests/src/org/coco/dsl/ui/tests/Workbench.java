package org.coco.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/** Helpers for tests in the real workbench: files from examples/, editors, waiting for jobs, markers. */
final class Workbench {
	private Workbench() {
	}

	static final String PROBLEM = "org.coco.dsl.ui.problem";

	static IProject project(String name) throws CoreException {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		return project;
	}

	static String example(String relative) throws Exception {
		Path source = Paths.get(System.getProperty("coco.examples", "../examples"), relative);
		return Files.readString(source, StandardCharsets.UTF_8);
	}

	static IFile write(IProject project, String name, String text) throws CoreException {
		IFile file = project.getFile(name);
		InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		if (file.exists()) {
			file.setContents(in, true, false, null);
		} else {
			file.create(in, true, null);
		}
		return file;
	}

	static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	static ITextEditor open(IFile file) throws Exception {
		return (ITextEditor) IDE.openEditor(page(), file);
	}

	static IDocument document(ITextEditor editor) {
		return editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	static ISourceViewer viewer(ITextEditor editor) {
		return (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
	}

	/** Runs the UI event loop until condition holds; fails with what after timeoutMs. */
	static void waitUntil(String what, long timeoutMs, BooleanSupplier condition) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + timeoutMs;
		while (System.currentTimeMillis() < end) {
			while (display.readAndDispatch()) {
				// pump
			}
			if (condition.getAsBoolean()) {
				return;
			}
			try {
				Thread.sleep(50);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		fail("timed out waiting for " + what);
	}

	/** Runs the UI event loop for ms milliseconds (at least one round). */
	static void settle(long ms) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + ms;
		do {
			while (display.readAndDispatch()) {
				// pump
			}
			if (ms > 0) {
				try {
					Thread.sleep(20);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		} while (System.currentTimeMillis() < end);
	}

	static List<IMarker> markers(IFile file, String type) {
		try {
			return Arrays.asList(file.findMarkers(type, false, IResource.DEPTH_ZERO));
		} catch (CoreException e) {
			return List.of();
		}
	}

	static List<IMarker> problems(IFile file, String code) {
		return markers(file, PROBLEM).stream().filter(m -> code.equals(m.getAttribute("code", null))).toList();
	}

	static int offsetOf(IDocument document, String text) {
		int i = document.get().indexOf(text);
		if (i < 0) {
			fail("not in the document: " + text);
		}
		return i;
	}
}

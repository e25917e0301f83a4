package org.coco.dsl.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.content.IContentType;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;

/** Starts in a real workbench (under Xvfb in CI) and opens an example in the coco editor. */
class OpenExampleInEditorTest {

	private static final String EXAMPLE = "sev-snp-guest.coco";

	@Test
	void cocoFilesOpenInTheCocoEditor() throws Exception {
		IContentType type = Platform.getContentTypeManager().findContentTypeFor(EXAMPLE);
		assertNotNull(type, "no content type for *.coco");
		assertEquals("org.coco.dsl.ui.contentType", type.getId());

		IFile file = importExample(EXAMPLE);
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		IEditorPart editor = IDE.openEditor(page, file);
		assertEquals("org.eclipse.ui.genericeditor.GenericEditor", editor.getSite().getId());
		ITextEditor text = (ITextEditor) editor;
		IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
		assertTrue(document.get().contains("platform SnpGuest"), "the editor shows the file");
		screenshot("editor-opened.png");
	}

	static IFile importExample(String name) throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("examples");
		if (!project.exists()) {
			project.create(null);
		}
		project.open(null);
		IFile file = project.getFile(name);
		Path source = Paths.get(System.getProperty("coco.examples", "../examples"), name);
		try (InputStream in = Files.newInputStream(source)) {
			if (file.exists()) {
				file.setContents(in, true, false, null);
			} else {
				file.create(in, true, null);
			}
		}
		return file;
	}

	/** Saves the workbench window as a PNG under target/screenshots (build output, for docs and review). */
	static void screenshot(String name) throws Exception {
		Display display = Display.getCurrent();
		while (display.readAndDispatch()) {
			// let the editor paint
		}
		Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
		var size = shell.getSize();
		Image image = new Image(display, size.x, size.y);
		GC gc = new GC(shell);
		try {
			gc.copyArea(image, 0, 0);
			Path dir = Paths.get(System.getProperty("coco.screenshots", "target/screenshots"));
			Files.createDirectories(dir);
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			loader.save(dir.resolve(name).toString(), SWT.IMAGE_PNG);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}
}

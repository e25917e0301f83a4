package org.coco.dsl.ui.editor;

import org.coco.dsl.ide.editor.Definitions;
import org.coco.dsl.ide.editor.Definitions.Definition;
import org.coco.dsl.ui.DocumentModels;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.Documents;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Path;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/** Go to definition (F3 / Ctrl+click) on a reference: opens the declaring file at the declared name. */
public class CocoHyperlinkDetector extends AbstractHyperlinkDetector {

	@Override
	public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
		IDocument document = viewer.getDocument();
		try {
			var resource = DocumentModels.of(document);
			Definition d = CocoUiPlugin.get(Definitions.class).at(resource, region.getOffset());
			if (d == null || d.targetRegion() == null) {
				return null;
			}
			IRegion link = new Region(d.link().getOffset(), d.link().getLength());
			IFile target = d.target().isPlatformResource()
					? ResourcesPlugin.getWorkspace().getRoot().getFile(new Path(d.target().toPlatformString(true)))
					: null;
			return new IHyperlink[] { new DefinitionLink(link, target, d.targetRegion().getOffset(), d.targetRegion().getLength(), viewer) };
		} catch (RuntimeException e) {
			CocoUiPlugin.log("go to definition failed", e);
			return null;
		}
	}

	/** Opens target (or, for this file, selects in the viewer) at offset/length. */
	record DefinitionLink(IRegion getHyperlinkRegion, IFile target, int offset, int length, ITextViewer viewer) implements IHyperlink {

		@Override
		public String getTypeLabel() {
			return "Go to definition";
		}

		@Override
		public String getHyperlinkText() {
			return "Open declaration";
		}

		@Override
		public void open() {
			IFile here = Documents.fileOf(viewer.getDocument());
			if (target == null || target.equals(here)) {
				viewer.setSelectedRange(offset, length);
				viewer.revealRange(offset, length);
				return;
			}
			try {
				IEditorPart editor = IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), target);
				if (editor instanceof ITextEditor text) {
					text.selectAndReveal(offset, length);
				}
			} catch (PartInitException e) {
				CocoUiPlugin.log("cannot open " + target.getFullPath(), e);
			}
		}
	}
}

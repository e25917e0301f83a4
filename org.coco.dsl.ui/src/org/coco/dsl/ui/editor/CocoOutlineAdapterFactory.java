package org.coco.dsl.ui.editor;

import org.coco.dsl.ui.CocoParser;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/** Gives the Generic Editor an outline page when it shows a .coco file. */
public class CocoOutlineAdapterFactory implements IAdapterFactory {

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adapterType == IContentOutlinePage.class && adaptable instanceof ITextEditor editor) {
			IFile file = editor.getEditorInput() == null ? null : editor.getEditorInput().getAdapter(IFile.class);
			if (file != null && CocoParser.EXTENSION.equals(file.getFileExtension())) {
				return adapterType.cast(new CocoOutlinePage(editor));
			}
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { IContentOutlinePage.class };
	}
}

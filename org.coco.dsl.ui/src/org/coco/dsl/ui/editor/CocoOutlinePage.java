package org.coco.dsl.ui.editor;

import java.util.List;
import java.util.function.Consumer;

import org.coco.dsl.ide.editor.Outline;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.DocumentModels;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** The Outline view of a coco file; follows the reconciler and selects an element's name on click. */
public class CocoOutlinePage extends ContentOutlinePage {

	private final ITextEditor editor;
	private IDocument document;
	private final Consumer<List<Outline.Node>> listener = nodes -> setInput(nodes);

	public CocoOutlinePage(ITextEditor editor) {
		this.editor = editor;
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer tree = getTreeViewer();
		tree.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return input instanceof List<?> l ? l.toArray() : new Object[0];
			}

			@Override
			public Object[] getChildren(Object parent) {
				return parent instanceof Outline.Node n ? n.children().toArray() : new Object[0];
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return element instanceof Outline.Node n && !n.children().isEmpty();
			}
		});
		tree.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				return element instanceof Outline.Node n ? n.label() : String.valueOf(element);
			}
		});
		tree.addSelectionChangedListener(e -> {
			if (e.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof Outline.Node n) {
				editor.selectAndReveal(n.offset(), n.length());
			}
		});
		document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		if (document != null) {
			try {
				setInput(CocoUiPlugin.get(Outline.class).of(DocumentModels.of(document)));
			} catch (RuntimeException e) {
				CocoUiPlugin.log("outline failed", e);
			}
			ReconcileResults.subscribe(document, listener);
		}
	}

	private void setInput(List<Outline.Node> nodes) {
		TreeViewer tree = getTreeViewer();
		if (tree != null && !tree.getControl().isDisposed()) {
			Object[] expanded = tree.getExpandedElements();
			tree.setInput(nodes);
			tree.expandToLevel(expanded.length == 0 ? 2 : 2);
		}
	}

	/** The tree's current top-level nodes (for tests and the view's own use). */
	@SuppressWarnings("unchecked")
	public List<Outline.Node> nodes() {
		Object input = getTreeViewer() == null ? null : getTreeViewer().getInput();
		return input instanceof List<?> l ? (List<Outline.Node>) l : List.of();
	}

	@Override
	public void dispose() {
		if (document != null) {
			ReconcileResults.unsubscribe(document, listener);
		}
		super.dispose();
	}
}

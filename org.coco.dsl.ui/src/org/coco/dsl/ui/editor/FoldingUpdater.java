package org.coco.dsl.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.xtext.util.ITextRegion;

/** Keeps the viewer's folding annotations equal to the foldable regions; unchanged ones keep their state. */
final class FoldingUpdater {

	private final ITextViewer viewer;

	FoldingUpdater(ITextViewer viewer) {
		this.viewer = viewer;
	}

	void update(IDocument document, List<ITextRegion> regions) {
		if (!(viewer instanceof ProjectionViewer pv) || pv.getProjectionAnnotationModel() == null) {
			return;
		}
		ProjectionAnnotationModel model = pv.getProjectionAnnotationModel();
		Map<Position, ITextRegion> wanted = new HashMap<>();
		for (ITextRegion r : regions) {
			Position p = wholeLines(document, r);
			if (p != null) {
				wanted.put(p, r);
			}
		}
		List<Annotation> deleted = new ArrayList<>();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation a = it.next();
			Position p = model.getPosition(a);
			if (a instanceof ProjectionAnnotation && (p == null || wanted.remove(p) == null)) {
				deleted.add(a);
			}
		}
		Map<Annotation, Position> added = new HashMap<>();
		wanted.keySet().forEach(p -> added.put(new ProjectionAnnotation(), p));
		model.modifyAnnotations(deleted.toArray(Annotation[]::new), added, null);
	}

	/** Folding works on whole lines: from the block's first line to the line after its last. */
	private static Position wholeLines(IDocument document, ITextRegion r) {
		try {
			int first = document.getLineOfOffset(r.getOffset());
			int last = document.getLineOfOffset(r.getOffset() + r.getLength());
			if (last <= first) {
				return null;
			}
			int start = document.getLineOffset(first);
			int end = last + 1 < document.getNumberOfLines() ? document.getLineOffset(last + 1) : document.getLength();
			return new Position(start, end - start);
		} catch (BadLocationException e) {
			return null;
		}
	}
}

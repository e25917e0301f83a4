package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

/**
 * Foldable regions: platform, scenario and device blocks spanning more than one line, from the
 * node model (so comments above a block stay visible when it is folded).
 */
public class Folding {

	public List<ITextRegion> regions(XtextResource resource) {
		List<ITextRegion> out = new ArrayList<>();
		if (resource.getContents().isEmpty()) {
			return out;
		}
		for (var it = resource.getContents().get(0).eAllContents(); it.hasNext();) {
			EObject o = it.next();
			if (o instanceof Platform || o instanceof Scenario || o instanceof Device) {
				ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
				if (node != null && node.getStartLine() < node.getEndLine()) {
					// the node's offset skips leading comments, which stay visible
					int start = node.getOffset();
					int end = node.getEndOffset();
					out.add(new TextRegion(start, end - start));
				}
			}
		}
		return out;
	}
}

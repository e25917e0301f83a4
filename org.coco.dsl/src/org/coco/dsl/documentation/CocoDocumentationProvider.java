package org.coco.dsl.documentation;

import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.documentation.impl.MultiLineCommentDocumentationProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * What a hover shows for a coco element: its doc comment, if any, and its declaration as written,
 * so a reference to a device in a scenario shows the device's masks, path and TDISP state.
 */
public class CocoDocumentationProvider extends MultiLineCommentDocumentationProvider {

	private static final int MAX = 400;

	@Override
	public String getDocumentation(EObject o) {
		String comment = super.getDocumentation(o);
		String declaration = declaration(o);
		if (declaration == null) {
			return comment;
		}
		String code = "```coco\n" + declaration + "\n```";
		return comment == null || comment.isBlank() ? code : comment + "\n\n" + code;
	}

	private static String declaration(EObject o) {
		EObject shown = o instanceof Buffer ? o.eContainer() : o;
		ICompositeNode node = NodeModelUtils.findActualNodeFor(shown);
		if (node == null) {
			return null;
		}
		String text = NodeModelUtils.getTokenText(node);
		if (o instanceof Platform || o instanceof Scenario) {
			int brace = text.indexOf('{');
			if (brace > 0) {
				text = text.substring(0, brace).trim();
			}
		}
		return text.length() > MAX ? text.substring(0, MAX) + " …" : text;
	}
}

package org.coco.dsl.ide.highlighting;

import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Pool;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.ide.editor.syntaxcoloring.DefaultSemanticHighlightingCalculator;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Colors names by what they denote, declarations and references alike. Style ids are LSP
 * semantic token types, so the language server and the Eclipse editor share one classification.
 */
public class CocoSemanticHighlightingCalculator extends DefaultSemanticHighlightingCalculator {

	public static final String PLATFORM = "class";
	public static final String DEVICE = "variable";
	public static final String MEMORY = "property";
	public static final String BUFFER = "parameter";
	public static final String SCENARIO = "string";
	public static final String DECLARATION = "declaration";

	@Override
	protected boolean highlightElement(EObject object, IHighlightedPositionAcceptor acceptor, CancelIndicator cancel) {
		String style = styleOf(object);
		if (style != null && !(object instanceof Scenario)) {
			var name = object.eClass().getEStructuralFeature("name");
			if (name != null) {
				for (INode node : NodeModelUtils.findNodesForFeature(object, name)) {
					acceptor.addPosition(node.getOffset(), node.getLength(), style, DECLARATION);
				}
			}
		}
		for (EReference ref : object.eClass().getEAllReferences()) {
			if (ref.isContainment() || ref.isContainer() || ref.isMany()) {
				continue;
			}
			Object target = object.eGet(ref, false);
			if (target instanceof EObject t) {
				String refStyle = styleOf(t.eIsProxy() ? null : t);
				if (refStyle == null) {
					refStyle = styleFor(ref.getEReferenceType().getInstanceClass());
				}
				if (refStyle != null) {
					for (INode node : NodeModelUtils.findNodesForFeature(object, ref)) {
						acceptor.addPosition(node.getOffset(), node.getLength(), refStyle);
					}
				}
			}
		}
		return false;
	}

	private static String styleOf(EObject object) {
		return object == null ? null : styleFor(object.getClass());
	}

	private static String styleFor(Class<?> type) {
		if (type == null) {
			return null;
		}
		if (Platform.class.isAssignableFrom(type)) {
			return PLATFORM;
		}
		if (Device.class.isAssignableFrom(type)) {
			return DEVICE;
		}
		if (Pool.class.isAssignableFrom(type) || Mmio.class.isAssignableFrom(type)) {
			return MEMORY;
		}
		if (Buffer.class.isAssignableFrom(type)) {
			return BUFFER;
		}
		return null;
	}
}

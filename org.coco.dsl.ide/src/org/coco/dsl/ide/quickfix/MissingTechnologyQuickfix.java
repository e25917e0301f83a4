package org.coco.dsl.ide.quickfix;

import java.util.List;

import org.coco.dsl.coco.Platform;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * A platform without `technology` (coco.missing-setting) gets `technology non-cc` as its first
 * setting, the one technology that claims nothing; the user then picks the real one.
 * (Placeholder until the ide's full quick fix provider is merged; it may absorb this fix.)
 */
public class MissingTechnologyQuickfix extends AbstractDeclarativeIdeQuickfixProvider {

	@QuickFix(IssueCodes.MISSING_SETTING)
	public void addTechnology(DiagnosticResolutionAcceptor acceptor) {
		acceptor.accept("Add 'technology non-cc'", (diagnostic, object, document) -> {
			EObject o = object;
			while (o != null && !(o instanceof Platform)) {
				o = o.eContainer();
			}
			ICompositeNode node = o == null ? null : NodeModelUtils.findActualNodeFor(o);
			if (node == null) {
				return List.of();
			}
			int brace = node.getText().indexOf('{');
			if (brace < 0) {
				return List.of();
			}
			int at = node.getTotalOffset() + brace + 1;
			var pos = document.getPosition(at);
			return List.of(new TextEdit(new Range(pos, pos), "\n    technology non-cc"));
		});
	}
}

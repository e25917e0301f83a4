package org.coco.dsl.ide.contentassist;

import java.util.Set;

import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.semantics.TsmTransitions;
import org.coco.dsl.services.CocoGrammarAccess;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import com.google.inject.Inject;

/**
 * coco's proposals: Xtext's, except that after `device` in a scenario only the TSM operations the
 * device accepts in its current state are proposed (lock before accept, §2.2).
 */
public class CocoIdeContentProposalProvider extends IdeContentProposalProvider {

	@Inject
	private CocoGrammarAccess grammar;

	/** The last context's valid operations: keywords of one context are filtered one by one. */
	private ContentAssistContext lastContext;
	private Set<TsmOp> lastValid;

	@Override
	protected boolean filterKeyword(Keyword keyword, ContentAssistContext context) {
		if (!isTsmOperation(GrammarUtil.containingEnumRule(keyword))) {
			return super.filterKeyword(keyword, context);
		}
		Set<TsmOp> valid;
		synchronized (this) {
			if (context != lastContext) {
				lastContext = context;
				lastValid = validOps(context);
			}
			valid = lastValid;
		}
		TsmOp op = TsmOp.get(keyword.getValue());
		return (valid == null || op == null || valid.contains(op)) && super.filterKeyword(keyword, context);
	}

	private static Set<TsmOp> validOps(ContentAssistContext context) {
		if (context.getResource() == null || context.getResource().getParseResult() == null) {
			return null;
		}
		ICompositeNode root = context.getResource().getParseResult().getRootNode();
		int at = context.getOffset() - context.getPrefix().length();
		ILeafNode device = null;
		for (int i = at - 1; i >= 0; i--) {
			ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, i);
			if (leaf == null) {
				return null;
			}
			if (!leaf.isHidden()) {
				device = leaf;
				break;
			}
			i = leaf.getOffset();
		}
		if (device == null) {
			return null;
		}
		EObject element = NodeModelUtils.findActualSemanticObjectFor(device);
		Scenario scenario = EcoreUtil2.getContainerOfType(element, Scenario.class);
		if (scenario == null) {
			return null;
		}
		int before = 0;
		for (Step step : scenario.getSteps()) {
			INode node = NodeModelUtils.findActualNodeFor(step);
			if (node != null && node.getEndOffset() <= device.getOffset()) {
				before++;
			}
		}
		return TsmTransitions.validAfter(scenario, before, device.getText());
	}

	/** TSM operations are split over two enum rules (a TSM name follows only connect/disconnect). */
	private boolean isTsmOperation(org.eclipse.xtext.EnumRule rule) {
		return rule == grammar.getTsmPlainOpRule() || rule == grammar.getTsmLinkOpRule();
	}
}

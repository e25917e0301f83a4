package org.coco.dsl.validation;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.ExpectErrno;
import org.coco.dsl.coco.ExpectOutcome;
import org.coco.dsl.coco.Expectation;
import org.coco.dsl.coco.SimpleOutcome;
import org.coco.dsl.coco.Step;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/**
 * Common ground of coco's topic validators: they are composed into CocoValidator (@ComposedChecks),
 * report on exact text regions (a token, a setting, a step) so that quick fixes can edit that region,
 * and stay silent on models without a node model (XMI), where there is no text to point at.
 */
abstract class CocoCheck extends AbstractDeclarativeValidator {

	@Override
	public void register(EValidatorRegistrar registrar) {
		// composed into CocoValidator, not registered on its own
	}

	/** The node of the index-th value of a feature (a list feature has one node per value). */
	INode node(EObject o, EStructuralFeature f, int index) {
		List<INode> nodes = nodesFor(o, f);
		return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
	}

	INode node(EObject o, EStructuralFeature f) {
		return node(o, f, 0);
	}

	/**
	 * findNodesForFeature searches the object's node tree on every call; checks ask the same shared objects
	 * (a pool every device names, the platform) again and again, so the answers are kept for one validation
	 * run (the context map lives as long as one Diagnostician.validate of a root, while the text is fixed).
	 */
	@SuppressWarnings("unchecked")
	private List<INode> nodesFor(EObject o, EStructuralFeature f) {
		Map<Object, Object> context = getContext();
		if (context == null) {
			return NodeModelUtils.findNodesForFeature(o, f);
		}
		// get/put, not computeIfAbsent: checks call node() inside their own context.computeIfAbsent
		Map<EObject, Map<EStructuralFeature, List<INode>>> cache = (Map<EObject, Map<EStructuralFeature, List<INode>>>) context
				.get(NODE_CACHE);
		if (cache == null) {
			cache = new IdentityHashMap<>();
			context.put(NODE_CACHE, cache);
		}
		Map<EStructuralFeature, List<INode>> byFeature = cache.computeIfAbsent(o, k -> new IdentityHashMap<>(4));
		List<INode> nodes = byFeature.get(f);
		if (nodes == null) {
			nodes = NodeModelUtils.findNodesForFeature(o, f);
			byFeature.put(f, nodes);
		}
		return nodes;
	}

	private static final String NODE_CACHE = "coco.nodesForFeature";

	/** The visible token before a node: the keyword of a `keyword value` setting. */
	static ILeafNode keywordBefore(INode value) {
		for (INode n = value.getPreviousSibling(); n != null; n = n.getPreviousSibling()) {
			if (n instanceof ILeafNode leaf && !leaf.isHidden()) {
				return leaf;
			}
			if (!(n instanceof ILeafNode)) {
				ILeafNode last = null;
				for (ILeafNode l : n.getLeafNodes()) {
					if (!l.isHidden()) {
						last = l;
					}
				}
				if (last != null) {
					return last;
				}
			}
		}
		return null;
	}

	void warnAt(String message, EObject o, INode node, String code, String... data) {
		if (node != null) {
			getMessageAcceptor().acceptWarning(message, o, node.getOffset(), node.getLength(), code, data);
		}
	}

	void errorAt(String message, EObject o, INode node, String code, String... data) {
		if (node != null) {
			getMessageAcceptor().acceptError(message, o, node.getOffset(), node.getLength(), code, data);
		}
	}

	void warnAt(String message, EObject o, int offset, int length, String code, String... data) {
		getMessageAcceptor().acceptWarning(message, o, offset, length, code, data);
	}

	void errorAt(String message, EObject o, int offset, int length, String code, String... data) {
		getMessageAcceptor().acceptError(message, o, offset, length, code, data);
	}

	/** `keyword value` of a single-valued setting, as one region; null if not written. */
	void reportSetting(boolean error, String message, EObject o, EStructuralFeature f, String code, String... data) {
		INode value = node(o, f);
		if (value == null) {
			return;
		}
		ILeafNode kw = keywordBefore(value);
		int start = kw != null ? kw.getOffset() : value.getOffset();
		int end = value.getEndOffset();
		if (error) {
			errorAt(message, o, start, end - start, code, data);
		} else {
			warnAt(message, o, start, end - start, code, data);
		}
	}

	/** The whole text of an object, for reporting on a step or a member. */
	static INode whole(EObject o) {
		return NodeModelUtils.getNode(o);
	}

	@SuppressWarnings("unchecked")
	static List<Expectation> expectations(Step step) {
		EStructuralFeature f = step.eClass().getEStructuralFeature("expectations");
		return f == null ? List.of() : (List<Expectation>) step.eGet(f);
	}

	/**
	 * The author expects this step to fail (`expect error`, `expect null`, `expect errno`): a check that
	 * predicts the failure stays silent, since the scenario is about it.
	 */
	static boolean expectsFailure(Step step) {
		for (Expectation e : expectations(step)) {
			if (e instanceof ExpectErrno) {
				return true;
			}
			if (e instanceof ExpectOutcome o && (o.getOutcome() == SimpleOutcome.ERROR || o.getOutcome() == SimpleOutcome.NULL)) {
				return true;
			}
		}
		return false;
	}
}

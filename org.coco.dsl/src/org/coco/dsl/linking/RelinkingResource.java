package org.coco.dsl.linking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.impl.ListBasedDiagnosticConsumer;
import org.eclipse.xtext.util.Triple;

/**
 * A lazy-linking resource that does not word an error message for every reference it resolves (bound
 * for every coco tool: the batch commands, the language server and the editor alike).
 *
 * Once a resource has any error (a syntax error while the user types, one unknown name), Xtext's
 * LazyLinkingResource builds the "couldn't resolve" message of every reference that does resolve,
 * only to remove a diagnostic equal to it, which exists only if that very reference failed before.
 * coco's message names the platform and where to declare the member, so building it costs a walk
 * over the platform's text: every edit of a large file became quadratic in its size. A linking
 * diagnostic is equal to another only on the same node (XtextLinkingDiagnostic.equals), so when no
 * linking diagnostic covers the reference's text there is nothing to remove and no message to build.
 *
 * The builder also unloads the previous version of a file on every change: EMF turns each of its
 * objects into a proxy (a URI per object) so that references from other files resolve again. Only
 * objects that some cross-reference can point at need that; steps, sizes and masks do not.
 */
public class RelinkingResource extends LazyLinkingResource {

	/** Per class: can a non-containment reference of its package hold an instance of it? */
	private static final Map<EClass, Boolean> REFERENCEABLE = new ConcurrentHashMap<>();

	@Override
	protected void unloaded(InternalEObject o) {
		if (referenceable(o.eClass())) {
			super.unloaded(o);
		} else {
			o.eAdapters().clear();
		}
	}

	static boolean referenceable(EClass c) {
		return REFERENCEABLE.computeIfAbsent(c, RelinkingResource::targetOfSomeReference);
	}

	private static boolean targetOfSomeReference(EClass c) {
		if (c.getEPackage() != CocoPackage.eINSTANCE) {
			return true; // references of other packages are not known here
		}
		for (EClassifier classifier : c.getEPackage().getEClassifiers()) {
			if (classifier instanceof EClass owner) {
				for (EReference r : owner.getEReferences()) {
					if (!r.isContainment() && !r.isContainer() && r.getEReferenceType().isSuperTypeOf(c)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** The scenario the running update() edits (null: none, or link the whole model). */
	private EditedScenario editing;

	/** Lazy-proxy entries after the last whole-model linking: partial linkings only add to the list. */
	private int proxiesAfterFullLinking;

	/** Whole-model linkings so far, and the scenarios linked alone since the last one, in order. */
	private int wholeLinkings;
	private final List<Scenario> linkedAlone = new ArrayList<>();

	/**
	 * The number of whole-model linkings so far: while it stays the same, the model changed only inside
	 * {@link #scenariosLinkedAlone()} (the language server's index reuses what the others contributed).
	 */
	public int wholeLinkings() {
		return wholeLinkings;
	}

	/** The scenarios linked alone since the last whole-model linking, in order (one per edit). */
	public List<Scenario> scenariosLinkedAlone() {
		return Collections.unmodifiableList(linkedAlone);
	}

	/**
	 * An edit strictly inside one scenario (the language server's partial parse of a keystroke) links that
	 * scenario alone, keeping every other reference of the file linked, where Xtext links the whole model
	 * again (clears and re-installs every proxy, then resolves every reference: a third of an edit's time
	 * in a 10k-line file). Nothing outside a scenario can refer into it (buffers are scoped to their
	 * scenario and scenario contents are not exported), and the scenario's own references are linked
	 * anew, so the result is that of linking the whole model; anything unexpected links the whole model.
	 */
	@Override
	public void update(int offset, int replacedTextLength, String newText) {
		editing = EditedScenario.before(this, offset, replacedTextLength, newText.length());
		try {
			super.update(offset, replacedTextLength, newText);
		} finally {
			editing = null;
		}
	}

	@Override
	protected void doLinking() {
		Scenario edited = editing == null ? null : editing.after(this);
		// partial linkings leave the replaced references' entries in the proxy list: bounded here
		if (edited == null || !(getLinker() instanceof CocoLinker linker)
				|| getLazyProxyInformation().size() > 2 * proxiesAfterFullLinking + 10_000) {
			super.doLinking();
			proxiesAfterFullLinking = getLazyProxyInformation().size();
			wholeLinkings++;
			linkedAlone.clear();
			return;
		}
		// references elsewhere that failed before are retried (and their errors added again) on resolution
		getUnresolvableURIFragments().clear();
		ListBasedDiagnosticConsumer consumer = new ListBasedDiagnosticConsumer();
		linker.linkPart(edited, consumer);
		linkedAlone.add(edited);
		if (!isValidationDisabled()) {
			getErrors().addAll(consumer.getResult(Severity.ERROR));
			getWarnings().addAll(consumer.getResult(Severity.WARNING));
		}
	}

	/** The model's top-level elements before an edit inside the index-th, a scenario. */
	private record EditedScenario(EObject root, List<TopLevel> elements, int index, int offset, int newLength) {

		static EditedScenario before(RelinkingResource r, int offset, int replacedLength, int newLength) {
			IParseResult parse = r.getParseResult();
			if (parse == null || !(parse.getRootASTElement() instanceof Model model)) {
				return null;
			}
			List<TopLevel> elements = model.getElements();
			for (int i = 0; i < elements.size(); i++) {
				if (elements.get(i) instanceof Scenario s && strictlyInside(NodeModelUtils.getNode(s), offset, replacedLength)) {
					return new EditedScenario(model, List.copyOf(elements), i, offset, newLength);
				}
			}
			return null;
		}

		/**
		 * The edited scenario after the partial parse, or null unless the parse replaced nothing outside it:
		 * the same model, every other top-level element the same object, and a scenario at the same place
		 * that holds the new text.
		 */
		Scenario after(RelinkingResource r) {
			IParseResult parse = r.getParseResult();
			if (parse == null || parse.getRootASTElement() != root || !(root instanceof Model model)
					|| model.getElements().size() != elements.size()) {
				return null;
			}
			for (int i = 0; i < elements.size(); i++) {
				if (i != index && model.getElements().get(i) != elements.get(i)) {
					return null;
				}
			}
			return model.getElements().get(index) instanceof Scenario s
					&& strictlyInside(NodeModelUtils.getNode(s), offset, newLength) ? s : null;
		}

		/** Neither its first token (`scenario`) nor its last (`}`) touched. */
		private static boolean strictlyInside(INode node, int offset, int length) {
			return node != null && node.getOffset() < offset && offset + length < node.getEndOffset();
		}
	}

	@Override
	protected void removeDiagnostic(Triple<EObject, EReference, INode> triple) {
		INode node = triple.getThird();
		if (node != null && !coversLinkingDiagnostic(getErrors(), node) && !coversLinkingDiagnostic(getWarnings(), node)) {
			return;
		}
		super.removeDiagnostic(triple);
	}

	private static boolean coversLinkingDiagnostic(List<Diagnostic> diagnostics, INode node) {
		for (Diagnostic d : diagnostics) {
			if (d instanceof XtextLinkingDiagnostic x && x.getOffset() == node.getOffset()
					&& x.getLength() == node.getLength()) {
				return true;
			}
		}
		return false;
	}
}

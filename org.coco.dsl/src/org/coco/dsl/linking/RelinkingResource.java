package org.coco.dsl.linking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource.Diagnostic;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.impl.ListBasedDiagnosticConsumer;
import org.eclipse.xtext.util.SimpleAttributeResolver;
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

	/** The part the running update() edits (null: none, or link the whole model). */
	private EditedPart editing;

	/** Whether the next update() may link the edited part alone (see linkPartsAlone). */
	private boolean partsAlone = true;

	/** Lazy-proxy entries after the last whole-model linking: partial linkings only add to the list. */
	private int proxiesAfterFullLinking;

	/**
	 * The link text of each lazy-proxy entry, computed once when first needed (a platform member edited alone
	 * looks up the references that name it); cleared with the entries at a whole-model linking.
	 */
	private final List<String> linkTexts = new ArrayList<>();

	/** Whole-model linkings so far, and the parts linked alone since the last one, in order. */
	private int wholeLinkings;
	private final List<EObject> linkedAlone = new ArrayList<>();

	/**
	 * The number of whole-model linkings so far: while it stays the same, the model changed only inside
	 * {@link #partsLinkedAlone()} (the language server's index reuses what the others contributed).
	 */
	public int wholeLinkings() {
		return wholeLinkings;
	}

	/**
	 * The parts whose references were linked alone since the last whole-model linking, in order: an edited
	 * scenario, an edited platform member, and the scenarios and members that hold a reference an edited
	 * member's name can change (see update). Each is a top-level element or a member of a platform.
	 */
	public List<EObject> partsLinkedAlone() {
		return Collections.unmodifiableList(linkedAlone);
	}

	/**
	 * Whether update() may link an edited part alone (the default). The language server turns it off for a
	 * build in which other files change too: references into them must be linked again by name, which only
	 * a whole-model linking does.
	 */
	public void linkPartsAlone(boolean allowed) {
		partsAlone = allowed;
	}

	/**
	 * An edit strictly inside one scenario, or strictly inside one member of a platform (the language
	 * server's partial parse of a keystroke), links that part alone, keeping every other reference of the
	 * file linked, where Xtext links the whole model again (clears and re-installs every proxy, then resolves
	 * every reference: a third of an edit's time in a 10k-line file).
	 *
	 * A scenario: nothing outside it can refer into it (buffers are scoped to their scenario and scenario
	 * contents are not exported), and its own references are linked anew.
	 *
	 * A platform member: its own references are linked anew, and so is every reference of the file whose
	 * text names the member before or after the edit (its simple name, or a qualified name ending in it).
	 * Every scope of a reference elsewhere maps names to the first object of that name (a platform's members,
	 * the file's qualified names, a scenario's buffers before MMIO regions), and the edit changed no object
	 * but the member and its contents, at the same place: only the answer for those names can change. (A
	 * reference into the old member, now unloaded, names it too.)
	 *
	 * So the result is that of linking the whole model; anything unexpected links the whole model. (One
	 * difference: the names the file looked up in other files' exports, Xtext's ImportedNamesAdapter, keep
	 * those of earlier versions until the next whole-model linking, a superset: the builder then counts the
	 * file among those another file's change may affect a little more often, never less.)
	 */
	@Override
	public void update(int offset, int replacedTextLength, String newText) {
		editing = partsAlone ? EditedPart.before(this, offset, replacedTextLength, newText.length()) : null;
		try {
			super.update(offset, replacedTextLength, newText);
		} finally {
			editing = null;
		}
	}

	@Override
	protected void doLinking() {
		EditedPart.After edited = editing == null ? null : editing.after(this);
		// partial linkings leave the replaced references' entries in the proxy list: bounded here
		if (edited == null || !(getLinker() instanceof CocoLinker linker)
				|| getLazyProxyInformation().size() > 2 * proxiesAfterFullLinking + 10_000) {
			linkWholeModel();
			return;
		}
		// references elsewhere that failed before are retried (and their errors added again) on resolution
		getUnresolvableURIFragments().clear();
		ListBasedDiagnosticConsumer consumer = new ListBasedDiagnosticConsumer();
		int before = getLazyProxyInformation().size();
		linker.linkPart(edited.part(), consumer);
		linkedAlone.add(edited.part());
		if (edited.names() != null && !relinkNaming(edited.part(), edited.names(), before, linker)) {
			linkWholeModel();
			return;
		}
		if (!isValidationDisabled()) {
			getErrors().addAll(consumer.getResult(Severity.ERROR));
			getWarnings().addAll(consumer.getResult(Severity.WARNING));
		}
	}

	private void linkWholeModel() {
		super.doLinking();
		proxiesAfterFullLinking = getLazyProxyInformation().size();
		linkTexts.clear();
		wholeLinkings++;
		linkedAlone.clear();
	}

	/**
	 * Links again every reference outside the edited member whose text is one of the names, or a qualified
	 * name ending in one: the lazy-proxy entries hold every reference of the file (those of the last
	 * whole-model linking and of each partial one since, up to `before`), some of them stale (their object
	 * left the model, or the reference was linked again since: each is linked once here). False if one
	 * of them is a list (none in coco's grammar): the whole model must be linked then.
	 */
	private boolean relinkNaming(EObject member, Set<String> names, int before, CocoLinker linker) {
		List<Triple<EObject, EReference, INode>> entries = getLazyProxyInformation();
		Map<EObject, Set<EReference>> done = new IdentityHashMap<>();
		for (int i = 0; i < before; i++) {
			Triple<EObject, EReference, INode> entry = entries.get(i);
			if (entry == null || !names(linkText(i, entry), names)) {
				continue;
			}
			EObject source = entry.getFirst();
			if (source.eResource() != this || EcoreUtil.isAncestor(member, source)
					|| !done.computeIfAbsent(source, k -> new HashSet<>()).add(entry.getSecond())) {
				continue;
			}
			if (entry.getSecond().isMany()) {
				return false;
			}
			linker.relink(source, entry.getSecond(), entry.getThird());
			EObject part = part(source);
			if (!linkedAlone.contains(part)) {
				linkedAlone.add(part);
			}
		}
		return true;
	}

	private String linkText(int index, Triple<EObject, EReference, INode> entry) {
		while (linkTexts.size() <= index) {
			linkTexts.add(null);
		}
		String text = linkTexts.get(index);
		if (text == null) {
			text = getLinkingHelper().getCrossRefNodeAsString(entry.getThird(), true);
			linkTexts.set(index, text == null ? "" : text);
		}
		return text == null ? "" : text;
	}

	/** The text is one of the names, or a qualified name whose last segment is one. */
	private static boolean names(String text, Set<String> names) {
		if (names.contains(text)) {
			return true;
		}
		int dot = text.lastIndexOf('.');
		return dot >= 0 && names.contains(text.substring(dot + 1));
	}

	/**
	 * The model's parts in order, as {@link #part} assigns objects to them (and as parts are linked alone): each
	 * top-level element, but a platform first alone (the consumer's second argument true), then each of its
	 * members. What is computed per part (the language server's index, its table of qualified names) walks them so.
	 */
	public static void forEachPart(EObject root, java.util.function.BiConsumer<EObject, Boolean> consumer) {
		for (EObject element : root.eContents()) {
			if (element instanceof Platform) {
				consumer.accept(element, true);
				for (EObject member : element.eContents()) {
					consumer.accept(member, false);
				}
			} else {
				consumer.accept(element, false);
			}
		}
	}

	/** The scenario or other top-level element, or the platform member, that holds the object. */
	static EObject part(EObject o) {
		EObject part = o;
		while (part.eContainer() != null && !(part.eContainer() instanceof Model) && !(part.eContainer() instanceof Platform)) {
			part = part.eContainer();
		}
		return part;
	}

	/** The names of an object and of everything it contains (the `name` attribute of each that has one). */
	static Set<String> namesIn(EObject o, Set<String> into) {
		addName(o, into);
		for (var it = o.eAllContents(); it.hasNext();) {
			addName(it.next(), into);
		}
		return into;
	}

	private static void addName(EObject o, Set<String> into) {
		// the resolver Xtext's qualified names are made from
		String name = SimpleAttributeResolver.NAME_RESOLVER.apply(o);
		if (name != null) {
			into.add(name);
		}
	}

	/**
	 * The model before an edit inside the index-th top-level element: a scenario, or a platform whose
	 * member-th member the edit lies in (member -1 for a scenario), with that member's names.
	 */
	private record EditedPart(EObject root, List<TopLevel> elements, int index, List<PlatformMember> members, int member,
			Set<String> names, int offset, int newLength) {

		/** The part to link alone, and for a member, the names whose references elsewhere to link again. */
		record After(EObject part, Set<String> names) {
		}

		static EditedPart before(RelinkingResource r, int offset, int replacedLength, int newLength) {
			IParseResult parse = r.getParseResult();
			if (parse == null || !(parse.getRootASTElement() instanceof Model model)) {
				return null;
			}
			List<TopLevel> elements = model.getElements();
			for (int i = 0; i < elements.size(); i++) {
				TopLevel t = elements.get(i);
				if (!strictlyInside(NodeModelUtils.getNode(t), offset, replacedLength)) {
					continue;
				}
				if (t instanceof Scenario) {
					return new EditedPart(model, List.copyOf(elements), i, null, -1, null, offset, newLength);
				}
				if (t instanceof Platform p) {
					List<PlatformMember> members = p.getMembers();
					for (int m = 0; m < members.size(); m++) {
						if (strictlyInside(NodeModelUtils.getNode(members.get(m)), offset, replacedLength)) {
							return new EditedPart(model, List.copyOf(elements), i, List.copyOf(members), m,
									namesIn(members.get(m), new HashSet<>()), offset, newLength);
						}
					}
				}
				return null;
			}
			return null;
		}

		/**
		 * The edited part after the partial parse, or null unless the parse replaced nothing outside it: the
		 * same model, every other top-level element (and for a member, every other member of its platform)
		 * the same object, and a part at the same place that holds the new text.
		 */
		After after(RelinkingResource r) {
			IParseResult parse = r.getParseResult();
			if (parse == null || parse.getRootASTElement() != root || !(root instanceof Model model)
					|| !same(model.getElements(), elements, index)) {
				return null;
			}
			if (member < 0) {
				return model.getElements().get(index) instanceof Scenario s && strictlyInside(NodeModelUtils.getNode(s), offset, newLength)
						? new After(s, null) : null;
			}
			if (model.getElements().get(index) != elements.get(index) || !(elements.get(index) instanceof Platform p)
					|| !same(p.getMembers(), members, member)) {
				return null;
			}
			PlatformMember edited = p.getMembers().get(member);
			if (!strictlyInside(NodeModelUtils.getNode(edited), offset, newLength)) {
				return null;
			}
			return new After(edited, namesIn(edited, new HashSet<>(names)));
		}

		/** The same objects in the same order, but maybe the one at except. */
		private static boolean same(List<?> now, List<?> before, int except) {
			if (now.size() != before.size()) {
				return false;
			}
			for (int i = 0; i < now.size(); i++) {
				if (i != except && now.get(i) != before.get(i)) {
					return false;
				}
			}
			return true;
		}

		/** Neither its first token nor its last touched. */
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

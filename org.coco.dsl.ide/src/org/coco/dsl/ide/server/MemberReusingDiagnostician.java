package org.coco.dsl.ide.server;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.validation.MemberCheckInputs;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.AbstractValidationDiagnostic;
import org.eclipse.xtext.validation.CancelableDiagnostician;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.FeatureBasedDiagnostic;
import org.eclipse.xtext.validation.RangeBasedDiagnostic;

import com.google.inject.Inject;

/**
 * Validation that keeps the issues of the platform members an edit did not change (bound in CocoIdeModule).
 *
 * Each validation of a file runs every check as before, but for a platform member whose checks have the same
 * input as at the file's last validation it gives that validation's issues of the member again, at the same
 * place in the list, moved by the edits before it. A member's input is the same when no whole-model linking
 * came between and the member was not linked alone since (RelinkingResource: not edited, and no reference of it
 * names an edited member; LinkingState is the rule), and what its checks read of the rest of the platform is the
 * same (MemberCheckInputs: the rule, next to the checks). The platform's own checks, the scenarios and every
 * other element are validated anew on every edit.
 *
 * A member's issues are kept only when each is a check's issue on the member or inside it, with its region
 * inside the member's text, and carries no data (a quick fix's data may hold offsets elsewhere in the file,
 * which the edits can move); otherwise the member is validated anew each time. The diagnostics are those of a
 * validation from scratch (PlatformMemberEditTest, MemberIssuesTest).
 */
public class MemberReusingDiagnostician extends CancelableDiagnostician {

	@Inject
	public MemberReusingDiagnostician(EValidator.Registry registry) {
		super(registry);
	}

	private static final String RUN = "coco.memberIssues";

	/**
	 * Each object's contents are validated from within its own validation (EMF's default walks the tree in a loop
	 * instead, in the same order): a member whose issues are kept is then skipped with its contents.
	 */
	@Override
	protected boolean isValidateContentsRecursively() {
		return true;
	}


	@Override
	public boolean validate(EClass eClass, EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
		if (context == null || diagnostics == null) {
			return super.validate(eClass, eObject, diagnostics, context);
		}
		if (eObject.eContainer() == null && eObject.eResource() instanceof RelinkingResource r && !context.containsKey(RUN)) {
			Run run = new Run(r, context.get(CheckMode.KEY));
			context.put(RUN, run);
			try {
				boolean result = super.validate(eClass, eObject, diagnostics, context);
				run.finish();
				return result;
			} finally {
				context.remove(RUN);
			}
		}
		Run run = (Run) context.get(RUN);
		if (run == null) {
			return super.validate(eClass, eObject, diagnostics, context);
		}
		if (eObject instanceof Platform p) {
			run.enter(p, context);
			return super.validate(eClass, eObject, diagnostics, context);
		}
		if (!(eObject instanceof PlatformMember m) || !(m.eContainer() instanceof Platform p)) {
			return super.validate(eClass, eObject, diagnostics, context);
		}
		INode node = NodeModelUtils.getNode(m);
		if (node == null) {
			return super.validate(eClass, eObject, diagnostics, context);
		}
		Kept kept = run.keptFor(p, m, node);
		if (kept != null) {
			checkCanceled(context);
			List<Diagnostic> moved = kept.movedTo(node.getTotalOffset());
			moved.forEach(diagnostics::add);
			run.keep(m, new Kept(node.getTotalOffset(), node.getTotalLength(), moved));
			return moved.stream().noneMatch(d -> d.getSeverity() == Diagnostic.ERROR);
		}
		BasicDiagnostic own = new BasicDiagnostic();
		boolean result = super.validate(eClass, eObject, own, context);
		own.getChildren().forEach(diagnostics::add);
		if (own.getChildren().stream().allMatch(d -> keepable(d, m, node))) {
			run.keep(m, new Kept(node.getTotalOffset(), node.getTotalLength(), List.copyOf(own.getChildren())));
		}
		return result;
	}

	/** A check's issue on the member or inside it, within its text, without data. */
	private static boolean keepable(Diagnostic d, EObject member, INode node) {
		if (!(d instanceof AbstractValidationDiagnostic a) || (a.getIssueData() != null && a.getIssueData().length > 0)
				|| a.getSourceEObject() == null || !EcoreUtil.isAncestor(member, a.getSourceEObject())) {
			return false;
		}
		if (d instanceof RangeBasedDiagnostic r) {
			return r.getOffset() >= node.getTotalOffset() && r.getOffset() + r.getLength() <= node.getTotalEndOffset();
		}
		return d instanceof FeatureBasedDiagnostic; // placed from its object's node when it becomes an issue
	}

	/**
	 * A member's issues at its last validation, and where its text began then (its node's total offset and length,
	 * hidden tokens included: read from the first and last leaf, where the visible ones search the leaves).
	 */
	private record Kept(int offset, int length, List<Diagnostic> diagnostics) {

		List<Diagnostic> movedTo(int now) {
			if (now == offset) {
				return diagnostics;
			}
			List<Diagnostic> moved = new ArrayList<>(diagnostics.size());
			for (Diagnostic d : diagnostics) {
				moved.add(d instanceof RangeBasedDiagnostic r ? new Moved(r, now - offset) : d);
			}
			return moved;
		}
	}

	/** A range-based issue moved with its member's text. */
	private static final class Moved extends RangeBasedDiagnostic {
		Moved(RangeBasedDiagnostic d, int delta) {
			super(d.getSeverity(), d.getMessage(), d.getSourceEObject(), d.getOffset() + delta, d.getLength(), d.getCheckType(),
					d.getIssueCode(), d.getIssueData());
		}
	}

	/** The issues of the members of a file at its last validation (an adapter on its resource). */
	private static final class MemberIssues extends AdapterImpl {
		final LinkingState state;
		final Object mode;
		final Map<EObject, Kept> members;
		final Map<Platform, MemberCheckInputs> inputs;

		MemberIssues(LinkingState state, Object mode, Map<EObject, Kept> members, Map<Platform, MemberCheckInputs> inputs) {
			this.state = state;
			this.mode = mode;
			this.members = members;
			this.inputs = inputs;
		}

		static MemberIssues of(Resource r) {
			for (var a : r.eAdapters()) {
				if (a instanceof MemberIssues m) {
					return m;
				}
			}
			return null;
		}
	}

	/** One validation of a file: what it may keep, and what it keeps for the next one. */
	private static final class Run {
		final RelinkingResource resource;
		final Object mode;
		final MemberIssues last;
		/** The parts linked alone since the last validation, or null: keep nothing. */
		final Set<EObject> changed;
		final Map<EObject, Kept> members = new IdentityHashMap<>();
		final Map<Platform, MemberCheckInputs> inputs = new IdentityHashMap<>();
		final Map<Platform, Boolean> sameInputs = new IdentityHashMap<>();

		Run(RelinkingResource resource, Object mode) {
			this.resource = resource;
			this.mode = mode;
			MemberIssues before = MemberIssues.of(resource);
			this.last = before != null && Objects.equals(before.mode, mode) ? before : null;
			this.changed = last == null ? null : last.state.partsLinkedSince(resource, LinkingState.of(resource));
		}

		void enter(Platform p, Map<Object, Object> context) {
			MemberCheckInputs now = MemberCheckInputs.of(p, context);
			inputs.put(p, now);
			sameInputs.put(p, changed != null && now.sameAs(last.inputs.get(p)));
		}

		Kept keptFor(Platform p, PlatformMember m, INode node) {
			if (!Boolean.TRUE.equals(sameInputs.get(p)) || changed.contains(m)) {
				return null;
			}
			Kept k = last.members.get(m);
			return k != null && k.length() == node.getTotalLength() ? k : null;
		}

		void keep(EObject member, Kept kept) {
			members.put(member, kept);
		}

		/** The validation ran to the end: what it found is kept for the next one. */
		void finish() {
			resource.eAdapters().removeIf(a -> a instanceof MemberIssues);
			resource.eAdapters().add(new MemberIssues(LinkingState.of(resource), mode, members, inputs));
		}
	}
}

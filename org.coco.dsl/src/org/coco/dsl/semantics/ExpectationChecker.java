package org.coco.dsl.semantics;

import java.util.List;

import org.coco.dsl.coco.ExpectBounce;
import org.coco.dsl.coco.ExpectDirect;
import org.coco.dsl.coco.ExpectErrno;
import org.coco.dsl.coco.ExpectNoWarn;
import org.coco.dsl.coco.ExpectOutcome;
import org.coco.dsl.coco.ExpectState;
import org.coco.dsl.coco.ExpectT1;
import org.coco.dsl.coco.ExpectWarn;
import org.coco.dsl.coco.Expectation;
import org.coco.dsl.coco.Pool;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.coco.CoherentPool;
import org.coco.dsl.coco.AtomicPool;
import org.eclipse.emf.ecore.EObject;

/**
 * Compares one `expect ...` with a step's outcome. `direct` also matches an allocation's DMA handle;
 * `ok` matches every successful outcome; `error` matches DMA_MAPPING_ERROR and -errno; `leak` matches
 * a LEAK outcome or any leaked pages; `warn "text"` matches a kernel message containing the text;
 * `state` is the state of the memory the step is about (buffer, or what the device reaches).
 */
final class ExpectationChecker {
	private ExpectationChecker() {
	}

	/** For sg: the first entry speaks for the step. */
	private static Outcome primary(Outcome o) {
		return o instanceof Outcome.Sg sg && !sg.entries().isEmpty() ? sg.first() : o;
	}

	static ExpectationResult check(Expectation e, Outcome outcome, StepLog log, PageState state, Boolean t1) {
		Outcome o = primary(outcome);
		String actual = outcome.describe();
		boolean pass;
		String expected;
		if (e instanceof ExpectDirect d) {
			Encoding want = d.isEncrypted() ? Encoding.ENCRYPTED : d.isUnencrypted() ? Encoding.UNENCRYPTED : null;
			boolean addrSet = d.eIsSet(org.coco.dsl.coco.CocoPackage.Literals.EXPECT_DIRECT__ADDRESS);
			expected = "direct" + (want != null ? " " + want.label() : "") + (addrSet ? " addr " + Hex.of(d.getAddress()) : "");
			Long addr = null;
			Encoding got = null;
			if (o instanceof Outcome.Direct dd) {
				addr = dd.address();
				got = dd.encoding();
			} else if (o instanceof Outcome.Allocated a && a.handle() != null
					&& (a.encoding() == Encoding.ENCRYPTED || a.encoding() == Encoding.UNENCRYPTED || a.encoding() == Encoding.RAW)) {
				addr = a.handle();
				got = a.encoding();
			}
			pass = addr != null && (want == null || want == got) && (!addrSet || addr == d.getAddress());
		} else if (e instanceof ExpectBounce b) {
			boolean addrSet = b.eIsSet(org.coco.dsl.coco.CocoPackage.Literals.EXPECT_BOUNCE__ADDRESS);
			String pool = b.getPool() == null ? null : poolName(b.getPool());
			expected = "bounce" + (pool != null ? " via " + pool : "") + (addrSet ? " addr " + Hex.of(b.getAddress()) : "");
			pass = o instanceof Outcome.Bounce bb && (pool == null || pool.equals(bb.pool()))
					&& (!addrSet || bb.address() == b.getAddress());
		} else if (e instanceof ExpectOutcome eo) {
			expected = eo.getOutcome().getLiteral();
			pass = switch (eo.getOutcome()) {
			case OK -> outcome.success();
			case ERROR -> o instanceof Outcome.Error || outcome instanceof Outcome.Failed;
			case NULL -> o instanceof Outcome.Null;
			case LEAK -> o instanceof Outcome.Leak || log.leaked > 0;
			};
			if (log.leaked > 0 && !(o instanceof Outcome.Leak)) {
				actual += ", leaked " + log.leaked + " page(s)";
			}
		} else if (e instanceof ExpectWarn w) {
			expected = "warn \"" + w.getText() + "\"";
			pass = log.warnings.stream().anyMatch(x -> x.contains(w.getText()));
			actual = log.warnings.isEmpty() ? "no warning" : "warnings " + log.warnings;
		} else if (e instanceof ExpectNoWarn) {
			expected = "no warning";
			pass = log.warnings.isEmpty();
			actual = log.warnings.isEmpty() ? "no warning" : "warnings " + log.warnings;
		} else if (e instanceof ExpectErrno er) {
			expected = "errno -" + er.getErrno().getLiteral();
			pass = outcome instanceof Outcome.Failed f && f.errno().name().equals(er.getErrno().getName());
		} else if (e instanceof ExpectState s) {
			expected = "state " + s.getState().getLiteral();
			pass = state != null && state.name().equals(s.getState().getName());
			actual = state == null ? "no memory" : "state " + state.label();
		} else if (e instanceof ExpectT1 t) {
			expected = t.isT1() ? "t1" : "t0";
			pass = t1 != null && t1 == t.isT1();
			actual = t1 == null ? "no device" : t1 ? "t1" : "t0";
		} else {
			expected = e.eClass().getName();
			pass = false;
		}
		return new ExpectationResult(e, pass, expected, actual, log.last());
	}

	/** The step's `expect violates N` expectations against the findings the invariants reported for it. */
	/** Per step class, the containment features that can hold an `expect violates` (in eContents order). */
	private static final EClassCache<org.eclipse.emf.ecore.EReference[]> VIOLATION_FEATURES = new EClassCache<>(
			c -> c.getEAllContainments().stream()
					.filter(r -> r.getEReferenceType().isSuperTypeOf(org.coco.dsl.coco.CocoPackage.Literals.EXPECT_VIOLATION))
					.toArray(org.eclipse.emf.ecore.EReference[]::new));

	/**
	 * The step's contents that can be an `expect violates`: eContents() restricted to the features whose
	 * type admits one, without eContents' list and iterator per step.
	 */
	private static List<EObject> violationHolders(EObject step) {
		org.eclipse.emf.ecore.EReference[] features = VIOLATION_FEATURES.get(step.eClass());
		if (features.length == 1 && features[0].isMany()) {
			@SuppressWarnings("unchecked")
			List<EObject> only = (List<EObject>) step.eGet(features[0]);
			return only;
		}
		List<EObject> out = new java.util.ArrayList<>();
		for (org.eclipse.emf.ecore.EReference f : features) {
			Object v = step.eGet(f);
			if (f.isMany()) {
				@SuppressWarnings("unchecked")
				List<EObject> l = (List<EObject>) v;
				out.addAll(l);
			} else if (v != null) {
				out.add((EObject) v);
			}
		}
		return out;
	}

	static List<ExpectationResult> violations(org.coco.dsl.coco.Step step, List<Finding> found, boolean checked) {
		List<ExpectationResult> out = null; // most steps expect no violation
		List<EObject> holders = violationHolders(step);
		for (int i = 0; i < holders.size(); i++) { // indexed: no iterator per step
			if (holders.get(i) instanceof org.coco.dsl.coco.ExpectViolation v) {
				if (out == null) {
					out = new java.util.ArrayList<>();
				}
				String expected = "violates §6." + v.getInvariant();
				var hit = found.stream().filter(f -> f.number() == v.getInvariant()).findFirst();
				String actual = !checked ? "invariants not checked in this run"
						: hit.map(f -> "violated: " + f.message())
								.orElse(found.isEmpty() ? "no invariant violated"
										: "violated " + found.stream().map(Finding::invariant).distinct().toList());
				out.add(new ExpectationResult(v, hit.isPresent(), expected, actual, hit.map(Finding::rule).orElse(null)));
			}
		}
		return out == null ? List.of() : out;
	}

	static String poolName(Pool p) {
		if (p instanceof SwiotlbPool s) {
			return s.getName();
		}
		if (p instanceof RestrictedPool r) {
			return r.getName();
		}
		if (p instanceof CoherentPool c) {
			return c.getName();
		}
		if (p instanceof AtomicPool a) {
			return "atomic_pool_" + a.getZone().getLiteral();
		}
		return "?";
	}
}

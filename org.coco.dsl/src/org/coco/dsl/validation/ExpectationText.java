package org.coco.dsl.validation;

import org.coco.dsl.coco.ExpectBounce;
import org.coco.dsl.coco.ExpectDirect;
import org.coco.dsl.coco.ExpectNoWarn;
import org.coco.dsl.coco.ExpectState;
import org.coco.dsl.coco.ExpectT1;
import org.coco.dsl.coco.ExpectWarn;
import org.coco.dsl.coco.Expectation;
import org.coco.dsl.semantics.Encoding;
import org.coco.dsl.semantics.Hex;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.StepResult;

/**
 * The expectation that the run actually satisfies, written in coco (`expect bounce via default`),
 * in the same form as the one it replaces: an `addr` only where the author asserted an address, a
 * warning expectation stays a warning expectation. Null when no expectation of the language says it.
 */
public final class ExpectationText {
	private ExpectationText() {
	}

	public static String actual(Expectation e, StepResult r) {
		Outcome o = r.outcome() instanceof Outcome.Sg sg && !sg.entries().isEmpty() ? sg.first() : r.outcome();
		if (e instanceof ExpectWarn || e instanceof ExpectNoWarn) {
			return r.warnings().isEmpty() ? "expect no-warn" : "expect warn \"" + quotable(r.warnings().get(0)) + "\"";
		}
		if (e instanceof ExpectState) {
			String[] parts = r.expectations().stream().filter(x -> x.source() == e).map(x -> x.actual()).findFirst()
					.orElse("").split(" ");
			return parts.length == 2 && parts[0].equals("state") ? "expect state " + parts[1] : null;
		}
		if (e instanceof ExpectT1) {
			String a = r.expectations().stream().filter(x -> x.source() == e).map(x -> x.actual()).findFirst().orElse("");
			return a.equals("t1") || a.equals("t0") ? "expect " + a : null;
		}
		boolean addr = e instanceof ExpectDirect d && d.eIsSet(d.eClass().getEStructuralFeature("address"))
				|| e instanceof ExpectBounce b && b.eIsSet(b.eClass().getEStructuralFeature("address"));
		return outcome(o, addr, org.eclipse.xtext.EcoreUtil2.getContainerOfType(e, org.coco.dsl.coco.Scenario.class));
	}

	/** A pool name the expectation can name: `default` or a pool declared on the scenario's platform. */
	private static boolean nameable(String pool, org.coco.dsl.coco.Scenario s) {
		if ("default".equals(pool)) {
			return true;
		}
		if (s == null || s.getPlatform() == null) {
			return false;
		}
		return s.getPlatform().getMembers().stream().anyMatch(m -> {
			var name = m.eClass().getEStructuralFeature("name");
			return m instanceof org.coco.dsl.coco.Pool && name != null && pool.equals(m.eGet(name));
		});
	}

	private static String outcome(Outcome o, boolean addr, org.coco.dsl.coco.Scenario s) {
		if (o instanceof Outcome.Direct d) {
			return "expect direct" + encoding(d.encoding()) + (addr ? " addr " + Hex.of(d.address()) : "");
		}
		if (o instanceof Outcome.Allocated a && a.handle() != null && a.encoding() != Encoding.IOVA) {
			return "expect direct" + encoding(a.encoding()) + (addr ? " addr " + Hex.of(a.handle()) : "");
		}
		if (o instanceof Outcome.Bounce b) {
			return "expect bounce" + (nameable(b.pool(), s) ? " via " + b.pool() : "") + (addr ? " addr " + Hex.of(b.address()) : "");
		}
		if (o instanceof Outcome.Failed f) {
			return "expect errno " + f.errno().name();
		}
		if (o instanceof Outcome.Error) {
			return "expect error";
		}
		if (o instanceof Outcome.Null) {
			return "expect null";
		}
		if (o instanceof Outcome.Leak) {
			return "expect leak";
		}
		if (o instanceof Outcome.Unknown) {
			return null;
		}
		return o.success() ? "expect ok" : "expect error";
	}

	private static String encoding(Encoding e) {
		return e == Encoding.ENCRYPTED || e == Encoding.UNENCRYPTED ? " " + e.label() : "";
	}

	/** A warning as a coco STRING: up to the first quote, backslash or line end. */
	private static String quotable(String w) {
		int cut = w.length();
		for (char c : new char[] { '"', '\\', '\n', '\r' }) {
			int i = w.indexOf(c);
			if (i >= 0 && i < cut) {
				cut = i;
			}
		}
		return w.substring(0, cut).trim();
	}
}

package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Encoding;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.eclipse.xtext.testing.util.ParseHelper;

/** Helpers shared by the semantics tests: parse inline .coco text, run it, assert outcomes. */
final class Sem {
	private final ParseHelper<Model> parser;

	Sem(ParseHelper<Model> parser) {
		this.parser = parser;
	}

	Model parse(String text) {
		try {
			Model m = parser.parse(text);
			assertTrue(m.eResource().getErrors().isEmpty(), () -> "syntax errors: " + m.eResource().getErrors());
			return m;
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	Platform platform(String text) {
		return (Platform) parse(text).getElements().stream().filter(Platform.class::isInstance).findFirst().orElseThrow();
	}

	PlatformFacts facts(String text) {
		return PlatformFacts.of(platform(text));
	}

	/** Runs the first scenario of {@code text}. */
	Trace run(String text) {
		return run(text, RunOptions.defaults());
	}

	Trace run(String text, RunOptions options) {
		Model m = parse(text);
		Scenario s = m.getElements().stream().filter(Scenario.class::isInstance).map(Scenario.class::cast).findFirst()
				.orElseThrow();
		return CocoRuntime.run(s.getPlatform(), s, options);
	}

	/** Platform text + a scenario with the given steps. */
	static String scenario(String platform, String steps) {
		String name = platform.replaceAll("(?s).*?platform\\s+(\\w+).*", "$1");
		return platform + "\nscenario \"t\" on " + name + " {\n" + steps + "\n}\n";
	}

	static StepResult step(Trace t, int i) {
		return t.steps().get(i);
	}

	/** A one-entry scatter-gather outcome stands for its entry. */
	static Outcome single(Outcome o) {
		return o instanceof Outcome.Sg sg && sg.entries().size() == 1 ? sg.first() : o;
	}

	static Outcome.Direct direct(Trace t, int i, Encoding enc, long addr) {
		Outcome o = single(step(t, i).outcome());
		Outcome.Direct d = assertInstanceOf(Outcome.Direct.class, o, () -> t.describe());
		assertEquals(enc, d.encoding(), () -> t.describe());
		assertEquals(addr, d.address(), () -> "address " + Long.toHexString(d.address()) + "\n" + t.describe());
		return d;
	}

	static Outcome.Bounce bounce(Trace t, int i, String pool, long addr) {
		Outcome o = single(step(t, i).outcome());
		Outcome.Bounce b = assertInstanceOf(Outcome.Bounce.class, o, () -> t.describe());
		assertEquals(pool, b.pool(), () -> t.describe());
		assertEquals(addr, b.address(), () -> "address " + Long.toHexString(b.address()) + "\n" + t.describe());
		return b;
	}

	static void error(Trace t, int i) {
		assertInstanceOf(Outcome.Error.class, step(t, i).outcome(), () -> t.describe());
	}

	static Outcome.Allocated allocated(Trace t, int i) {
		return assertInstanceOf(Outcome.Allocated.class, step(t, i).outcome(), () -> t.describe());
	}

	static void warns(Trace t, int i, String exact) {
		assertTrue(step(t, i).warnings().contains(exact), () -> "expected warning <" + exact + ">\n" + t.describe());
	}

	static void noWarn(Trace t, int i) {
		assertTrue(step(t, i).warnings().isEmpty(), () -> t.describe());
	}

	static void rule(Trace t, int i, String section) {
		String r = step(t, i).rule().text();
		assertTrue(r.startsWith(section), () -> "rule " + r + " does not start with " + section + "\n" + t.describe());
	}

	static void passes(Trace t) {
		if (!t.passed()) {
			fail("expectations failed: " + t.failures().stream().map(e -> e.message()).toList() + "\n" + t.describe());
		}
	}
}

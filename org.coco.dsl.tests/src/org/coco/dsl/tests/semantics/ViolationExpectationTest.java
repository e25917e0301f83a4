package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** `expect violates N`: a scenario that shows a §6 violation on purpose passes; an unannounced one fails. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ViolationExpectationTest {

	// §4.5/§4.7 base: a realm device on a restricted pool decrypts the pool's slot again and re-encrypts it on free.
	private static final String REALM = """
			platform R {
			    technology cca-realm
			    ipa-bits 48
			    profile base
			    pool restricted rp size 4M at 0x9000_0000
			    device blk : platform {
			        dma-mask 64
			        coherent-mask 64
			        coherent
			        restricted-pool rp
			    }
			}
			""";

	@Inject
	private ParseHelper<Model> parser;

	private Trace run(String steps) throws Exception {
		Model m = parser.parse(REALM + "scenario \"s\" on R {\n" + steps + "\n}\n");
		return CocoRuntime.run((Scenario) m.getElements().get(1), RunOptions.defaults());
	}

	@Test
	void announcedViolationsLetTheRunSucceed() throws Exception {
		Trace t = run("c = dma_alloc_coherent blk 16K expect violates 4 expect violates 5\nfree c expect violates 4");
		assertEquals(3, t.findings().size(), t.describe());
		assertTrue(t.unexpectedFindings().isEmpty(), t.describe());
		assertTrue(t.succeeded(), t.describe());
	}

	@Test
	void unannouncedViolationsFailTheRun() throws Exception {
		Trace t = run("c = dma_alloc_coherent blk 16K expect violates 4\nfree c");
		assertEquals(2, t.unexpectedFindings().size(), t.describe());
		assertTrue(t.passed(), "expectations hold");
		assertFalse(t.succeeded(), "the §6.5 and the second §6.4 findings are not announced");
	}

	@Test
	void anAnnouncedViolationThatDoesNotHappenFails() throws Exception {
		Trace t = run("c = dma_alloc_coherent blk 16K expect violates 4 expect violates 5 expect violates 3");
		ExpectationResult r = t.failures().get(0);
		assertEquals("violates §6.3", r.expected());
		assertTrue(r.actual().startsWith("violated [§6.4"), r.actual());
		assertFalse(t.succeeded());
	}

	@Test
	void withInvariantsOffTheExpectationSaysSo() throws Exception {
		Model m = parser.parse(REALM + "scenario \"s\" on R {\nc = dma_alloc_coherent blk 16K expect violates 4\n}\n");
		Trace t = CocoRuntime.run((Scenario) m.getElements().get(1), RunOptions.defaults().withInvariantChecking(false));
		assertEquals("invariants not checked in this run", t.failures().get(0).actual());
	}

	@Test
	void aStepThatDidNotRunStillHasItsAnnouncedViolationJudged() throws Exception {
		// the unresolved buffer makes the step an engine error before it runs; its `expect violates` is still judged
		Trace t = run("free nosuch expect violates 16");
		StepResult r = t.steps().get(0);
		assertTrue(r.outcome().describe().contains("unresolved reference"), r.describe());
		assertEquals(1, r.expectations().size(), r.describe());
		assertEquals("violates §6.16", r.expectations().get(0).expected());
		assertFalse(r.expectations().get(0).passed());
	}

	@Test
	void aViolationAnnouncedAfterOtherExpectationsIsJudgedAfterThem() throws Exception {
		Trace t = run("c = dma_alloc_coherent blk 16K expect ok expect violates 4 expect violates 5");
		StepResult r = t.steps().get(0);
		assertEquals(List.of("ok", "violates §6.4", "violates §6.5"), r.expectations().stream().map(ExpectationResult::expected).toList(),
				r.describe());
		assertTrue(r.expectationsPassed(), r.describe());
	}
}

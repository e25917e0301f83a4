package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.passes;
import static org.coco.dsl.tests.semantics.Sem.rule;
import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.T1SharedAccess;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.PageState;
import org.coco.dsl.semantics.Parameters;
import org.coco.dsl.semantics.RmpRule;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Stage2Rule;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §5.1 RMP page-size rule, §5.2 CCA T=0/T=1 stage 2, §2.3 T=1 and shared memory. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class HardwareRulesTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	@Test
	void rmpSizeClasses() {
		long k4 = 4096, m2 = 2L << 20, m4 = 4L << 20, g1 = 1L << 30, k64 = 64 << 10;
		assertTrue(RmpRule.ok(m4, m2));
		assertTrue(RmpRule.ok(g1, m2));
		assertTrue(RmpRule.ok(m2, m2));
		assertFalse(RmpRule.ok(m2, k4));
		assertFalse(RmpRule.ok(g1, k4));
		assertFalse(RmpRule.ok(k4, m2));
		assertTrue(RmpRule.ok(k4, k4));
		assertTrue(RmpRule.ok(k64, k4), "4K..1M pages get a 4K check");
	}

	static String snp(String rmp, String leaf) {
		return "platform P { technology sev-snp c-bit 51 profile series-v7\n overlays ov-sev-tio, ov-devsec\n rmp-page " + rmp + "\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device nic : pci { dma-mask 64 tdisp state run accepted iommu-leaf " + leaf + " } }";
	}

	@Test
	void rmpRuleDecidesDeviceAccess() {
		String steps = "buf = alloc pages 4K\n m = map buf -> nic bidirectional\n device writes m 0x55";
		Trace bad = sem.run(scenario(snp("2M", "4K"), steps + " expect error"));
		passes(bad);
		rule(bad, 2, "§5.1");
		assertTrue(step(bad, 2).outcome().describe().contains("IOMMU leaf 4K (checked as 4K) vs RMP 2M"), bad.describe());
		passes(sem.run(scenario(snp("2M", "1G"), steps + " expect ok\n check buf device-sees 0x55")));
		passes(sem.run(scenario(snp("4K", "2M"), steps + " expect error")));
	}

	@Test
	void t0DeviceCannotReachPrivateMemory() {
		// pKVM without ov-pkvm: FDU false, no restricted pool -> direct to private memory; the host stage 2 blocks it
		String p = "platform K { technology pkvm\n device d : platform { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "buf = alloc pages 4K\n m = map buf -> d to-device expect direct\n device writes m 0x1 expect error"));
		passes(t);
		assertTrue(step(t, 2).outcome().describe().contains("T=0 device cannot reach private memory"));
	}

	static String cca(String t1) {
		return "platform R { technology cca-realm ipa-bits 48 profile series-v7\n overlays ov-cca-da, ov-devsec\n" + t1 + "\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n heap system_cc_shared\n"
				+ " device dt0 : pci { dma-mask 64 }\n device dt1 : pci { dma-mask 64 tdisp state run accepted } }";
	}

	@Test
	void ccaT0ReachesSharedThroughTheNsAlias() {
		Trace t = sem.run(scenario(cca(""), String.join("\n",
				"h = alloc heap system_cc_shared 4K",
				"m = map single h -> dt0 bidirectional expect direct unencrypted addr 0x8000_4000_0000",
				"device writes m 0x55 expect ok",
				"check h cpu-sees 0x55",
				"b = alloc pages 4K",
				"n = map b -> dt0 to-device expect bounce via default addr 0x8000_8000_0000",
				"device writes n 0x66 expect ok")));
		passes(t);
		assertTrue(step(t, 2).path().stream().anyMatch(r -> r.text().startsWith("§5.2")), t.describe());
	}

	@Test
	void ccaT1ReachesPrivate() {
		Trace t = sem.run(scenario(cca(""), "b = alloc pages 4K\n m = map b -> dt1 bidirectional expect direct encrypted addr 0x4000_0000\n"
				+ "device writes m 0x77 expect ok expect t1\n check b device-sees 0x77"));
		passes(t);
	}

	@Test
	void t1AndSharedMemoryFollowsTheParameter() {
		String steps = "h = alloc heap system_cc_shared 4K\n m = map single h -> dt1 bidirectional attrs CC_SHARED\n device writes m 0x1";
		Trace unknown = sem.run(scenario(cca(""), steps));
		Outcome.Unknown u = assertInstanceOf(Outcome.Unknown.class, step(unknown, 2).outcome(), unknown.describe());
		assertEquals(Parameters.T1_SHARED_ACCESS, u.parameter());
		assertTrue(unknown.parameters().get(Parameters.T1_SHARED_ACCESS).startsWith("unknown"));
		passes(sem.run(scenario(cca(" t1-shared-access allowed-if-mapped"), steps + " expect ok")));
		passes(sem.run(scenario(cca(" t1-shared-access allowed-if-mapped"), steps + " expect error"),
				RunOptions.defaults().withParameter(Parameters.T1_SHARED_ACCESS, "forbidden")));
	}

	@Test
	void stage2RuleTable() {
		assertEquals(Stage2Rule.Verdict.OK, Stage2Rule.check(false, PageState.SHARED, true, true, T1SharedAccess.UNKNOWN).verdict());
		assertEquals(Stage2Rule.Verdict.FAULT, Stage2Rule.check(false, PageState.SHARED, true, false, T1SharedAccess.UNKNOWN).verdict());
		assertEquals(Stage2Rule.Verdict.FAULT, Stage2Rule.check(false, PageState.PRIVATE, false, false, T1SharedAccess.UNKNOWN).verdict());
		assertEquals(Stage2Rule.Verdict.OK, Stage2Rule.check(true, PageState.PRIVATE, true, false, T1SharedAccess.FORBIDDEN).verdict());
		assertEquals(Stage2Rule.Verdict.FAULT, Stage2Rule.check(true, PageState.SHARED, false, true, T1SharedAccess.FORBIDDEN).verdict());
		assertEquals(Stage2Rule.Verdict.UNKNOWN, Stage2Rule.check(true, PageState.UNKNOWN, false, true, T1SharedAccess.ALLOWED_IF_MAPPED).verdict());
	}
}

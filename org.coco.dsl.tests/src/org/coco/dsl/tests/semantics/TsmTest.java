package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.direct;
import static org.coco.dsl.tests.semantics.Sem.passes;
import static org.coco.dsl.tests.semantics.Sem.rule;
import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.Encoding;
import org.coco.dsl.semantics.Errno;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.Parameters;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §2.2 TSM state machines: host connect/disconnect errno order, guest lock/accept/unlock, T1(dev). */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class TsmTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static final String HOST = "platform H { technology sme-host c-bit 47\n device pf0 : pci { dma-mask 64 tdisp } }";

	static String guest(String overlays) {
		return "platform P { technology sev-snp c-bit 51 profile series-v7\n overlays " + overlays + "\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n heap system_cc_shared\n"
				+ " device nic : pci { dma-mask 64 coherent-mask 64 tdisp state unlocked }\n device plain : pci { dma-mask 64 } }";
	}

	private static Errno errno(Trace t, int i) {
		return assertInstanceOf(Outcome.Failed.class, step(t, i).outcome(), t.describe()).errno();
	}

	@Test
	void hostConnectChecksInDocumentedOrder() {
		Trace t = sem.run(scenario(HOST, String.join("\n",
				"pf0 connect foo expect errno EINVAL", // sscanf("tsm%d") first
				"pf0 connect tsm7 expect errno ENXIO", // not a registered link TSM
				"pf0 connect tsm0 expect ok",
				"pf0 connect tsm0 expect errno EBUSY", // already connected: any tsmN gives -EBUSY
				"pf0 connect tsm7 expect errno EBUSY", // ... never -ENXIO
				"pf0 connect bad expect errno EINVAL", // the name check still comes first
				"pf0 disconnect tsm1 expect errno EINVAL",
				"pf0 disconnect tsm0 expect ok",
				"pf0 disconnect tsm0 expect errno ENXIO")));
		passes(t);
		rule(t, 0, "§2.2 host connect check 1");
		rule(t, 1, "§2.2 host connect check 3");
		rule(t, 3, "§2.2 host connect check 2");
	}

	@Test
	void linkTsmsParameter() {
		Trace t = sem.run(scenario(HOST, "pf0 connect tsm3 expect ok"),
				RunOptions.defaults().withParameter(Parameters.LINK_TSMS, "tsm2, tsm3"));
		passes(t);
		assertTrue(t.parameters().get(Parameters.LINK_TSMS).startsWith("tsm2,tsm3"));
	}

	@Test
	void guestLockAcceptUnlock() {
		Trace t = sem.run(scenario(guest("ov-devsec"), String.join("\n",
				"nic accept expect errno EINVAL expect t0", // no TSM context
				"nic bind",
				"nic lock expect errno EBUSY", // driver bound
				"nic unbind",
				"nic lock expect ok expect t0",
				"nic bind",
				"nic accept expect errno EBUSY",
				"nic unbind",
				"nic accept expect ok expect t1",
				"nic accept expect errno EINVAL",
				"nic lock expect errno EBUSY",
				"nic unlock expect ok expect t0",
				"nic unlock expect errno EINVAL")));
		passes(t);
	}

	@Test
	void errorStateEndsT1() {
		Trace t = sem.run(scenario(guest("ov-devsec"), "nic lock\n nic accept expect t1\n nic error expect t0\n"
				+ "nic accept expect errno EINVAL\n nic unlock expect ok"));
		passes(t);
	}

	@Test
	void guestOpsNeedAnOverlayAndATdispDevice() {
		Trace t = sem.run(scenario(guest("ov-x86pt"), "nic lock"));
		assertEquals(Errno.ENXIO, errno(t, 0));
		Trace t2 = sem.run(scenario(guest("ov-devsec"), "plain lock"));
		assertEquals(Errno.ENXIO, errno(t2, 0));
	}

	@Test
	void acceptanceChangesTheMapPathUnderSevTio() {
		Trace t = sem.run(scenario(guest("ov-devsec, ov-sev-tio"), String.join("\n",
				"buf = alloc pages 4K",
				"m = map buf -> nic to-device expect bounce via default",
				"nic lock", "nic accept expect t1",
				"n = map buf -> nic to-device expect direct encrypted addr 0x4000_0000",
				"nic unlock expect t0",
				"o = map buf -> nic to-device expect bounce")));
		passes(t);
	}

	@Test
	void unlockClearsAcceptedIsAParameter() {
		String steps = "nic lock\n nic accept\n nic unlock expect t0\n buf = alloc pages 4K\n m = map buf -> nic to-device";
		Trace yes = sem.run(scenario(guest("ov-devsec, ov-sev-tio"), steps));
		assertInstanceOf(Outcome.Bounce.class, step(yes, 4).outcome(), yes.describe());
		Trace no = sem.run(scenario(guest("ov-devsec, ov-sev-tio"), steps),
				RunOptions.defaults().withParameter(Parameters.UNLOCK_CLEARS_ACCEPTED, "no"));
		// still accepted (FDU false) while T=0: private memory mapped directly
		direct(no, 4, Encoding.ENCRYPTED, 0x4000_0000L);
		assertTrue(no.parameters().get(Parameters.UNLOCK_CLEARS_ACCEPTED).startsWith("no"));
		// ... and the device cannot actually reach it (§2.3)
		Trace fault = sem.run(scenario(guest("ov-devsec, ov-sev-tio"), steps + "\n device writes m 0x55 expect error"),
				RunOptions.defaults().withParameter(Parameters.UNLOCK_CLEARS_ACCEPTED, "no"));
		passes(fault);
	}

	@Test
	void hostDisconnectTearsDownTheTdi() {
		String p = "platform C { technology cca-realm profile base\n overlays ov-tdi-rfc\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device nic : pci { dma-mask 64 tdisp state unlocked } }";
		Trace t = sem.run(scenario(p, "nic connect tsm0\n nic lock\n nic accept expect t1\n nic disconnect tsm0 expect ok expect t0\n"
				+ "buf = alloc pages 4K\n m = map buf -> nic to-device expect bounce"));
		passes(t);
	}

	@Test
	void opsFailures() {
		Trace t = sem.run(scenario(HOST, "pf0 connect tsm0 fails expect errno EIO\n pf0 disconnect tsm0 expect errno ENXIO\n"
				+ "pf0 connect tsm0 expect ok"));
		passes(t);
		String cca = "platform C { technology cca-realm profile series-v7\n overlays ov-cca-da, ov-devsec\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n device nic : pci { dma-mask 64 tdisp state unlocked } }";
		Trace a = sem.run(scenario(cca, "nic lock\n nic accept fails expect errno EIO expect t0\n nic accept expect ok expect t1"));
		passes(a);
		rule(a, 1, "§2.2 ov-cca-da tsm/accept");
	}

	@Test
	void t0DmaWhileLockedIsAParameter() {
		String steps = "nic lock\n h = alloc heap system_cc_shared 4K\n m = map h -> nic to-device\n device writes m 0x1";
		Trace unknown = sem.run(scenario(guest("ov-devsec"), steps));
		Outcome.Unknown u = assertInstanceOf(Outcome.Unknown.class, step(unknown, 3).outcome(), unknown.describe());
		assertEquals(Parameters.T0_DMA_WHILE_LOCKED, u.parameter());
		passes(sem.run(scenario(guest("ov-devsec"), steps + " expect ok"),
				RunOptions.defaults().withParameter(Parameters.T0_DMA_WHILE_LOCKED, "allowed")));
		passes(sem.run(scenario(guest("ov-devsec"), steps + " expect error"),
				RunOptions.defaults().withParameter(Parameters.T0_DMA_WHILE_LOCKED, "blocked")));
		// an unlocked T=0 device reaching shared memory is fine
		passes(sem.run(scenario(guest("ov-devsec"), "h = alloc heap system_cc_shared 4K\n m = map h -> nic to-device\n device writes m 0x1 expect ok")));
	}
}

package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.semantics.BootImage;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * What a machine keeps in tables numbered by its boot image (device states) and shares with its copies
 * and checkpoints (the once-only warnings printed): every session, copy and restored checkpoint sees its
 * own, and a device outside the booted platform still has a state of its own.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class MachineTablesTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	private static final String GUEST = TsmTest.guest("ov-devsec");
	/** A second platform whose TDISP device no step of a P session can name through scoping, only through the API. */
	private static final String OTHER = "platform Q { technology sev-snp c-bit 51 profile series-v7\n overlays ov-devsec\n"
			+ " device qnic : pci { dma-mask 64 tdisp state unlocked } }\n";

	private Model model;

	private Platform platform(String name) {
		return model.getElements().stream().filter(e -> e instanceof Platform p && p.getName().equals(name))
				.map(Platform.class::cast).findFirst().orElseThrow();
	}

	private List<Step> steps(String scenario) {
		return model.getElements().stream().filter(e -> e instanceof Scenario s && s.getName().equals(scenario))
				.map(Scenario.class::cast).findFirst().orElseThrow().getSteps();
	}

	private Device device(String platform, String name) {
		return platform(platform).getMembers().stream().filter(m -> m instanceof Device d && d.getName().equals(name))
				.map(Device.class::cast).findFirst().orElseThrow();
	}

	private static StepResult step(Session s, Step step) {
		return s.step(step, f -> {
		});
	}

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
		model = sem.parse(GUEST + "\n" + OTHER + "scenario \"tsm\" on P {\n nic lock\n nic accept\n nic unlock\n}\n"
				+ "scenario \"q\" on Q {\n qnic lock\n qnic unlock\n}\n"
				+ "scenario \"bounce\" on P {\n buf = alloc pages 8K\n m = map buf -> plain to-device\n"
				+ " n = map buf -> plain to-device\n}\n");
	}

	@Test
	void sessionsAndCopiesOfOneImageHaveTheirOwnDeviceStates() {
		BootImage image = BootImage.boot(platform("P"), null, null, RunOptions.defaults());
		Device nic = device("P", "nic");
		List<Step> tsm = steps("tsm");
		Session a = image.open();
		Session b = image.open();
		step(a, tsm.get(0)); // lock
		assertEquals(TsmState.LOCKED, a.view().tsmState(nic));
		assertEquals(TsmState.UNLOCKED, b.view().tsmState(nic));
		Session copy = a.copy();
		step(a, tsm.get(1)); // accept
		assertTrue(a.view().t1(nic));
		assertTrue(a.view().accepted(nic));
		assertFalse(copy.view().accepted(nic), "a copy does not share the device state changed after it");
		assertEquals(TsmState.LOCKED, copy.view().tsmState(nic));
		step(copy, tsm.get(1));
		assertTrue(copy.view().t1(nic));
		assertEquals(a.stateKey(), copy.stateKey());
		step(copy, tsm.get(2)); // unlock
		assertTrue(a.view().t1(nic), "a copy's change does not reach its original");
		assertNotEquals(a.stateKey(), copy.stateKey());
		assertEquals(TsmState.UNLOCKED, image.open().view().tsmState(nic), "the image is unchanged");
		assertEquals(b.stateKey(), image.open().stateKey());
	}

	@Test
	void restoreForgetsDeviceStatesChangedSinceTheCheckpoint() {
		BootImage image = BootImage.boot(platform("P"), null, null, RunOptions.defaults());
		Device nic = device("P", "nic");
		List<Step> tsm = steps("tsm");
		Session s = image.open();
		Session fresh = image.open();
		s.checkpoint();
		step(s, tsm.get(0));
		assertEquals(TsmState.LOCKED, s.view().tsmState(nic));
		s.restore(); // a state first changed under the checkpoint
		assertEquals(TsmState.UNLOCKED, s.view().tsmState(nic));
		assertEquals(fresh.stateKey(), s.stateKey());
		step(s, tsm.get(0));
		Session locked = s.copy();
		s.checkpoint();
		step(s, tsm.get(1)); // a state changed before the checkpoint, changed again
		assertTrue(s.view().t1(nic));
		Session accepted = s.copy(); // a copy made under the checkpoint keeps what it saw
		s.restore();
		assertFalse(s.view().t1(nic));
		assertEquals(TsmState.LOCKED, s.view().tsmState(nic));
		assertEquals(locked.stateKey(), s.stateKey());
		assertTrue(accepted.view().t1(nic));
		step(s, tsm.get(1));
		assertEquals(accepted.stateKey(), s.stateKey());
	}

	@Test
	void aDeviceOutsideTheBootedPlatformHasAStateOfItsOwn() {
		BootImage image = BootImage.boot(platform("P"), null, null, RunOptions.defaults());
		Device qnic = device("Q", "qnic");
		List<Step> q = steps("q");
		Session s = image.open();
		Session fresh = image.open();
		step(s, q.get(0)); // lock, on a device P does not have
		assertEquals(TsmState.LOCKED, s.view().tsmState(qnic));
		assertNotEquals(fresh.stateKey(), s.stateKey(), "the digest covers it");
		Session copy = s.copy();
		s.checkpoint();
		step(s, q.get(1));
		assertEquals(TsmState.UNLOCKED, s.view().tsmState(qnic));
		s.restore();
		assertEquals(TsmState.LOCKED, s.view().tsmState(qnic));
		assertEquals(copy.stateKey(), s.stateKey());
		step(copy, q.get(1));
		assertEquals(TsmState.LOCKED, s.view().tsmState(qnic), "a copy's change does not reach its original");
		assertEquals(TsmState.UNLOCKED, fresh.view().tsmState(qnic));
	}

	private static final String ONCE = "Memory encryption is active and system is using DMA bounce buffers";

	@Test
	void aOnceOnlyWarningIsPrintedOncePerMachineHistory() {
		BootImage image = BootImage.boot(platform("P"), null, null, RunOptions.defaults());
		List<Step> bounce = steps("bounce");
		Session s = image.open();
		step(s, bounce.get(0));
		Session before = s.copy();
		s.checkpoint();
		assertTrue(step(s, bounce.get(1)).warnings().contains(ONCE));
		Session after = s.copy();
		s.restore(); // forgets that it was printed
		assertTrue(step(s, bounce.get(1)).warnings().contains(ONCE));
		StepResult again = step(s, bounce.get(2));
		assertFalse(again.warnings().contains(ONCE));
		assertTrue(again.notes().stream().anyMatch(n -> n.startsWith("suppressed (already printed once)")), again.notes()::toString);
		assertFalse(step(after, bounce.get(2)).warnings().contains(ONCE), "a copy made after it remembers it");
		assertTrue(step(before, bounce.get(1)).warnings().contains(ONCE), "a copy made before it does not");
		assertEquals(s.stateKey(), after.stateKey());
	}
}

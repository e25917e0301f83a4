package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.semantics.TsmTransitions;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** The reachable TSM machine (what coco diagram draws) is the interpreter's own §2.2 behaviour. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class TsmTransitionsTest {
	@Inject
	private ParseHelper<Model> parser;

	private TsmTransitions.Graph explore(String overlays) {
		Platform p = new Sem(parser).platform(TsmTest.guest(overlays));
		Device nic = (Device) p.getMembers().stream().filter(m -> m instanceof Device d && d.getName().equals("nic")).findFirst().orElseThrow();
		return TsmTransitions.explore(PlatformFacts.of(p), nic);
	}

	private static Set<String> edges(TsmTransitions.Graph g) {
		return g.transitions().stream().filter(t -> !t.from().driverBound() && t.from().connectedTsm() == null)
				.map(t -> t.from().tsm().getLiteral() + (t.from().accepted() ? "+" : "") + " -" + t.op().getLiteral() + "-> "
						+ t.to().tsm().getLiteral() + (t.to().accepted() ? "+" : ""))
				.collect(Collectors.toSet());
	}

	@Test
	void devsecGuestLocksAcceptsUnlocks() {
		TsmTransitions.Graph g = explore("ov-devsec");
		assertEquals(TsmState.UNLOCKED, g.initial().tsm());
		Set<String> e = edges(g);
		assertTrue(e.contains("unlocked -lock-> locked"), e.toString());
		assertTrue(e.contains("locked -accept-> run+"), e.toString());
		assertTrue(e.contains("run+ -unlock-> unlocked"), e.toString());
		assertTrue(e.contains("locked -error-> error"), e.toString());
		// accept only from LOCKED: never straight from UNLOCKED
		assertTrue(e.stream().noneMatch(s -> s.startsWith("unlocked -accept->")), e.toString());
		assertTrue(g.states().stream().anyMatch(TsmTransitions.State::t1));
		assertTrue(g.transitions().stream().allMatch(t -> t.rule() != null && t.rule().section().startsWith("§2.2")));
	}

	@Test
	void withoutAGuestTsmOverlayTheDeviceNeverReachesT1() {
		TsmTransitions.Graph g = explore("ov-x86pt");
		assertTrue(g.states().stream().noneMatch(TsmTransitions.State::t1));
		assertTrue(g.transitions().stream().noneMatch(t -> t.op() == TsmOp.LOCK || t.op() == TsmOp.ACCEPT));
	}
}

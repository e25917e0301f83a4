package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.coco.dsl.coco.CocoFactory;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.semantics.TsmTransitions;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** The reachable TSM machine (what coco diagram draws) is the interpreter's own §2.2 behaviour. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class TsmTransitionsTest {
	@Inject
	private ParseHelper<Model> parser;
	@Inject
	private Provider<ResourceSet> resourceSets;

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

	/**
	 * Content assist's answer (which operations a device accepts at a point of a scenario: the prefix
	 * run once, each operation tried on a copy) is what running a copy of the scenario cut there, with
	 * that operation appended, says — for every example scenario with TSM steps, every prefix and every
	 * device its TSM steps name.
	 */
	@Test
	void operationsValidAfterAPrefixAreWhatRunningTheScenarioWithThatStepSays() throws Exception {
		ResourceSet rs = resourceSets.get();
		for (Path f : Examples.all()) {
			parser.parse(Files.readString(f), org.eclipse.emf.common.util.URI.createFileURI(f.toAbsolutePath().toString()), rs);
		}
		EcoreUtil.resolveAll(rs);
		int compared = 0;
		Set<TsmOp> everValid = EnumSet.noneOf(TsmOp.class);
		Set<TsmOp> everRefused = EnumSet.noneOf(TsmOp.class);
		for (var resource : List.copyOf(rs.getResources())) {
			Model model = (Model) resource.getContents().get(0);
			for (var element : model.getElements()) {
				if (!(element instanceof Scenario scenario) || scenario.getPlatform() == null || scenario.getPlatform().eIsProxy()) {
					continue;
				}
				Set<String> devices = new LinkedHashSet<>();
				scenario.getSteps().stream().filter(TsmStep.class::isInstance).map(st -> ((TsmStep) st).getDevice())
						.filter(d -> d != null && !d.eIsProxy()).forEach(d -> devices.add(d.getName()));
				for (int k = 0; k <= scenario.getSteps().size(); k++) {
					for (String device : devices) {
						Set<TsmOp> expected = byRunningACopy(model, scenario, k, device);
						Set<TsmOp> actual = TsmTransitions.validAfter(scenario, k, device);
						assertEquals(expected, actual, scenario.getName() + " after " + k + " step(s), " + device);
						everValid.addAll(actual);
						for (TsmOp op : TsmOp.VALUES) {
							if (!actual.contains(op)) {
								everRefused.add(op);
							}
						}
						compared++;
					}
				}
			}
		}
		assertTrue(compared > 30, "prefixes compared: " + compared);
		assertTrue(everValid.contains(TsmOp.LOCK) && everRefused.contains(TsmOp.ACCEPT), everValid + " / " + everRefused);
	}

	/** The straightforward way: a copy of the model, the scenario cut after k steps, the operation appended, a fresh run. */
	private static Set<TsmOp> byRunningACopy(Model model, Scenario scenario, int k, String deviceName) {
		int index = model.getElements().indexOf(scenario);
		Set<TsmOp> out = EnumSet.noneOf(TsmOp.class);
		for (TsmOp op : TsmOp.VALUES) {
			Scenario s = (Scenario) EcoreUtil.copy(model).getElements().get(index);
			while (s.getSteps().size() > k) {
				s.getSteps().remove(s.getSteps().size() - 1);
			}
			TsmStep step = CocoFactory.eINSTANCE.createTsmStep();
			step.setDevice((Device) s.getPlatform().getMembers().stream()
					.filter(m -> m instanceof Device d && d.getName().equals(deviceName)).findFirst().orElseThrow());
			step.setOp(op);
			if (op == TsmOp.CONNECT || op == TsmOp.DISCONNECT) {
				step.setTsm("tsm0");
			}
			s.getSteps().add(step);
			Trace t = CocoRuntime.run(s, RunOptions.defaults());
			StepResult last = t.steps().get(t.steps().size() - 1);
			if (last.outcome() instanceof Outcome.Ok) {
				out.add(op);
			}
		}
		return out;
	}
}

package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;

/**
 * Entry point of the DMA semantics interpreter (shared/reference/cc-dma-semantics.md). Stateless: every
 * run steps its own machine (a copy of an immutable {@link BootImage}), so the validator, CLI, generators
 * and editors can call it concurrently.
 */
public final class CocoRuntime {
	private CocoRuntime() {
	}

	/** Profile: run option, else the scenario's `profile`, else the platform's. */
	public static Profile effectiveProfile(Platform p, Scenario s, RunOptions o) {
		if (o != null && o.profile() != null) {
			return o.profile();
		}
		if (s != null && s.isProfileSet()) {
			return s.getProfile();
		}
		return p.getProfile();
	}

	/** Overlays: run option, else the scenario's `overlays` (replacing the platform's), else the platform's. */
	public static Set<Overlay> effectiveOverlays(Platform p, Scenario s, RunOptions o) {
		if (o != null && o.overlays() != null) {
			return o.overlays();
		}
		if (s != null && !s.getOverlays().isEmpty()) {
			return Set.copyOf(s.getOverlays());
		}
		return Set.copyOf(p.getOverlays());
	}

	/** Runs one scenario; to run many, keep a {@link ScenarioRunner} (it boots each platform once). */
	public static Trace run(Platform platform, Scenario scenario, RunOptions options) {
		return new ScenarioRunner(options).run(platform, scenario);
	}

	/** Runs a scenario on the platform it names. */
	public static Trace run(Scenario scenario, RunOptions options) {
		return run(scenario.getPlatform(), scenario, options);
	}

	/** Runs every scenario of a model whose platform resolves, in source order ({@link ScenarioRunner#runAll}). */
	public static List<Trace> runAll(Model model, RunOptions options) {
		List<Scenario> scenarios = new ArrayList<>();
		for (TopLevel t : model.getElements()) {
			if (t instanceof Scenario s && s.getPlatform() != null && !s.getPlatform().eIsProxy()) {
				scenarios.add(s);
			}
		}
		return new ScenarioRunner(options).runAll(scenarios);
	}

	/**
	 * Whether a reference of anything the object contains does not resolve (resolving each as it goes: Xtext
	 * links lazily). The validator does not run a scenario that has one; {@link ScenarioRunner#runAll} does not
	 * share out the scenarios of a platform that has one.
	 */
	public static boolean hasUnresolvedReferences(org.eclipse.emf.ecore.EObject root) {
		for (var it = root.eAllContents(); it.hasNext();) {
			for (org.eclipse.emf.ecore.EObject ref : it.next().eCrossReferences()) {
				if (ref.eIsProxy()) {
					return true;
				}
			}
		}
		return false;
	}
}

package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TopLevel;

/**
 * Entry point of the DMA semantics interpreter (shared/reference/cc-dma-semantics.md). Stateless: every
 * run builds its own machine, so the validator, CLI, generators and editors can call it concurrently.
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

	public static Trace run(Platform platform, Scenario scenario, RunOptions options) {
		if (platform == null || platform.eIsProxy()) {
			throw new IllegalArgumentException("scenario '" + scenario.getName() + "' has no resolved platform");
		}
		RunOptions opts = options == null ? RunOptions.defaults() : options;
		Profile profile = effectiveProfile(platform, scenario, opts);
		Set<Overlay> overlays = effectiveOverlays(platform, scenario, opts);
		PlatformFacts facts = PlatformFacts.of(platform, profile, overlays);
		Parameters params = Parameters.resolve(platform, opts.parameters());
		Machine m = new Machine(facts, params);

		Map<String, String> recorded = new LinkedHashMap<>(params.recorded());
		if (facts.hasCBit()) {
			recorded.put("c_bit", facts.cBit() + (platform.getCBit() > 0 ? " (platform)" : " (default)"));
		}
		if (facts.protNsShared() != 0) {
			recorded.put("ipa_bits", facts.ipaBits() + (platform.getIpaBits() > 0 ? " (platform)" : " (default)"));
		}
		List<String> boot = new ArrayList<>();
		boot.add("cc_platform_has: " + facts.ccPlatformHas().stream().map(Enum::name).sorted().toList() + " [§1.1]");
		boot.addAll(m.boot);
		for (PageStateChange c : m.bootChanges) {
			boot.add("state " + c.describe());
		}

		List<StepResult> results = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		StepExecutor exec = new StepExecutor(m);
		int i = 0;
		for (Step step : scenario.getSteps()) {
			StepResult r = exec.execute(step, i++);
			results.add(r);
			if (opts.checkInvariants()) {
				for (InvariantCheck c : opts.invariants()) {
					c.afterStep(r, m, findings::add);
				}
			}
		}
		return new Trace(platform, scenario, profile, overlays, recorded, boot, results, findings);
	}

	/** Runs a scenario on the platform it names. */
	public static Trace run(Scenario scenario, RunOptions options) {
		return run(scenario.getPlatform(), scenario, options);
	}

	/** Runs every scenario of a model, in source order. */
	public static List<Trace> runAll(Model model, RunOptions options) {
		List<Trace> out = new ArrayList<>();
		for (TopLevel t : model.getElements()) {
			if (t instanceof Scenario s && s.getPlatform() != null && !s.getPlatform().eIsProxy()) {
				out.add(run(s.getPlatform(), s, options));
			}
		}
		return out;
	}
}

package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;

/**
 * Runs scenarios with one set of options, booting each (platform, effective profile, effective
 * overlays) once and starting every run from that {@link BootImage}. Keep one per batch over a model
 * that does not change meanwhile (a validation pass, `coco run`, a generator); not thread-safe.
 */
public final class ScenarioRunner {
	private record Key(Platform platform, Profile profile, Set<Overlay> overlays) {
	}

	private final RunOptions options;
	private final Map<Key, BootImage> images = new HashMap<>();

	public ScenarioRunner(RunOptions options) {
		this.options = options == null ? RunOptions.defaults() : options;
	}

	/** Runs a scenario on the platform it names. */
	public Trace run(Scenario scenario) {
		return run(scenario.getPlatform(), scenario);
	}

	public Trace run(Platform platform, Scenario scenario) {
		if (platform == null || platform.eIsProxy()) {
			throw new IllegalArgumentException("scenario '" + scenario.getName() + "' has no resolved platform");
		}
		BootImage image = image(platform, CocoRuntime.effectiveProfile(platform, scenario, options),
				CocoRuntime.effectiveOverlays(platform, scenario, options));
		Session session = image.open();
		List<StepResult> results = new ArrayList<>(scenario.getSteps().size());
		List<Finding> findings = new ArrayList<>();
		java.util.function.Consumer<Finding> found = findings::add;
		List<Step> steps = scenario.getSteps();
		for (int i = 0; i < steps.size(); i++) {
			results.add(session.step(steps.get(i), found));
		}
		return new Trace(platform, scenario, image.profile(), image.overlays(), image.parameters(), image.traceBoot(),
				results, findings);
	}

	/** The boot image of a platform under a profile and overlays, booted at the first request. */
	public BootImage image(Platform platform, Profile profile, Set<Overlay> overlays) {
		Key last = lastKey;
		if (last != null && last.platform() == platform && last.profile() == profile && last.overlays().equals(overlays)) {
			return lastImage; // the usual batch: every scenario on the same platform and options
		}
		Key k = new Key(platform, profile, Set.copyOf(overlays));
		BootImage image = images.computeIfAbsent(k, x -> BootImage.boot(x.platform(), x.profile(), x.overlays(), options));
		lastKey = k;
		lastImage = image;
		return image;
	}

	/** The image asked for last, and its key. */
	private Key lastKey;
	private BootImage lastImage;
}

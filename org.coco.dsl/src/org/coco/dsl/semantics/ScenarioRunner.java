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
		checkedPlatform(platform, scenario);
		BootImage image = image(platform, CocoRuntime.effectiveProfile(platform, scenario, options),
				CocoRuntime.effectiveOverlays(platform, scenario, options));
		return run(image, platform, scenario);
	}

	private static Platform checkedPlatform(Platform platform, Scenario scenario) {
		if (platform == null || platform.eIsProxy()) {
			throw new IllegalArgumentException("scenario '" + scenario.getName() + "' has no resolved platform");
		}
		return platform;
	}

	/** Runs the scenario on a session of the image; reads the image and the model only (see {@link #runAll}). */
	private static Trace run(BootImage image, Platform platform, Scenario scenario) {
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

	/**
	 * Runs the scenarios, as {@link #run(Scenario)} each, and returns their traces in the same order. Scenarios
	 * are independent (each starts from its platform's boot image), so when there are enough steps to share
	 * and the model may be read from several threads, they run on all processors: the caller's thread and
	 * the common fork-join pool. Resolving a reference changes the resource (Xtext links lazily), so only
	 * reading may happen side by side: the platforms are booted and resolved first, here (a platform with a
	 * name that does not resolve runs its scenarios on this thread alone), and a step with a reference left
	 * to resolve runs under a lock ({@link Session#step}).
	 */
	public List<Trace> runAll(List<Scenario> scenarios) {
		Batch batch = prepare(scenarios);
		java.util.stream.IntStream is = java.util.stream.IntStream.range(0, scenarios.size());
		return (batch.parallel() ? is.parallel() : is)
				.mapToObj(i -> run(batch.images()[i], batch.platforms()[i], scenarios.get(i))).toList();
	}

	/** Whether {@link #runAll} runs these scenarios on several threads (it boots and resolves as runAll does). */
	public boolean runsInParallel(List<Scenario> scenarios) {
		return prepare(scenarios).parallel();
	}

	/** What {@link #runAll} needs before it runs: each scenario's platform and boot image, and whether to share. */
	private record Batch(Platform[] platforms, BootImage[] images, boolean parallel) {
	}

	private Batch prepare(List<Scenario> scenarios) {
		int n = scenarios.size();
		Platform[] platforms = new Platform[n];
		BootImage[] images = new BootImage[n];
		long steps = 0;
		for (int i = 0; i < n; i++) {
			Scenario s = scenarios.get(i);
			platforms[i] = checkedPlatform(s.getPlatform(), s);
			images[i] = image(platforms[i], CocoRuntime.effectiveProfile(platforms[i], s, options),
					CocoRuntime.effectiveOverlays(platforms[i], s, options));
			steps += s.getSteps().size();
		}
		boolean parallel = steps >= PARALLEL_STEPS && Runtime.getRuntime().availableProcessors() > 1
				&& builtinChecksOnly() && allResolved(platforms);
		return new Batch(platforms, images, parallel);
	}

	/** Below this many steps in all, threads cost more than they save. */
	private static final long PARALLEL_STEPS = 2_000;

	/** The options' checks are coco's own, which keep no state (a caller's own check may). */
	private boolean builtinChecksOnly() {
		for (InvariantCheck c : options.invariants()) {
			if (!(c instanceof Invariants.Invariant)) {
				return false;
			}
		}
		return true;
	}

	/** Resolves every reference of the platforms (once per runner); false if one does not resolve. */
	private boolean allResolved(Platform[] platforms) {
		for (Platform p : platforms) {
			if (!resolvedPlatforms.computeIfAbsent(p, x -> !CocoRuntime.hasUnresolvedReferences(x))) {
				return false;
			}
		}
		return true;
	}

	/** Platforms whose references were all resolved, or not, by {@link #allResolved}. */
	private final Map<Platform, Boolean> resolvedPlatforms = new HashMap<>();

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

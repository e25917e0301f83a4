package org.coco.dsl.validation;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.PlatformFacts;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * How a platform is used: the scenarios that run on it (in every file loaded with it) and the
 * configurations (profile + overlays) they run it in. A platform fact that depends on the profile
 * (the heap exists from ccs71 on, private pools from the series) is judged over these, so that a
 * base platform used by ccs71 and series-v7 scenarios is not blamed for what base lacks.
 */
final class PlatformUsage {
	private PlatformUsage() {
	}

	static List<Scenario> scenariosOn(Platform platform) {
		List<Scenario> out = new ArrayList<>();
		Resource own = platform.eResource();
		List<Resource> resources = own == null ? List.of()
				: own.getResourceSet() == null ? List.of(own) : List.copyOf(own.getResourceSet().getResources());
		for (Resource r : resources) {
			for (EObject root : r.getContents()) {
				if (root instanceof Model m) {
					for (TopLevel t : m.getElements()) {
						if (t instanceof Scenario s && s.getPlatform() == platform) {
							out.add(s);
						}
					}
				}
			}
		}
		return out;
	}

	/** The platform's own configuration and that of every scenario on it. */
	static List<PlatformFacts> configurations(Platform platform) {
		List<PlatformFacts> out = new ArrayList<>();
		out.add(PlatformFacts.of(platform));
		for (Scenario s : scenariosOn(platform)) {
			out.add(scenarioFacts(platform, s));
		}
		return out;
	}

	static PlatformFacts scenarioFacts(Platform platform, Scenario s) {
		return PlatformFacts.of(platform, CocoRuntime.effectiveProfile(platform, s, null),
				CocoRuntime.effectiveOverlays(platform, s, null));
	}

	/**
	 * Configurations where the DMA-BUF heap names exist (ccs71 and later): the scenarios', plus the
	 * platform's own if its profile has them; with neither, the platform under ccs71.
	 */
	static List<PlatformFacts> heapConfigurations(Platform platform) {
		List<PlatformFacts> out = new ArrayList<>();
		PlatformFacts own = PlatformFacts.of(platform);
		if (own.ccSharedKnown()) {
			out.add(own);
		}
		for (Scenario s : scenariosOn(platform)) {
			PlatformFacts f = scenarioFacts(platform, s);
			if (f.ccSharedKnown()) {
				out.add(f);
			}
		}
		if (out.isEmpty()) {
			out.add(PlatformFacts.of(platform, Profile.CCS71, own.overlays()));
		}
		return out;
	}
}

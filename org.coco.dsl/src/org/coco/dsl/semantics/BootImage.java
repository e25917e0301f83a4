package org.coco.dsl.semantics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;

/**
 * A platform booted once under one profile, overlay set and parameters (§3 initial states): every
 * {@link #open() session} starts from a copy of it that shares what it does not change, so a run costs
 * O(its steps and what they touch) instead of O(platform). Immutable; sessions opened from one image do
 * not affect each other or the image. Valid as long as the model it was booted from does not change.
 */
public final class BootImage {
	private final Platform platform;
	private final Profile profile;
	private final Set<Overlay> overlays;
	private final RunOptions options;
	private final PlatformFacts facts;
	private final Machine machine;
	private final Map<String, String> recorded;
	private final List<String> traceBoot;

	private BootImage(Platform platform, Profile profile, Set<Overlay> overlays, RunOptions options) {
		this.platform = platform;
		this.profile = profile;
		this.overlays = Set.copyOf(overlays);
		this.options = options;
		this.facts = PlatformFacts.of(platform, profile, this.overlays);
		Parameters params = Parameters.resolve(platform, options.parameters());
		this.machine = Machine.bootImage(facts, params);

		Map<String, String> rec = new LinkedHashMap<>(params.recorded());
		if (facts.hasCBit()) {
			rec.put("c_bit", facts.cBit() + (platform.getCBit() > 0 ? " (platform)" : " (default)"));
		}
		if (facts.protNsShared() != 0) {
			rec.put("ipa_bits", facts.ipaBits() + (platform.getIpaBits() > 0 ? " (platform)" : " (default)"));
		}
		this.recorded = Map.copyOf(rec);
		List<String> boot = new ArrayList<>();
		boot.add("cc_platform_has: " + facts.ccPlatformHas().stream().map(Enum::name).sorted().toList() + " [§1.1]");
		boot.addAll(machine.boot);
		for (PageStateChange c : machine.bootChanges) {
			boot.add("state " + c.describe());
		}
		this.traceBoot = List.copyOf(boot);
	}

	/**
	 * Boots the platform under the given profile and overlays (null: the platform's) with the options'
	 * parameters; the options' invariant checks apply to the sessions opened from the image.
	 */
	public static BootImage boot(Platform platform, Profile profile, Set<Overlay> overlays, RunOptions options) {
		if (platform == null || platform.eIsProxy()) {
			throw new IllegalArgumentException("no resolved platform to boot");
		}
		RunOptions opts = options == null ? RunOptions.defaults() : options;
		return new BootImage(platform, profile != null ? profile : platform.getProfile(),
				overlays != null ? overlays : Set.copyOf(platform.getOverlays()), opts);
	}

	/** A fresh session on a copy of the booted machine. */
	public Session open() {
		return open(null);
	}

	/** {@link #open()} with the steps known resolved (null: none), shared by the caller's sessions. */
	Session open(ResolvedSteps resolved) {
		return new Session(machine.copy(), options, resolved);
	}

	public Platform platform() {
		return platform;
	}

	public Profile profile() {
		return profile;
	}

	public Set<Overlay> overlays() {
		return overlays;
	}

	public RunOptions options() {
		return options;
	}

	/** The named parameters with the value used and where it came from (as a trace reports them). */
	public Map<String, String> parameters() {
		return recorded;
	}

	/** The boot lines of a trace: cc_platform_has, boot messages, boot-time page-state changes. */
	public List<String> traceBoot() {
		return traceBoot;
	}

	PlatformFacts facts() {
		return facts;
	}
}

package org.coco.dsl.semantics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;

/**
 * Per-run options. {@code profile}/{@code overlays} override the scenario's and the platform's when
 * non-null; {@code parameters} sets the named unknown points of the reference (see {@link Parameters}
 * for names and choices); {@code checkInvariants} switches the {@link InvariantCheck}s on or off.
 */
public record RunOptions(Profile profile, Set<Overlay> overlays, Map<String, String> parameters,
		boolean checkInvariants, List<InvariantCheck> invariants) {

	public RunOptions {
		overlays = overlays == null ? null : Set.copyOf(overlays);
		parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
		invariants = invariants == null ? List.of() : List.copyOf(invariants);
		Parameters.validateNames(parameters.keySet());
	}

	/** No overrides; every §6 invariant of {@link Invariants#all()} checked after every step. */
	public static RunOptions defaults() {
		return new RunOptions(null, null, Map.of(), true, List.<InvariantCheck>copyOf(Invariants.all()));
	}

	public RunOptions withProfile(Profile p) {
		return new RunOptions(p, overlays, parameters, checkInvariants, invariants);
	}

	public RunOptions withOverlays(Set<Overlay> o) {
		return new RunOptions(profile, o, parameters, checkInvariants, invariants);
	}

	public RunOptions withParameter(String name, String value) {
		Map<String, String> m = new LinkedHashMap<>(parameters);
		m.put(name, value);
		return new RunOptions(profile, overlays, m, checkInvariants, invariants);
	}

	public RunOptions withInvariantChecking(boolean on) {
		return new RunOptions(profile, overlays, parameters, on, invariants);
	}

	public RunOptions withInvariants(List<InvariantCheck> checks) {
		return new RunOptions(profile, overlays, parameters, checkInvariants, checks);
	}
}

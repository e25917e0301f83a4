package org.coco.dsl.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.semantics.PlatformFacts;

/**
 * What the checks of one platform member read besides the member itself, its platform's settings and the
 * members it references (the dependency rule by which a member's issues may be kept across an edit: the language
 * server's MemberReusingDiagnostician).
 *
 * Through PlatformFacts and PlatformUsage they read the platform's pools, heaps and other members that are no
 * devices (the default swiotlb pool, whether atomic or restricted pools exist, the heaps declared; a heap's check
 * the other heaps), and the configurations (profile and overlays) the scenarios run the platform in. No member's
 * check reads another device: devices are read by their own checks, by the platform's checks (names, address
 * ranges, members used), and through a reference, which names them. So two states give a member's checks the
 * same input when the platform's members other than devices are the same objects in the same order and the
 * configurations are the same; the platform's settings and each reference are the caller's to compare.
 */
public final class MemberCheckInputs {

	private final List<PlatformMember> others;
	private final List<List<Object>> configurations;

	private MemberCheckInputs(List<PlatformMember> others, List<List<Object>> configurations) {
		this.others = others;
		this.configurations = configurations;
	}

	/** The inputs now; context: the running validation's map (the configurations are computed once per run). */
	public static MemberCheckInputs of(Platform platform, Map<Object, Object> context) {
		List<PlatformMember> others = new ArrayList<>();
		for (PlatformMember m : platform.getMembers()) {
			if (!(m instanceof Device)) {
				others.add(m);
			}
		}
		List<List<Object>> configurations = new ArrayList<>();
		for (PlatformFacts f : PlatformUsage.configurations(platform, context)) {
			configurations.add(List.of(f.profile(), f.overlays()));
		}
		return new MemberCheckInputs(others, configurations);
	}

	/** The same objects in the same order, and equal configurations. */
	public boolean sameAs(MemberCheckInputs o) {
		if (o == null || others.size() != o.others.size() || !configurations.equals(o.configurations)) {
			return false;
		}
		for (int i = 0; i < others.size(); i++) {
			if (others.get(i) != o.others.get(i)) {
				return false;
			}
		}
		return true;
	}
}

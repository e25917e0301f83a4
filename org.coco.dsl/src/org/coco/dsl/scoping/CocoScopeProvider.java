package org.coco.dsl.scoping;

import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Pool;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.scoping.impl.MapBasedScope;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Tuples;

import com.google.inject.Inject;

/**
 * Scenario steps name the devices, pools and MMIO regions of the scenario's platform (which may
 * live in another file) by their simple names, and buffers only once an earlier step created them.
 *
 * Performance (docs/performance.md): a fleet has 100k devices and as many references to them, so a
 * scope must not be a list searched per reference. Member scopes are hash maps built once per
 * platform and kept in the platform resource's cache (dropped when that resource changes); buffer
 * scopes look a name up in a per-scenario index (see {@link BufferScope}).
 */
public class CocoScopeProvider extends AbstractCocoScopeProvider {

	@Inject
	private IResourceScopeCache cache;

	@Override
	public IScope getScope(EObject context, EReference reference) {
		Scenario scenario = EcoreUtil2.getContainerOfType(context, Scenario.class);
		if (scenario == null || reference == CocoPackage.Literals.SCENARIO__PLATFORM) {
			return super.getScope(context, reference);
		}
		EClass type = reference.getEReferenceType();
		CocoPackage p = CocoPackage.eINSTANCE;
		if (type == p.getDevice()) {
			return members(scenario, Device.class);
		}
		if (type == p.getPool()) {
			return members(scenario, Pool.class);
		}
		if (type == p.getBuffer()) {
			return buffersBefore(scenario, context, IScope.NULLSCOPE);
		}
		if (type == p.getMapSource()) {
			// A buffer shadows an MMIO region of the same name.
			return buffersBefore(scenario, context, members(scenario, Mmio.class));
		}
		return super.getScope(context, reference);
	}

	/** The platform's members of one type by name; the first of equal names wins, as before. */
	private IScope members(Scenario scenario, Class<? extends EObject> type) {
		Platform platform = scenario.getPlatform();
		if (platform == null || platform.eIsProxy()) {
			return IScope.NULLSCOPE;
		}
		if (platform.eResource() == null) {
			return memberScope(platform, type);
		}
		return cache.get(Tuples.create("coco.members", platform, type), platform.eResource(),
				() -> memberScope(platform, type));
	}

	private static IScope memberScope(Platform platform, Class<? extends EObject> type) {
		List<? extends EObject> members = EcoreUtil2.typeSelect(platform.getMembers(), type);
		return MapBasedScope.createScope(IScope.NULLSCOPE, Scopes.scopedElementsFor(members));
	}

	/** Buffers (allocations and named mappings) declared by the steps before the one at context. */
	private IScope buffersBefore(Scenario scenario, EObject context, IScope parent) {
		BufferScope.Index index = scenario.eResource() == null ? BufferScope.Index.of(scenario)
				: cache.get(Tuples.pair("coco.buffers", scenario), scenario.eResource(), () -> BufferScope.Index.of(scenario));
		Step current = context instanceof Step s ? s : EcoreUtil2.getContainerOfType(context, Step.class);
		return new BufferScope(parent, index, index.positionOf(current));
	}
}

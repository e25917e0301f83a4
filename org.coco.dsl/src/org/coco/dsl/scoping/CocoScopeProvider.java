package org.coco.dsl.scoping;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.MapStep;
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

/**
 * Scenario steps name the devices, pools and MMIO regions of the scenario's platform (which may
 * live in another file) by their simple names, and buffers only once an earlier step created them.
 */
public class CocoScopeProvider extends AbstractCocoScopeProvider {

	@Override
	public IScope getScope(EObject context, EReference reference) {
		Scenario scenario = EcoreUtil2.getContainerOfType(context, Scenario.class);
		if (scenario == null || reference == CocoPackage.Literals.SCENARIO__PLATFORM) {
			return super.getScope(context, reference);
		}
		EClass type = reference.getEReferenceType();
		CocoPackage p = CocoPackage.eINSTANCE;
		if (type == p.getDevice()) {
			return Scopes.scopeFor(members(scenario, Device.class));
		}
		if (type == p.getPool()) {
			return Scopes.scopeFor(members(scenario, Pool.class));
		}
		if (type == p.getBuffer()) {
			return Scopes.scopeFor(buffersBefore(scenario, context));
		}
		if (type == p.getMapSource()) {
			List<EObject> sources = new ArrayList<>(buffersBefore(scenario, context));
			sources.addAll(members(scenario, Mmio.class));
			return Scopes.scopeFor(sources);
		}
		return super.getScope(context, reference);
	}

	private static <T extends EObject> List<T> members(Scenario scenario, Class<T> type) {
		Platform platform = scenario.getPlatform();
		if (platform == null || platform.eIsProxy()) {
			return List.of();
		}
		return EcoreUtil2.typeSelect(platform.getMembers(), type);
	}

	/** Buffers (allocations and named mappings) declared by the steps before the one at context. */
	private static List<Buffer> buffersBefore(Scenario scenario, EObject context) {
		Step current = context instanceof Step s ? s : EcoreUtil2.getContainerOfType(context, Step.class);
		List<Buffer> result = new ArrayList<>();
		for (Step step : scenario.getSteps()) {
			if (step == current) {
				break;
			}
			if (step instanceof AllocStep alloc && alloc.getBuffer() != null) {
				result.add(alloc.getBuffer());
			} else if (step instanceof MapStep map && map.getMapping() != null) {
				result.add(map.getMapping());
			}
		}
		// Later declarations shadow earlier ones of the same name.
		java.util.Collections.reverse(result);
		return result;
	}
}

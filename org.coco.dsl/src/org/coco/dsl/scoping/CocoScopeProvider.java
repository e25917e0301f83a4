package org.coco.dsl.scoping;

import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Pool;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
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
		if (scenario == null && PlatformMember.class.isAssignableFrom(reference.getEReferenceType().getInstanceClass())
				&& EcoreUtil2.getContainerOfType(context, Platform.class) instanceof Platform platform) {
			return ownMembersFirst(platform, reference.getEReferenceType().getInstanceClass(), context, reference);
		}
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

	/**
	 * `restricted-pool`, `for` and `of` inside a platform: a name is a member of that platform, found in the
	 * cached member map; only a name that is none of them goes to Xtext's namespace-aware scope (imports,
	 * other files), which had been built per reference (a third of the linking time of a 100k-line model).
	 * That scope answers everything else as before (content assist, names of objects).
	 */
	private IScope ownMembersFirst(Platform platform, Class<?> type, EObject context, EReference reference) {
		IScope own = members(platform, type.asSubclass(EObject.class));
		return new MembersFirstScope(own, () -> super.getScope(context, reference));
	}

	/** The scenario's platform's members of one type by name; the first of equal names wins, as before. */
	private IScope members(Scenario scenario, Class<? extends EObject> type) {
		return members(scenario.getPlatform(), type);
	}

	private IScope members(Platform platform, Class<? extends EObject> type) {
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

	/** A name found among the members wins; the outer scope is built only when one is not found. */
	private static final class MembersFirstScope implements IScope {
		private final IScope members;
		private final java.util.function.Supplier<IScope> outerFactory;
		private IScope outer;

		MembersFirstScope(IScope members, java.util.function.Supplier<IScope> outer) {
			this.members = members;
			this.outerFactory = outer;
		}

		private IScope outer() {
			if (outer == null) {
				outer = outerFactory.get();
			}
			return outer;
		}

		@Override
		public IEObjectDescription getSingleElement(QualifiedName name) {
			IEObjectDescription own = members.getSingleElement(name);
			return own != null ? own : outer().getSingleElement(name);
		}

		@Override
		public Iterable<IEObjectDescription> getElements(QualifiedName name) {
			Iterable<IEObjectDescription> own = members.getElements(name);
			return own.iterator().hasNext() ? own : outer().getElements(name);
		}

		@Override
		public IEObjectDescription getSingleElement(EObject object) {
			return outer().getSingleElement(object);
		}

		@Override
		public Iterable<IEObjectDescription> getElements(EObject object) {
			return outer().getElements(object);
		}

		@Override
		public Iterable<IEObjectDescription> getAllElements() {
			return outer().getAllElements();
		}
	}

	/** Buffers (allocations and named mappings) declared by the steps before the one at context. */
	private IScope buffersBefore(Scenario scenario, EObject context, IScope parent) {
		BufferScope.Index index = scenario.eResource() == null ? BufferScope.Index.of(scenario)
				: cache.get(Tuples.pair("coco.buffers", scenario), scenario.eResource(), () -> BufferScope.Index.of(scenario));
		Step current = context instanceof Step s ? s : EcoreUtil2.getContainerOfType(context, Step.class);
		return new BufferScope(parent, index, index.positionOf(current));
	}
}

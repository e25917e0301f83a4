package org.coco.dsl.scoping;

import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Model;
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
		OwnScope own = ownScope(context, reference);
		if (own == null) {
			return super.getScope(context, reference);
		}
		return own.outerToo() ? new MembersFirstScope(own.scope(), () -> super.getScope(context, reference)) : own.scope();
	}

	/**
	 * The object a name denotes at this reference when the file's own declarations decide it (a member of
	 * the platform around or named by the scenario, a buffer of the scenario), or null when only the whole
	 * scope can say (a name this scope does not hold, another file, imports). What {@link #getScope} would
	 * find for that name, without Xtext's proxies (the batch commands' {@code EagerLinker}).
	 */
	public EObject ownTarget(EObject context, EReference reference, QualifiedName name) {
		OwnScope own = ownScope(context, reference);
		IEObjectDescription found = own == null ? null : own.scope().getSingleElement(name);
		return found == null ? null : found.getEObjectOrProxy();
	}

	/** coco's own scope; outerToo: a name it does not hold goes on to Xtext's namespace-aware scope. */
	private record OwnScope(IScope scope, boolean outerToo) {
	}

	/** coco's own scope of a reference, or null when it is Xtext's namespace-aware scope. */
	private OwnScope ownScope(EObject context, EReference reference) {
		Scenario scenario = EcoreUtil2.getContainerOfType(context, Scenario.class);
		if (scenario == null && PlatformMember.class.isAssignableFrom(reference.getEReferenceType().getInstanceClass())
				&& EcoreUtil2.getContainerOfType(context, Platform.class) instanceof Platform platform) {
			// `restricted-pool`, `for` and `of` inside a platform: a member of that platform, from the cached member
			// map; only a name that is none of them goes on to Xtext's scope (imports, other files), which had been
			// built per reference (a third of the linking time of a 100k-line model)
			return new OwnScope(members(platform, reference.getEReferenceType().getInstanceClass().asSubclass(EObject.class)), true);
		}
		if (reference == CocoPackage.Literals.SCENARIO__PLATFORM) {
			return ownPlatforms(context);
		}
		if (scenario == null) {
			return null;
		}
		EClass type = reference.getEReferenceType();
		CocoPackage p = CocoPackage.eINSTANCE;
		if (type == p.getDevice()) {
			return new OwnScope(members(scenario, Device.class), false);
		}
		if (type == p.getPool()) {
			return new OwnScope(members(scenario, Pool.class), false);
		}
		if (type == p.getBuffer()) {
			return new OwnScope(buffersBefore(scenario, context, IScope.NULLSCOPE), false);
		}
		if (type == p.getMapSource()) {
			// A buffer shadows an MMIO region of the same name.
			return new OwnScope(buffersBefore(scenario, context, members(scenario, Mmio.class)), false);
		}
		return null;
	}

	/**
	 * `scenario ... on P`: the file's first platform named P, as Xtext's namespace-aware scope finds it
	 * before anything else when the file has a package (its own namespace is searched first) or no imports
	 * (its own names come before other files'); only then. Spares a resource-wide table of qualified names
	 * (the platform's members included) that nothing else needed: 0.2 s of a 100k-line validate.
	 */
	private OwnScope ownPlatforms(EObject context) {
		if (!(EcoreUtil2.getRootContainer(context) instanceof Model model)
				|| model.getName() == null && !model.getImports().isEmpty()) {
			return null;
		}
		IScope platforms = model.eResource() == null ? platformScope(model)
				: cache.get(Tuples.pair("coco.platforms", model), model.eResource(), () -> platformScope(model));
		return new OwnScope(platforms, true);
	}

	private static IScope platformScope(Model model) {
		return MapBasedScope.createScope(IScope.NULLSCOPE,
				Scopes.scopedElementsFor(EcoreUtil2.typeSelect(model.getElements(), Platform.class)));
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

package org.coco.dsl.scoping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.AbstractScope;

/**
 * The buffers visible at one step of a scenario: those declared (by an allocation or a named
 * mapping) at an earlier step; a later declaration of a name shadows an earlier one. A name is
 * looked up in the scenario's {@link Index} (a binary search over that name's declarations), so
 * linking a scenario of n steps costs O(n log n), not O(n²).
 */
final class BufferScope extends AbstractScope {

	/** Per scenario: each step's position, and each buffer name's declarations in step order. */
	static final class Index {
		private final Map<Step, Integer> positions = new IdentityHashMap<>();
		private final Map<String, List<Decl>> byName = new HashMap<>();
		private final List<Decl> all = new ArrayList<>();
		private final int size;

		record Decl(int position, Buffer buffer) {
		}

		static Index of(Scenario scenario) {
			return new Index(scenario.getSteps());
		}

		private Index(List<Step> steps) {
			int i = 0;
			for (Step step : steps) {
				positions.put(step, i);
				Buffer declared = step instanceof AllocStep alloc ? alloc.getBuffer()
						: step instanceof MapStep map ? map.getMapping() : null;
				if (declared != null && declared.getName() != null) {
					Decl d = new Decl(i, declared);
					byName.computeIfAbsent(declared.getName(), n -> new ArrayList<>()).add(d);
					all.add(d);
				}
				i++;
			}
			size = i;
		}

		/** The step's position; a context outside any step (the scenario itself) sees every buffer. */
		int positionOf(Step step) {
			Integer p = step == null ? null : positions.get(step);
			return p == null ? size : p;
		}

		/** The latest declaration of name strictly before position, or null. */
		Buffer latestBefore(String name, int position) {
			List<Decl> decls = byName.get(name);
			if (decls == null) {
				return null;
			}
			int lo = 0, hi = decls.size() - 1, found = -1;
			while (lo <= hi) {
				int mid = (lo + hi) >>> 1;
				if (decls.get(mid).position() < position) {
					found = mid;
					lo = mid + 1;
				} else {
					hi = mid - 1;
				}
			}
			return found < 0 ? null : decls.get(found).buffer();
		}
	}

	private final Index index;
	private final int position;

	BufferScope(IScope parent, Index index, int position) {
		super(parent, false);
		this.index = index;
		this.position = position;
	}

	@Override
	protected IEObjectDescription getSingleLocalElementByName(QualifiedName name) {
		if (name.getSegmentCount() != 1) {
			return null;
		}
		Buffer b = index.latestBefore(name.getFirstSegment(), position);
		return b == null ? null : EObjectDescription.create(name, b);
	}

	@Override
	protected Iterable<IEObjectDescription> getLocalElementsByName(QualifiedName name) {
		IEObjectDescription d = getSingleLocalElementByName(name);
		return d == null ? Collections.emptyList() : List.of(d);
	}

	/** Every visible buffer, latest declaration first (for content assist and the like: O(n) is fine there). */
	@Override
	protected Iterable<IEObjectDescription> getAllLocalElements() {
		List<IEObjectDescription> result = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (int i = index.all.size() - 1; i >= 0; i--) {
			Index.Decl d = index.all.get(i);
			if (d.position() < position && seen.add(d.buffer().getName())) {
				result.add(EObjectDescription.create(QualifiedName.create(d.buffer().getName()), d.buffer()));
			}
		}
		return result;
	}
}

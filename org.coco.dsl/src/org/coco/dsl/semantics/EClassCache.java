package org.coco.dsl.semantics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.coco.dsl.coco.CocoPackage;
import org.eclipse.emf.ecore.EClass;

/**
 * A value computed once per EClass and asked per step: coco's own classes are looked up by classifier
 * id in an array (a map lookup per step showed in profiles), other classes in a map. Thread-safe: values
 * are published through a map and an atomic array; computing one twice gives the same.
 */
final class EClassCache<T> {
	private final Function<EClass, T> compute;
	private final java.util.concurrent.atomic.AtomicReferenceArray<Object> coco = new java.util.concurrent.atomic.AtomicReferenceArray<>(
			CocoPackage.eINSTANCE.getEClassifiers().size() + 1);
	private final Map<EClass, T> others = new ConcurrentHashMap<>();

	EClassCache(Function<EClass, T> compute) {
		this.compute = compute;
	}

	@SuppressWarnings("unchecked")
	T get(EClass c) {
		int id = c.getClassifierID();
		boolean own = id >= 0 && id < coco.length() && c.getEPackage() == CocoPackage.eINSTANCE;
		Object v = own ? coco.get(id) : null;
		if (v == null) {
			v = others.computeIfAbsent(c, compute);
			if (own) {
				coco.set(id, v);
			}
		}
		return (T) v;
	}
}

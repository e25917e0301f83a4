package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;

import org.coco.dsl.coco.CocoFactory;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Step;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.junit.jupiter.api.Test;

/**
 * The interpreter recognises a step's kind by its Java class before asking eClass() (a cost per step):
 * for every concrete step class of the metamodel the answer is the classifier id EMF gives.
 */
class StepKindTest {

	@Test
	void everyStepClassHasItsClassifierIdAsKind() throws Exception {
		Method kind = Class.forName("org.coco.dsl.semantics.StepExecutor").getDeclaredMethod("kind", Step.class);
		kind.setAccessible(true);
		int steps = 0;
		for (EClassifier c : CocoPackage.eINSTANCE.getEClassifiers()) {
			if (c instanceof EClass ec && !ec.isAbstract() && !ec.isInterface()
					&& CocoPackage.Literals.STEP.isSuperTypeOf(ec) && ec != CocoPackage.Literals.STEP) {
				Step s = (Step) CocoFactory.eINSTANCE.create(ec);
				assertEquals(ec.getClassifierID(), (int) kind.invoke(null, s), ec.getName());
				steps++;
			}
		}
		assertTrue(steps >= 10, "the metamodel's step classes were found: " + steps);
	}
}

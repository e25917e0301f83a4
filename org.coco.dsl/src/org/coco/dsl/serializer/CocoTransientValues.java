package org.coco.dsl.serializer;

import org.coco.dsl.coco.CocoPackage;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.serializer.sequencer.LegacyTransientValueService;

/**
 * The serializer leaves out an enum attribute that holds its default (first) literal. A platform's
 * `technology` must always be written, even `non-cc`, which is that default.
 */
public class CocoTransientValues extends LegacyTransientValueService {

	@Override
	public ValueTransient isValueTransient(EObject semanticObject, EStructuralFeature feature) {
		if (feature == CocoPackage.Literals.PLATFORM__TECHNOLOGY) {
			return ValueTransient.NO;
		}
		return super.isValueTransient(semanticObject, feature);
	}
}

package org.coco.dsl;

import org.coco.dsl.coco.CocoPackage;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * EMF builds coco's per-class feature tables, name maps and enum literal maps lazily, on first use, and not
 * thread-safely. Whoever parses or validates on more than one thread builds them here first, on one thread, so that
 * the others only read them: the batch commands' two parse and validation threads, the language server's warm-up
 * (it parses while the server builds the user's files).
 */
public final class MetamodelTables {

	private MetamodelTables() {
	}

	public static void build() {
		for (EClassifier c : CocoPackage.eINSTANCE.getEClassifiers()) {
			if (c instanceof EClass e) {
				for (EStructuralFeature f : e.getEAllStructuralFeatures()) {
					e.getEStructuralFeature(f.getName()); // the parser sets features by name
					e.getFeatureID(f);
				}
				e.getEAllContainments();
				e.getEAllReferences();
				e.getEAllAttributes();
				e.getEAllSuperTypes();
				e.getFeatureCount();
				e.getEAllOperations();
			} else if (c instanceof EEnum e) {
				for (EEnumLiteral l : e.getELiterals()) {
					e.getEEnumLiteral(l.getName());
					e.getEEnumLiteralByLiteral(l.getLiteral());
					e.getEEnumLiteral(l.getValue());
				}
			}
		}
	}
}

package org.coco.dsl;

import org.coco.dsl.conversion.CocoValueConverters;
import org.coco.dsl.documentation.CocoDocumentationProvider;
import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;

/** Binds coco's own services into Xtext's runtime injector. */
public class CocoRuntimeModule extends AbstractCocoRuntimeModule {

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return CocoValueConverters.class;
	}

	public Class<? extends IEObjectDocumentationProvider> bindIEObjectDocumentationProvider() {
		return CocoDocumentationProvider.class;
	}
}

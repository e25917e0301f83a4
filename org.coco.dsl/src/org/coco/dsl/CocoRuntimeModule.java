package org.coco.dsl;

import org.coco.dsl.conversion.CocoValueConverters;
import org.eclipse.xtext.conversion.IValueConverterService;

/** Binds coco's own services into Xtext's runtime injector. */
public class CocoRuntimeModule extends AbstractCocoRuntimeModule {

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return CocoValueConverters.class;
	}
}

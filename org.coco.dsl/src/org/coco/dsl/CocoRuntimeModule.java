package org.coco.dsl;

import org.coco.dsl.conversion.CocoValueConverters;
import org.coco.dsl.documentation.CocoDocumentationProvider;
import org.coco.dsl.parser.CocoSyntaxErrorMessageProvider;
import org.coco.dsl.serializer.CocoTransientValues;
import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;

/** Binds coco's own services into Xtext's runtime injector. */
public class CocoRuntimeModule extends AbstractCocoRuntimeModule {

	@Override
	public Class<? extends IValueConverterService> bindIValueConverterService() {
		return CocoValueConverters.class;
	}

	public Class<? extends IEObjectDocumentationProvider> bindIEObjectDocumentationProvider() {
		return CocoDocumentationProvider.class;
	}

	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return CocoSyntaxErrorMessageProvider.class;
	}

	public Class<? extends org.eclipse.xtext.serializer.sequencer.ITransientValueService> bindSerializerTransientValueService() {
		return CocoTransientValues.class;
	}

	/** Linking errors that say what to declare, with data for the "create it" quick fix. */
	public Class<? extends org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return org.coco.dsl.validation.UnresolvedReferenceMessages.class;
	}
}

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

	/** Namespace-aware scoping without indexing scenario contents (performance, see the class). */
	@Override
	public void configureIScopeProviderDelegate(com.google.inject.Binder binder) {
		binder.bind(org.eclipse.xtext.scoping.IScopeProvider.class)
				.annotatedWith(com.google.inject.name.Names.named(org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
				.to(org.coco.dsl.scoping.CocoImportedNamespaceScopeProvider.class);
	}

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

	/**
	 * No EMF EObjectValidator on every object: coco's metamodel is inferred from the grammar, so it has no
	 * lower bounds, keys, IDs, map entries or constraints for it to check (the parser already gives each
	 * feature its type and multiplicity) and Xtext reports unresolved references itself; it took about
	 * 40 % of the validation CPU time of a 100k-line model (docs/performance.md).
	 */
	public void configureUseEObjectValidator(com.google.inject.Binder binder) {
		binder.bind(Boolean.class).annotatedWith(com.google.inject.name.Names.named(org.eclipse.xtext.validation.CompositeEValidator.USE_EOBJECT_VALIDATOR))
				.toInstance(Boolean.FALSE);
	}

	/** EMF's URI fragments without a linear search per object in long lists (performance, see the class). */
	public Class<? extends org.eclipse.xtext.resource.IFragmentProvider> bindIFragmentProvider() {
		return org.coco.dsl.scoping.CocoFragmentProvider.class;
	}

	/**
	 * A file with an error stays linear to link and unload (every tool: an editor mid-keystroke, `coco
	 * validate` of a file with one unknown name): see RelinkingResource.
	 */
	public Class<? extends org.eclipse.xtext.resource.XtextResource> bindXtextResource() {
		return org.coco.dsl.linking.RelinkingResource.class;
	}

	/** Linking errors that say what to declare, with data for the "create it" quick fix. */
	public Class<? extends org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return org.coco.dsl.validation.UnresolvedReferenceMessages.class;
	}

	/** Proxy types remembered per reference and owner class (performance, see the class). */
	public Class<? extends org.eclipse.xtext.linking.ILinker> bindILinker() {
		return org.coco.dsl.linking.CocoLinker.class;
	}

	/** A text that ends in a lone \r gets positions for its end (see the class: errors there had been dropped). */
	public Class<? extends org.eclipse.xtext.nodemodel.impl.NodeModelBuilder> bindNodeModelBuilder() {
		return org.coco.dsl.parser.CocoNodeModelBuilder.class;
	}
}

package org.coco.dsl.ide;

import org.coco.dsl.ide.contentassist.CocoIdeContentProposalProvider;
import org.coco.dsl.ide.editor.CocoHoverService;
import org.coco.dsl.ide.highlighting.CocoSemanticHighlightingCalculator;
import org.coco.dsl.ide.server.RunScenariosCommand;
import org.eclipse.xtext.generator.IGenerator2;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.commands.IExecutableCommandService;
import org.eclipse.xtext.ide.server.hover.IHoverService;

/** IDE services shared by the language server and the Eclipse editor. */
public class CocoIdeModule extends AbstractCocoIdeModule {

	public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
		return CocoSemanticHighlightingCalculator.class;
	}

	public Class<? extends IExecutableCommandService> bindIExecutableCommandService() {
		return RunScenariosCommand.class;
	}

	/** TSM operations proposed only where the device accepts them (editor and language server). */
	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return CocoIdeContentProposalProvider.class;
	}

	/** No generated files on save: see NoGenerator. */
	public Class<? extends IGenerator2> bindIGenerator2() {
		return NoGenerator.class;
	}

	/**
	 * Nothing to generate, so nothing to decide: Xtext's default decides by validating the file a
	 * second time after every build (scenario runs included), only to call NoGenerator.
	 */
	public void configureIShouldGenerate(com.google.inject.Binder binder) {
		binder.bind(org.eclipse.xtext.generator.IShouldGenerate.class).toInstance((resource, cancelIndicator) -> false);
	}

	/** Quick fixes (org.coco.dsl.ide.quickfix.CocoQuickFixes) offered as LSP code actions. */
	public Class<? extends org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider> bindIQuickFixProvider() {
		return org.coco.dsl.ide.quickfix.CocoQuickfixProvider.class;
	}

	public Class<? extends org.eclipse.xtext.ide.server.codeActions.ICodeActionService2> bindICodeActionService2() {
		return org.eclipse.xtext.ide.server.codeActions.QuickFixCodeActionService.class;
	}

	/** The index exports only what other files can reference (see ReferableExports). */
	public Class<? extends org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
		return org.coco.dsl.ide.server.ReferableExports.class;
	}

	/** The index entries of a file's unchanged parts are reused on an edit (see ReusingResourceDescription). */
	public Class<? extends org.eclipse.xtext.resource.IResourceDescription.Manager> bindIResourceDescription$Manager() {
		return org.coco.dsl.ide.server.ReusingResourceDescriptionManager.class;
	}

	/**
	 * coco's namespace-aware scoping, whose table of the file's qualified names keeps the entries of the parts an
	 * edit did not change (see PartReusingScopeProvider).
	 */
	public void configureIScopeProviderDelegate(com.google.inject.Binder binder) {
		binder.bind(org.eclipse.xtext.scoping.IScopeProvider.class)
				.annotatedWith(com.google.inject.name.Names.named(org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
				.to(org.coco.dsl.ide.server.PartReusingScopeProvider.class);
	}

	/** A file's validation keeps the issues of the platform members an edit did not change (see MemberReusingDiagnostician). */
	public Class<? extends org.eclipse.emf.ecore.util.Diagnostician> bindDiagnostician() {
		return org.coco.dsl.ide.server.MemberReusingDiagnostician.class;
	}

	/** A partial parse lexes from a token near the edit, not from the file's start (see NearbyTokenRegions). */
	public Class<? extends org.eclipse.xtext.parser.antlr.IPartialParsingHelper> bindIPartialParserHelper() {
		return org.coco.dsl.ide.server.NearbyTokenRegions.Helper.class;
	}

	public Class<? extends org.eclipse.xtext.parser.impl.TokenRegionProvider> bindTokenRegionProvider() {
		return org.coco.dsl.ide.server.NearbyTokenRegions.Regions.class;
	}

	/** Keyword hovers besides element documentation (editor and language server). */
	public Class<? extends IHoverService> bindIHoverService() {
		return CocoHoverService.class;
	}
}

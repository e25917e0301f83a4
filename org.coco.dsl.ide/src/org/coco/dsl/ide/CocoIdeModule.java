package org.coco.dsl.ide;

import org.coco.dsl.ide.contentassist.CocoIdeContentProposalProvider;
import org.coco.dsl.ide.editor.CocoHoverService;
import org.coco.dsl.ide.highlighting.CocoSemanticHighlightingCalculator;
import org.coco.dsl.ide.quickfix.MissingTechnologyQuickfix;
import org.coco.dsl.ide.server.RunScenariosCommand;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
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

	/** Keyword hovers besides element documentation (editor and language server). */
	public Class<? extends IHoverService> bindIHoverService() {
		return CocoHoverService.class;
	}

	/** Until the full quick fix provider lands: the one fix the editor plugin needs to be tested. */
	public Class<? extends IQuickFixProvider> bindIQuickFixProvider() {
		return MissingTechnologyQuickfix.class;
	}
}

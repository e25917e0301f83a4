package org.coco.dsl.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.ide.editor.Completions;
import org.coco.dsl.ui.CocoParser;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.Documents;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/** Content assist (Ctrl+Space) from the language's IdeContentProposalProvider. */
public class CocoContentAssistProcessor implements IContentAssistProcessor {

	private String error;

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		error = null;
		List<ICompletionProposal> out = new ArrayList<>();
		try {
			IDocument document = viewer.getDocument();
			String text = document.get();
			XtextResource resource = CocoParser.parse(Documents.fileOf(document), text);
			for (ContentAssistEntry e : CocoUiPlugin.get(Completions.class).at(resource, text, offset, CancelIndicator.NullImpl)) {
				String prefix = e.getPrefix() == null ? "" : e.getPrefix();
				String proposal = e.getProposal();
				if (proposal == null || prefix.length() > offset) {
					continue;
				}
				String label = e.getLabel() != null ? e.getLabel() : proposal;
				if (e.getDescription() != null) {
					label += " - " + e.getDescription();
				}
				out.add(new CompletionProposal(proposal, offset - prefix.length(), prefix.length(), proposal.length(),
						null, label, null, e.getDocumentation()));
			}
		} catch (RuntimeException e) {
			error = "content assist failed: " + e.getMessage();
			CocoUiPlugin.log(error, e);
		}
		return out.toArray(ICompletionProposal[]::new);
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return null;
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return error;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}

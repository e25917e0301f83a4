package org.coco.dsl.ui.editor;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;

/**
 * Registered as coco's folding reconciler so that the Generic Editor does not add its indentation
 * folding. coco's folding (platform, scenario and device blocks) is set by {@link CocoReconciler}'s
 * job, which parses once for validation, coloring, folding and outline.
 */
public class NoIndentFolding implements IReconciler {

	@Override
	public void install(ITextViewer textViewer) {
		// folding comes from CocoReconciler
	}

	@Override
	public void uninstall() {
		// nothing installed
	}

	@Override
	public IReconcilingStrategy getReconcilingStrategy(String contentType) {
		return null;
	}
}

package org.coco.dsl.ide.editor;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

import com.google.inject.Inject;

/** Go to definition: the reference under an offset and where its target is declared. */
public class Definitions {

	/** link: the reference's text; target: the declaring file; targetRegion: the declared name. */
	public record Definition(ITextRegion link, URI target, ITextRegion targetRegion) {
	}

	@Inject
	private EObjectAtOffsetHelper atOffset;

	@Inject
	private ILocationInFileProvider locations;

	/** The definition of the reference at offset, or null if there is none or it does not resolve. */
	public Definition at(XtextResource resource, int offset) {
		INode node = atOffset.getCrossReferenceNode(resource, new TextRegion(offset, 0));
		if (node == null) {
			return null;
		}
		EObject target = atOffset.resolveCrossReferencedElementAt(resource, offset);
		if (target == null || target.eIsProxy() || target.eResource() == null) {
			return null;
		}
		ITextRegion region = locations.getSignificantTextRegion(target);
		return new Definition(new TextRegion(node.getOffset(), node.getLength()),
				EcoreUtil.getURI(target).trimFragment(), region);
	}
}

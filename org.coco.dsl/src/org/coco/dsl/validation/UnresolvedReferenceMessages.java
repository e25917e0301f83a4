package org.coco.dsl.validation;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Linking errors keep Xtext's code and message, and say what to do; when the missing name is a device
 * or a restricted pool of a platform in the same file, the issue data carry what the "create it" quick
 * fix needs: {kind, name, offset of the platform's closing brace line, indentation of its members}.
 */
public class UnresolvedReferenceMessages extends LinkingDiagnosticMessageProvider {

	public static final String DEVICE = "device";
	public static final String RESTRICTED_POOL = "restricted-pool";

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		DiagnosticMessage plain = super.getUnresolvedProxyMessage(context);
		EClass type = context.getReference().getEReferenceType();
		CocoPackage coco = CocoPackage.eINSTANCE;
		String kind = type == coco.getDevice() ? DEVICE
				: type == coco.getRestrictedPool() || type == coco.getPool() ? RESTRICTED_POOL : null;
		if (kind == null) {
			return plain;
		}
		Platform platform = platformOf(context.getContext());
		if (platform == null || platform.eIsProxy() || platform.eResource() != context.getContext().eResource()) {
			return plain;
		}
		String what = kind == DEVICE ? "device" : "pool";
		String message = plain.getMessage() + " Declare " + what + " " + context.getLinkText() + " in platform "
				+ platform.getName() + ", or use one it has.";
		ICompositeNode node = NodeModelUtils.getNode(platform);
		if (node == null) {
			return new DiagnosticMessage(message, plain.getSeverity(), plain.getIssueCode());
		}
		String text = node.getRootNode().getText();
		// the platform's last visible token, found from its end: a walk over all of its leaves made every
		// unknown name in a large platform cost a pass over the platform's text
		ILeafNode close = null;
		for (INode n : node.getAsTreeIterable().reverse()) {
			if (n instanceof ILeafNode leaf && !leaf.isHidden()) {
				close = leaf;
				break;
			}
		}
		if (close == null) {
			return new DiagnosticMessage(message, plain.getSeverity(), plain.getIssueCode());
		}
		int lineStart = text.lastIndexOf('\n', close.getOffset() - 1) + 1;
		int platformLine = text.lastIndexOf('\n', node.getOffset() - 1) + 1;
		String indent = text.substring(platformLine, node.getOffset()).replaceAll("\\S", " ") + "    ";
		// The brace must start its line for the insertion to land between the last member and it.
		boolean ownLine = text.substring(lineStart, close.getOffset()).isBlank();
		return ownLine
				? new DiagnosticMessage(message, plain.getSeverity(), plain.getIssueCode(), kind, context.getLinkText(),
						Integer.toString(lineStart), indent)
				: new DiagnosticMessage(message, plain.getSeverity(), plain.getIssueCode());
	}

	private static Platform platformOf(EObject o) {
		Platform p = EcoreUtil2.getContainerOfType(o, Platform.class);
		if (p != null) {
			return p;
		}
		Scenario s = EcoreUtil2.getContainerOfType(o, Scenario.class);
		// the scenario's platform reference is already resolved when its steps are linked, or it is a proxy
		return s == null ? null : (Platform) s.eGet(CocoPackage.eINSTANCE.getScenario_Platform(), true);
	}
}

package org.coco.dsl.validation;

import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Platform;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/**
 * Platform settings may come in any order, so the grammar cannot say "exactly once": `technology`
 * is required and a single-valued setting may be given at most once (the lists overlays, boot and
 * config may be split over several lines). Works on the text, so models without one (XMI) pass.
 */
public class PlatformSettingsValidator extends AbstractDeclarativeValidator {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	private static final List<EAttribute> SINGLE = List.of(COCO.getPlatform_Technology(), COCO.getPlatform_CBit(),
			COCO.getPlatform_PhysBits(), COCO.getPlatform_IpaBits(), COCO.getPlatform_SharedGpaBoundary(),
			COCO.getTopLevel_Profile(), COCO.getPlatform_MmioImpliesShared(), COCO.getPlatform_Iommu(),
			COCO.getPlatform_Ram(), COCO.getPlatform_RmpPageSize(), COCO.getPlatform_T1SharedAccess());

	@Override
	public void register(EValidatorRegistrar registrar) {
		// Composed into CocoValidator (see GenerateCoco.mwe2), not registered on its own.
	}

	@Check
	public void technologyIsRequired(Platform platform) {
		if (NodeModelUtils.getNode(platform) != null
				&& NodeModelUtils.findNodesForFeature(platform, COCO.getPlatform_Technology()).isEmpty()) {
			// Quick fix data: where the first setting goes (after '{') and what to insert there.
			var node = NodeModelUtils.getNode(platform);
			int brace = node.getText().indexOf('{');
			String[] data = brace < 0 ? new String[0]
					: new String[] { String.valueOf(node.getTotalOffset() + brace + 1), "\n    technology non-cc" };
			error("platform " + platform.getName() + " needs a technology: technology <non-cc|sme-host|sev|...>",
					COCO.getTopLevel_Name(), IssueCodes.MISSING_SETTING, data);
		}
	}

	@Check
	public void settingsAreGivenOnce(Platform platform) {
		for (EAttribute setting : SINGLE) {
			List<INode> nodes = NodeModelUtils.findNodesForFeature(platform, setting);
			for (INode again : nodes.subList(Math.min(1, nodes.size()), nodes.size())) {
				getMessageAcceptor().acceptError("'" + keywordBefore(again) + "' is given twice in platform " + platform.getName(),
						platform, again.getOffset(), again.getLength(), IssueCodes.DUPLICATE_SETTING);
			}
		}
	}

	/** The setting's keyword: the last visible token before its value. */
	private static String keywordBefore(INode value) {
		for (INode n = value.getPreviousSibling(); n != null; n = n.getPreviousSibling()) {
			if (!(n instanceof ILeafNode leaf && leaf.isHidden())) {
				return NodeModelUtils.getTokenText(n);
			}
		}
		return value.getText().trim();
	}
}

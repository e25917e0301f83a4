package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Pool;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.coco.Model;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;

import com.google.inject.Inject;

/** The outline of a coco file: platforms with their members, scenarios with their steps. */
public class Outline {

	/** kind: platform, device, pool, heap, mmio, scenario or step; offset/length: the text to select. */
	public record Node(String label, String kind, int offset, int length, List<Node> children) {
	}

	@Inject
	private ILocationInFileProvider locations;

	public List<Node> of(XtextResource resource) {
		List<Node> out = new ArrayList<>();
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
			return out;
		}
		for (TopLevel t : model.getElements()) {
			if (t instanceof Platform p) {
				List<Node> members = new ArrayList<>();
				for (PlatformMember m : p.getMembers()) {
					members.add(node(m, kindOf(m), List.of()));
				}
				// as written: an unset enum reads as its first literal
				String tech = NodeModelUtils.findNodesForFeature(p, org.coco.dsl.coco.CocoPackage.Literals.PLATFORM__TECHNOLOGY)
						.stream().map(n -> " (" + NodeModelUtils.getTokenText(n) + ")").findFirst().orElse("");
				out.add(node(p, "platform", "platform " + p.getName() + tech, members));
			} else if (t instanceof Scenario s) {
				List<Node> steps = new ArrayList<>();
				for (Step step : s.getSteps()) {
					steps.add(node(step, "step", List.of()));
				}
				String on = s.getPlatform() == null ? "" : " on " + NodeModelUtils
						.findNodesForFeature(s, org.coco.dsl.coco.CocoPackage.Literals.SCENARIO__PLATFORM).stream()
						.map(NodeModelUtils::getTokenText).findFirst().orElse("");
				out.add(node(s, "scenario", "scenario \"" + s.getName() + "\"" + on, steps));
			}
		}
		return out;
	}

	private static String kindOf(PlatformMember m) {
		if (m instanceof Device) {
			return "device";
		}
		if (m instanceof Pool) {
			return "pool";
		}
		if (m instanceof Heap) {
			return "heap";
		}
		return m instanceof Mmio ? "mmio" : "member";
	}

	private Node node(EObject o, String kind, List<Node> children) {
		return node(o, kind, firstLine(o), children);
	}

	private Node node(EObject o, String kind, String label, List<Node> children) {
		ITextRegion region = locations.getSignificantTextRegion(o);
		return new Node(label, kind, region.getOffset(), region.getLength(), children);
	}

	/** An element as written, up to its block or end of line: "device nic : pci", "m = map buf -> nic ...". */
	private static String firstLine(EObject o) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
		if (node == null) {
			return o.eClass().getName();
		}
		String text = NodeModelUtils.getTokenText(node);
		int brace = text.indexOf('{');
		if (brace > 0) {
			text = text.substring(0, brace).trim();
		}
		return text.length() > 80 ? text.substring(0, 77) + "..." : text;
	}
}

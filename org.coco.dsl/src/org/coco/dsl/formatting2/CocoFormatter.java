package org.coco.dsl.formatting2;

import java.util.Map;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Import;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TopLevel;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.preferences.IPreferenceValues;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.preferences.TypedPreferenceValues;

/**
 * coco's layout: one setting, member or step per line, blocks indented by four spaces, single
 * spaces between tokens and `{` on the header line. A blank line the author left between two lines
 * is kept (at most one), so grouping survives formatting; comments stay where they are.
 */
public class CocoFormatter extends AbstractJavaFormatter {

	/** Platform settings: each starts a line (they may come in any order, §4.9). */
	private static final String[] PLATFORM_SETTINGS = { "technology", "c-bit", "phys-bits", "ipa-bits",
			"shared-gpa-boundary", "profile", "overlays", "mmio-implies-shared", "iommu", "boot", "config", "ram",
			"rmp-page", "t1-shared-access" };

	/** Device settings: each starts a line; `state` and `accepted` stay on the `tdisp` line. */
	private static final String[] DEVICE_SETTINGS = { "dma-mask", "coherent-mask", "bus-limit", "range-offset",
			"coherent", "non-coherent", "path", "untrusted", "restricted-pool", "tdisp", "driver-bound",
			"iommu-leaf" };

	/** coco files indent with four spaces whatever the client's default (a tab in Xtext). */
	@Override
	protected void initialize(FormatterRequest request) {
		Map<String, String> fourSpaces = Map.of(FormatterPreferenceKeys.indentation.getId(), "    ",
				FormatterPreferenceKeys.indentationLength.getId(), "4");
		IPreferenceValues given = request.getPreferences();
		request.setPreferences(TypedPreferenceValues.castOrWrap(
				given == null ? new MapBasedPreferenceValues(fourSpaces) : new MapBasedPreferenceValues(given, fourSpaces)));
		super.initialize(request);
	}

	protected void format(Model model, IFormattableDocument doc) {
		singleSpaces(model, doc);
		// The start of the file (leading comments) is left as written.
		boolean first = regionFor(model).keyword("package") == null;
		for (Import imp : model.getImports()) {
			if (!first) {
				boolean afterPackage = model.getImports().indexOf(imp) == 0;
				doc.prepend(imp, afterPackage ? f -> f.setNewLines(2) : this::lineKeepingOneBlank);
			}
			first = false;
		}
		for (TopLevel element : model.getElements()) {
			if (!first) {
				doc.prepend(element, f -> f.setNewLines(2));
			}
			first = false;
			doc.format(element);
		}
		ISemanticRegion last = lastRegion(model);
		if (last != null) {
			doc.append(last, f -> f.setNewLines(1));
		}
	}

	protected void format(Platform platform, IFormattableDocument doc) {
		block(platform, doc);
		for (ISemanticRegion setting : regionFor(platform).keywords(PLATFORM_SETTINGS)) {
			startLine(setting.getPreviousHiddenRegion(), doc);
		}
		for (ISemanticRegion comma : regionFor(platform).keywords(",")) {
			doc.prepend(comma, this::noSpace);
		}
		for (PlatformMember member : platform.getMembers()) {
			startLine(previousHiddenRegion(member), doc);
			doc.format(member);
		}
	}

	protected void format(Device device, IFormattableDocument doc) {
		block(device, doc);
		for (ISemanticRegion setting : regionFor(device).keywords(DEVICE_SETTINGS)) {
			doc.prepend(setting, this::newLine);
		}
	}

	protected void format(Scenario scenario, IFormattableDocument doc) {
		block(scenario, doc);
		for (ISemanticRegion comma : regionFor(scenario).keywords(",")) {
			doc.prepend(comma, this::noSpace);
		}
		for (Step step : scenario.getSteps()) {
			startLine(previousHiddenRegion(step), doc);
		}
	}

	/** `{` on the header line, the body indented, `}` on a line of its own. */
	private void block(EObject owner, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		if (open == null || close == null) {
			return;
		}
		doc.prepend(open, this::oneSpace);
		doc.append(open, this::newLine);
		doc.prepend(close, this::newLine);
		doc.interior(open, close, this::indent);
	}

	/**
	 * Every token is followed by one space unless a structural rule (a new line, no space before a
	 * comma) says otherwise: those rules have normal priority and win over this low-priority one.
	 */
	private void singleSpaces(Model model, IFormattableDocument doc) {
		for (ISemanticRegion region : allSemanticRegions(model)) {
			if (region.getNextSemanticRegion() != null) {
				doc.append(region, f -> {
					f.oneSpace();
					f.lowPriority();
				});
			}
		}
	}

	/**
	 * A line of a block starts on a new line and keeps one blank line above it if the author left
	 * one; the first line of a block follows `{` directly (set in {@link #block}).
	 */
	private void startLine(IHiddenRegion before, IFormattableDocument doc) {
		ISemanticRegion previous = before.getPreviousSemanticRegion();
		if (previous != null && "{".equals(previous.getText())) {
			return;
		}
		doc.set(before, this::lineKeepingOneBlank);
	}

	private void lineKeepingOneBlank(IHiddenRegionFormatter f) {
		f.setNewLines(1, 1, 2);
	}

	private ISemanticRegion lastRegion(Model model) {
		ISemanticRegion last = null;
		for (ISemanticRegion region : allSemanticRegions(model)) {
			last = region;
		}
		return last;
	}
}

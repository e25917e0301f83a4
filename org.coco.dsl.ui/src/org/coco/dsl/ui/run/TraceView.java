package org.coco.dsl.ui.run;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.ide.editor.ScenarioRuns.Report;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.ui.part.ViewPart;

/** Shows the traces of the last "Run scenarios"; failed expectations in red, passed ones in green. */
public class TraceView extends ViewPart {

	public static final String ID = "org.coco.dsl.ui.traceView";

	private static final Color RED = new Color(200, 0, 0);
	private static final Color GREEN = new Color(0, 128, 0);

	private StyledText text;

	@Override
	public void createPartControl(Composite parent) {
		text = new StyledText(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
		text.setFont(JFaceResources.getTextFont());
		text.setText("Run scenarios (coco editor's context menu) shows the traces here.\n");
	}

	public void show(String title, Report report) {
		setContentDescription(title);
		String all = report.text();
		text.setText(all);
		List<StyleRange> ranges = new ArrayList<>();
		int lineStart = 0;
		for (String line : all.split("\n", -1)) {
			String t = line.trim();
			if (t.startsWith("FAIL") || t.startsWith("not run") || t.startsWith("the interpreter")) {
				ranges.add(new StyleRange(lineStart, line.length(), RED, null, SWT.BOLD));
			} else if (t.startsWith("PASS")) {
				ranges.add(new StyleRange(lineStart, line.length(), GREEN, null, SWT.NORMAL));
			}
			lineStart += line.length() + 1;
		}
		text.setStyleRanges(ranges.toArray(StyleRange[]::new));
	}

	/** The shown text (for tests). */
	public String text() {
		return text.getText();
	}

	/** The style of the line containing offset (for tests). */
	public StyleRange styleAt(int offset) {
		return text.getStyleRangeAtOffset(offset);
	}

	@Override
	public void setFocus() {
		text.setFocus();
	}
}

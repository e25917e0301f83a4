package org.coco.dsl.cli.diagram;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;

/** Draws a laid-out {@link Diagram} as SVG: positions come from ELK, nothing is placed by hand. */
public final class SvgWriter {
	private SvgWriter() {
	}

	private static final double TITLE = 34;
	private static final double LEGEND_ROW = 18;

	public static String write(Diagram d, String comment) {
		double width = Math.max(d.root.getWidth(), d.title.length() * 8.5 + 40);
		Set<Diagram.Style> used = EnumSet.noneOf(Diagram.Style.class);
		d.nodes.forEach(n -> used.add(n.style()));
		double legend = used.size() * LEGEND_ROW + 16;
		double height = TITLE + d.root.getHeight() + legend;
		StringBuilder sb = new StringBuilder();
		sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		sb.append("<!-- ").append(xml(comment).replace("--", "- -")).append(" -->\n");
		sb.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\">%n",
				width, height, width, height));
		sb.append("<title>").append(xml(d.title)).append("</title>\n");
		sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
				+ "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>\n");
		sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		sb.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", xml(d.title)));
		sb.append(String.format(Locale.ROOT, "<g transform=\"translate(0 %.0f)\">%n", TITLE));
		for (Diagram.Edge e : d.edges) {
			edge(sb, e);
		}
		for (Diagram.Node n : d.nodes) {
			node(sb, n);
		}
		sb.append("</g>\n");
		double y = TITLE + d.root.getHeight() + 6;
		for (Diagram.Style s : used) {
			sb.append(String.format(Locale.ROOT,
					"<rect x=\"20\" y=\"%.1f\" width=\"14\" height=\"12\" fill=\"%s\" stroke=\"%s\"/><text x=\"40\" y=\"%.1f\">%s</text>%n", y,
					s.fill, s.stroke, y + 10, xml(s.meaning)));
			y += LEGEND_ROW;
		}
		sb.append("</svg>\n");
		return sb.toString();
	}

	private static void node(StringBuilder sb, Diagram.Node n) {
		ElkNode e = n.elk();
		sb.append(String.format(Locale.ROOT,
				"<g class=\"node\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
				e.getX(), e.getY(), e.getWidth(), e.getHeight(), n.style().fill, n.style().stroke));
		double y = e.getY() + 7 + Diagram.LINE_HEIGHT - 4;
		boolean first = true;
		for (String line : n.lines()) {
			sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>%s</text>%n",
					e.getX() + e.getWidth() / 2, y, first ? " font-weight=\"bold\"" : "", xml(line)));
			first = false;
			y += Diagram.LINE_HEIGHT;
		}
		sb.append("</g>\n");
	}

	private static void edge(StringBuilder sb, Diagram.Edge e) {
		// edge coordinates are relative to the edge's containing node, which is the root here
		for (ElkEdgeSection s : e.elk().getSections()) {
			StringBuilder d = new StringBuilder();
			d.append(String.format(Locale.ROOT, "M %.1f %.1f", s.getStartX(), s.getStartY()));
			for (ElkBendPoint b : s.getBendPoints()) {
				d.append(String.format(Locale.ROOT, " L %.1f %.1f", b.getX(), b.getY()));
			}
			d.append(String.format(Locale.ROOT, " L %.1f %.1f", s.getEndX(), s.getEndY()));
			sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.2\"%s marker-end=\"url(#arrow)\"/>%n",
					d, e.dashed() ? " stroke-dasharray=\"5 3\"" : ""));
		}
		for (ElkLabel l : e.elk().getLabels()) {
			sb.append(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#333\">%s</text>%n", l.getX() + 3, l.getY() + 12, xml(l.getText())));
		}
	}

	static String xml(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}

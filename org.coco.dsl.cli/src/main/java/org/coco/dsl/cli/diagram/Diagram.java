package org.coco.dsl.cli.diagram;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * A box-and-arrow picture: nodes with lines of text and a style, edges with a label. ELK's layered
 * algorithm places everything; {@link SvgWriter} draws the laid-out graph.
 */
public final class Diagram {
	/** Fill and stroke of a node kind; the legend lists them. */
	public enum Style {
		DEVICE_T0("#fde3c8", "#c26a00", "device, T=0"), DEVICE_T1("#d4f0d4", "#2e7d32", "device, T=1"),
		POOL("#dbe8fb", "#1f5fae", "pool"), HEAP("#eeeeee", "#555555", "heap"), MMIO("#eadcf5", "#6a3d9a", "MMIO"),
		PRIVATE("#f6d5d5", "#a33", "private (encrypted) memory"), SHARED("#d6f2f2", "#1b7a7a", "shared (decrypted) memory"),
		STATE("#ffffff", "#333333", "state"), STATE_T1("#d4f0d4", "#2e7d32", "state with T=1"),
		INITIAL("#fff6bf", "#8a6d00", "initial state");

		final String fill;
		final String stroke;
		final String meaning;

		Style(String fill, String stroke, String meaning) {
			this.fill = fill;
			this.stroke = stroke;
			this.meaning = meaning;
		}
	}

	record Node(ElkNode elk, List<String> lines, Style style) {
	}

	record Edge(ElkEdge elk, String label, boolean dashed) {
	}

	static final double CHAR_WIDTH = 7.2;
	static final double LINE_HEIGHT = 16;

	final String title;
	final ElkNode root = ElkGraphUtil.createGraph();
	final List<Node> nodes = new ArrayList<>();
	final List<Edge> edges = new ArrayList<>();

	public Diagram(String title) {
		this.title = title;
		root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
		root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
		root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
		root.setProperty(CoreOptions.SPACING_NODE_NODE, 28.0);
		root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 60.0);
		root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
		root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20));
	}

	public ElkNode node(Style style, String... lines) {
		ElkNode n = ElkGraphUtil.createNode(root);
		int longest = 0;
		for (String l : lines) {
			longest = Math.max(longest, l.length());
		}
		n.setDimensions(Math.max(90, longest * CHAR_WIDTH + 24), lines.length * LINE_HEIGHT + 14);
		nodes.add(new Node(n, List.of(lines), style));
		return n;
	}

	public void edge(ElkNode from, ElkNode to, String label, boolean dashed) {
		ElkEdge e = ElkGraphUtil.createSimpleEdge(from, to);
		if (label != null && !label.isEmpty()) {
			ElkLabel l = ElkGraphUtil.createLabel(label, e);
			l.setDimensions(label.length() * CHAR_WIDTH * 0.9 + 6, LINE_HEIGHT);
		}
		edges.add(new Edge(e, label, dashed));
	}

	/** Computes the layout with ELK (layered). */
	public void layout() {
		new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
	}

	public boolean isEmpty() {
		return nodes.isEmpty();
	}
}

package org.coco.dsl.generator;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.resource.XtextResource;

/** String literals for generated Java and C, and the source text a generated test embeds. */
public final class Literals {
	private Literals() {
	}

	/** A Java string literal; non-ASCII as unicode escapes so the generated file's encoding does not matter. */
	public static String java(String s) {
		if (s == null) {
			return "null";
		}
		StringBuilder sb = new StringBuilder();
		quoted(sb, s, true);
		return sb.toString();
	}

	/**
	 * A double-quoted literal with Java/JSON escapes (the two agree on these); control characters, and
	 * with asciiOnly everything beyond ASCII, as unicode escapes.
	 */
	static void quoted(StringBuilder sb, String s, boolean asciiOnly) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> sb.append("\\\"");
			case '\\' -> sb.append("\\\\");
			case '\n' -> sb.append("\\n");
			case '\r' -> sb.append("\\r");
			case '\t' -> sb.append("\\t");
			default -> {
				if (c < 0x20 || (asciiOnly && c > 0x7e)) {
					sb.append(String.format("\\u%04x", (int) c));
				} else {
					sb.append(c);
				}
			}
			}
		}
		sb.append('"');
	}

	/** A C string literal in UTF-8 (control characters become '?'; '?' is escaped so "??" cannot form a trigraph). */
	public static String c(String s) {
		if (s == null) {
			return "NULL";
		}
		StringBuilder sb = new StringBuilder("\"");
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> sb.append("\\\"");
			case '\\' -> sb.append("\\\\");
			case '\n' -> sb.append("\\n");
			case '\t' -> sb.append("\\t");
			case '?' -> sb.append("\\?");
			default -> sb.append(c < 0x20 || c == 0x7f ? '?' : c);
			}
		}
		return sb.append('"').toString();
	}

	/** Text of a comment line for C or Java: no comment terminators, no line breaks. */
	public static String comment(String s) {
		return s == null ? "" : s.replace("*/", "* /").replace("\n", " ").replace("\r", " ");
	}

	/** Longest chunk of embedded text: 3 bytes a char in the class file stay under the 64 KiB constant limit. */
	static final int CHUNK = 16_000;

	/**
	 * The files a generated test embeds: the scenario file first, then every other file of its resource
	 * set that holds a platform one of its scenarios runs on. Per file: its name, then its text in chunks.
	 */
	public static List<List<String>> embeddedSources(Resource main) {
		List<Resource> files = new ArrayList<>();
		files.add(main);
		main.getAllContents().forEachRemaining(o -> {
			if (o instanceof org.coco.dsl.coco.Scenario s && s.getPlatform() != null && !s.getPlatform().eIsProxy()) {
				Resource r = s.getPlatform().eResource();
				if (r != null && !files.contains(r)) {
					files.add(r);
				}
			}
		});
		List<List<String>> out = new ArrayList<>();
		for (Resource r : files) {
			List<String> entry = new ArrayList<>();
			entry.add(GeneratedNames.sourceName(r));
			String text = text(r);
			for (int i = 0; i < text.length(); i += CHUNK) {
				entry.add(text.substring(i, Math.min(text.length(), i + CHUNK)));
			}
			out.add(entry);
		}
		return out;
	}

	private static String text(Resource r) {
		if (r instanceof XtextResource x && x.getParseResult() != null) {
			ICompositeNode root = x.getParseResult().getRootNode();
			return root == null ? "" : root.getText();
		}
		return "";
	}
}

package org.coco.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.coco.dsl.coco.BootOption;
import org.coco.dsl.validation.IssueCodes;
import org.coco.dsl.validation.UnresolvedReferenceMessages;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.validation.Issue;

/**
 * coco's quick fixes, as plain text edits computed from an issue (code, data, region) and the text of
 * the document. The validator puts into the issue data what a fix needs (the replacement, the
 * technology's parameter, the actual outcome), so a fix is a small edit here; the language server
 * ({@link CocoQuickfixProvider}) and the Eclipse editor (marker resolutions) both call
 * {@link #fixes(Issue, String)}. Edits keep the formatter's layout (one item per line, four-space
 * indentation), so a fixed file stays formatted.
 */
public final class CocoQuickFixes {
	private CocoQuickFixes() {
	}

	/** Replace [offset, offset+length) of the document with text. */
	public record Replacement(int offset, int length, String text) {
	}

	/** One way to fix an issue: a label for the user and the edits, in any order (they never overlap). */
	public record Fix(String label, List<Replacement> edits) {
		public Fix(String label, Replacement... edits) {
			this(label, List.of(edits));
		}

		/** The document after the edits. */
		public String applyTo(String text) {
			StringBuilder sb = new StringBuilder(text);
			edits.stream().sorted(Comparator.comparingInt(Replacement::offset).reversed())
					.forEach(r -> sb.replace(r.offset(), r.offset() + r.length(), r.text()));
			return sb.toString();
		}
	}

	private static final Set<String> CODES = Set.of(IssueCodes.DEPRECATED_HEAP_NAME, IssueCodes.DEPRECATED_ATTRIBUTE,
			IssueCodes.HEAP_NOT_REGISTERED, IssueCodes.POOL_NOT_2M_ALIGNED, IssueCodes.RMP_LEAF_MISMATCH,
			IssueCodes.TSM_TRANSITION_NOT_ALLOWED, IssueCodes.CC_SHARED_ON_PRIVATE, IssueCodes.CC_SHARED_NOT_DIRECT,
			IssueCodes.MMIO_ON_PAGE_BUFFER, IssueCodes.ALLOC_ATTR_REJECTED, IssueCodes.CC_SHARED_MISSING,
			IssueCodes.SWIOTLB_FORCE_IGNORED, IssueCodes.SWIOTLB_DISABLED, IssueCodes.PRIVATE_POOL_UNSUPPORTED,
			IssueCodes.ENCODING_PARAMETER_MISMATCH, IssueCodes.OVERLAY_NOT_APPLICABLE, IssueCodes.SETTING_NOT_APPLICABLE,
			IssueCodes.RESTRICTED_POOL_REJECTED, IssueCodes.EXPECTATION_CONTRADICTED, IssueCodes.TDISP_UNSUPPORTED,
			IssueCodes.MISSING_SETTING,
			Diagnostic.LINKING_DIAGNOSTIC);

	/** The codes some fix may handle (whether one applies depends on the issue data). */
	public static Set<String> codes() {
		return CODES;
	}

	public static boolean handles(String code) {
		return code != null && CODES.contains(code);
	}

	public static List<Fix> fixes(Issue issue, String text) {
		return fixes(issue.getCode(), issue.getData(), issue.getOffset(), issue.getLength(), text);
	}

	/** The fixes for an issue at [offset, offset+length) of text; empty when none applies. */
	public static List<Fix> fixes(String code, String[] data, int offset, int length, String text) {
		String[] d = data == null ? new String[0] : data;
		if (!handles(code) || offset < 0 || offset + length > text.length()) {
			return List.of();
		}
		String region = text.substring(offset, offset + length);
		List<Fix> out = new ArrayList<>();
		switch (code) {
		case IssueCodes.DEPRECATED_HEAP_NAME, IssueCodes.DEPRECATED_ATTRIBUTE -> {
			if (d.length > 0) {
				out.add(new Fix("Rename " + region + " to " + d[0], new Replacement(offset, length, d[0])));
			}
		}
		case IssueCodes.HEAP_NOT_REGISTERED -> {
			out.add(new Fix("Remove heap " + region, remove(text, offset, length, "heap")));
			if (d.length > 0 && !d[0].isEmpty()) {
				out.add(new Fix("Replace with heap " + d[0], new Replacement(offset, length, d[0])));
			}
		}
		case IssueCodes.POOL_NOT_2M_ALIGNED -> {
			if (d.length > 0) {
				out.add(new Fix("Round the pool size up to " + d[0], new Replacement(offset, length, d[0])));
			}
		}
		case IssueCodes.RMP_LEAF_MISMATCH -> {
			if (d.length > 0) {
				out.add(new Fix("Set iommu-leaf " + d[0] + " (the RMP page size)", new Replacement(offset, length, d[0])));
			}
			if (d.length > 3) {
				int at = Integer.parseInt(d[2]), len = Integer.parseInt(d[3]);
				if (at >= 0 && at + len <= text.length()) {
					out.add(new Fix("Set rmp-page " + d[1] + " (the leaf's size class)", new Replacement(at, len, d[1])));
				}
			}
		}
		case IssueCodes.TSM_TRANSITION_NOT_ALLOWED -> {
			if (d.length > 1) {
				int line = lineStart(text, offset);
				String indent = indentation(text, line);
				List<String> ops = Arrays.asList(d).subList(1, d.length);
				String lines = ops.stream().map(op -> indent + d[0] + " " + op + "\n").collect(Collectors.joining());
				out.add(new Fix("Insert " + ops.stream().map(op -> d[0] + " " + op).collect(Collectors.joining(", "))
						+ " before it", new Replacement(line, 0, lines)));
			}
		}
		case IssueCodes.CC_SHARED_ON_PRIVATE, IssueCodes.CC_SHARED_NOT_DIRECT, IssueCodes.MMIO_ON_PAGE_BUFFER,
				IssueCodes.ALLOC_ATTR_REJECTED ->
			out.add(new Fix("Remove " + region, removeItem(text, offset, length, "attrs", "|")));
		case IssueCodes.CC_SHARED_MISSING -> insert(out, "Add CC_SHARED to the map", d, text);
		case IssueCodes.TDISP_UNSUPPORTED -> insert(out, "Add overlay ov-devsec to the platform", d, text);
		// non-cc claims nothing; the user then picks the real technology
		case IssueCodes.MISSING_SETTING -> insert(out, "Add 'technology non-cc'", d, text);
		case IssueCodes.SWIOTLB_FORCE_IGNORED, IssueCodes.SWIOTLB_DISABLED ->
			out.add(new Fix("Drop " + region, removeSpaced(text, offset, length, "boot", bootOptions())));
		case IssueCodes.PRIVATE_POOL_UNSUPPORTED -> out.add(new Fix("Make the pool shared", new Replacement(offset, length, "shared")));
		case IssueCodes.ENCODING_PARAMETER_MISMATCH -> {
			if (d.length > 1 && !d[1].isEmpty() && region.startsWith(d[0])) {
				out.add(new Fix("Use " + d[1] + " instead of " + d[0], new Replacement(offset, d[0].length(), d[1])));
			}
			out.add(new Fix("Remove " + region, remove(text, offset, length, null)));
		}
		case IssueCodes.OVERLAY_NOT_APPLICABLE -> out.add(new Fix("Remove overlay " + region, removeItem(text, offset, length, "overlays", ",")));
		case IssueCodes.SETTING_NOT_APPLICABLE -> out.add(new Fix("Remove " + region, remove(text, offset, length, null)));
		case IssueCodes.RESTRICTED_POOL_REJECTED -> out.add(new Fix("Remove '" + region + "'", remove(text, offset, length, null)));
		case IssueCodes.EXPECTATION_CONTRADICTED -> {
			if (d.length > 0 && !d[0].isEmpty()) {
				out.add(new Fix("Expect what the run gives: " + d[0], new Replacement(offset, length, d[0])));
			}
		}
		case Diagnostic.LINKING_DIAGNOSTIC -> {
			if (d.length == 4) {
				int at = Integer.parseInt(d[2]);
				String indent = d[3];
				if (at >= 0 && at <= text.length() && d[1].matches("[A-Za-z_][A-Za-z0-9_]*")) {
					if (UnresolvedReferenceMessages.DEVICE.equals(d[0])) {
						out.add(new Fix("Create device " + d[1], new Replacement(at, 0,
								indent + "device " + d[1] + " : pci {\n" + indent + "}\n")));
					} else if (UnresolvedReferenceMessages.RESTRICTED_POOL.equals(d[0])) {
						out.add(new Fix("Create restricted pool " + d[1], new Replacement(at, 0,
								indent + "pool restricted " + d[1] + " size 4M\n")));
					}
				}
			}
		}
		default -> {
		}
		}
		return out;
	}

	/** A fix that inserts data[1] at offset data[0] (both computed by the validator). */
	private static void insert(List<Fix> out, String label, String[] d, String text) {
		if (d.length > 1) {
			int at = Integer.parseInt(d[0]);
			if (at > 0 && at <= text.length()) {
				out.add(new Fix(label, new Replacement(at, 0, d[1])));
			}
		}
	}

	private static Set<String> bootOptions() {
		return Arrays.stream(BootOption.values()).map(BootOption::getLiteral).collect(Collectors.toSet());
	}

	// ------------------------------------------------------------------ text helpers

	static int lineStart(String text, int offset) {
		return text.lastIndexOf('\n', offset - 1) + 1;
	}

	static int lineEnd(String text, int offset) {
		int i = text.indexOf('\n', offset);
		return i < 0 ? text.length() : i;
	}

	static String indentation(String text, int lineStart) {
		int i = lineStart;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return text.substring(lineStart, i);
	}

	private static boolean blank(char c) {
		return c == ' ' || c == '\t';
	}

	/** Start of the run of spaces before i (on the same line). */
	private static int spacesBefore(String text, int i) {
		while (i > 0 && blank(text.charAt(i - 1))) {
			i--;
		}
		return i;
	}

	private static int spacesAfter(String text, int i) {
		while (i < text.length() && blank(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/** Start of the word that ends right before the spaces before i, or -1. */
	private static int wordBefore(String text, int i) {
		int end = spacesBefore(text, i);
		int s = end;
		while (s > 0 && !Character.isWhitespace(text.charAt(s - 1))) {
			s--;
		}
		return s == end ? -1 : s;
	}

	private static String word(String text, int start) {
		int e = start;
		while (e < text.length() && !Character.isWhitespace(text.charAt(e))) {
			e++;
		}
		return text.substring(start, e);
	}

	/** Removes [s, e) with the spaces before it; the whole line if nothing else is left on it. */
	private static Replacement cut(String text, int s, int e) {
		s = spacesBefore(text, s);
		int ls = lineStart(text, s), le = lineEnd(text, e);
		if ((text.substring(ls, s) + text.substring(e, le)).isBlank()) {
			return new Replacement(ls, Math.min(le + 1, text.length()) - ls, "");
		}
		return new Replacement(s, e - s, "");
	}

	/** Removes a token (with its keyword, if given and right before it). */
	static Replacement remove(String text, int offset, int length, String keyword) {
		int s = offset;
		int kw = wordBefore(text, offset);
		if (keyword != null && kw >= 0 && word(text, kw).equals(keyword)) {
			s = kw;
		}
		return cut(text, s, offset + length);
	}

	/**
	 * Removes one item of a `keyword a <sep> b` list with its separator; the keyword too when the item
	 * is the only one.
	 */
	static Replacement removeItem(String text, int offset, int length, String keyword, String sep) {
		int e = offset + length;
		int before = spacesBefore(text, offset) - 1;
		if (before >= 0 && text.startsWith(sep, before)) {
			return cut(text, before, e);
		}
		int after = spacesAfter(text, e);
		if (text.startsWith(sep, after)) {
			return new Replacement(offset, spacesAfter(text, after + sep.length()) - offset, "");
		}
		return remove(text, offset, length, keyword);
	}

	/** Removes one item of a space-separated `keyword a b` list; the keyword too when it was the only item. */
	static Replacement removeSpaced(String text, int offset, int length, String keyword, Set<String> items) {
		int e = offset + length;
		int kw = wordBefore(text, offset);
		int next = spacesAfter(text, e);
		boolean followed = next < lineEnd(text, e) && items.contains(word(text, next));
		if (kw >= 0 && word(text, kw).equals(keyword) && followed) {
			// `boot X Y`: drop X and the space after it, keep the keyword
			return new Replacement(offset, next - offset, "");
		}
		return remove(text, offset, length, keyword);
	}
}

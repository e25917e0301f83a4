package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * New-file templates made from the examples: each example's platform block (with the comment
 * above it) plus an empty scenario on it, so a template is as current as the examples.
 */
public final class PlatformTemplates {
	private PlatformTemplates() {
	}

	/** kind: the platform's technology; text: the new file's content. */
	public record Template(String kind, String platformName, String text) {
	}

	private static final Pattern PLATFORM = Pattern.compile("(?m)^platform\\s+(\\w+)\\s*\\{");
	private static final Pattern TECHNOLOGY = Pattern.compile("(?m)^\\s*technology\\s+([\\w-]+)");

	/** The template of an example file's first platform, or null if it has none. */
	public static Template fromExample(String example) {
		Matcher m = PLATFORM.matcher(example);
		if (!m.find()) {
			return null;
		}
		int end = blockEnd(example, m.end() - 1);
		if (end < 0) {
			return null;
		}
		String block = example.substring(m.start(), end + 1);
		Matcher t = TECHNOLOGY.matcher(block);
		String kind = t.find() ? t.group(1) : m.group(1);
		String header = leadingComment(example.substring(0, m.start()));
		String name = m.group(1);
		String text = header + block + "\n\n" + "scenario \"first scenario\" on " + name + " {\n"
				+ "    buf = alloc pages 4K\n" + "    free buf\n" + "}\n";
		return new Template(kind, name, text);
	}

	/** The template's text with its platform renamed to name. */
	public static String named(Template t, String name) {
		return t.text().replaceFirst("(?m)^platform\\s+" + Pattern.quote(t.platformName()) + "\\b", "platform " + name)
				.replace("on " + t.platformName() + " {", "on " + name + " {");
	}

	public static List<Template> fromExamples(List<String> examples) {
		List<Template> out = new ArrayList<>();
		for (String e : examples) {
			Template t = fromExample(e);
			if (t != null && out.stream().noneMatch(o -> o.kind().equals(t.kind()))) {
				out.add(t);
			}
		}
		out.sort((a, b) -> a.kind().compareTo(b.kind()));
		return out;
	}

	/** The offset of the brace closing the one at open, skipping comments; -1 if unbalanced. */
	private static int blockEnd(String s, int open) {
		int depth = 0;
		for (int i = open; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
				i = s.indexOf('\n', i);
				if (i < 0) {
					return -1;
				}
			} else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
				i = s.indexOf("*/", i);
				if (i < 0) {
					return -1;
				}
			} else if (c == '"') {
				i = s.indexOf('"', i + 1);
				if (i < 0) {
					return -1;
				}
			} else if (c == '{') {
				depth++;
			} else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

	/** The // comment lines directly above the platform (the file's description). */
	private static String leadingComment(String before) {
		String[] lines = before.split("\n", -1);
		StringBuilder sb = new StringBuilder();
		int i = lines.length - 1;
		if (i >= 0 && lines[i].isBlank()) {
			i--;
		}
		int first = i + 1;
		while (i >= 0 && lines[i].trim().startsWith("//")) {
			first = i--;
		}
		for (int j = first; j < lines.length - 1; j++) {
			sb.append(lines[j]).append('\n');
		}
		return sb.toString();
	}
}

package org.coco.dsl.generator;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for maps (LinkedHashMap keeps key order), collections, strings, numbers, booleans
 * and null. The runtime bundle carries no JSON library, and fixtures and CLI output need only writing.
 */
public final class Json {
	private Json() {
	}

	/** Pretty-printed with two-space indentation and a final newline. */
	public static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value, 0);
		return sb.append('\n').toString();
	}

	private static void write(StringBuilder sb, Object v, int indent) {
		if (v == null) {
			sb.append("null");
		} else if (v instanceof String s) {
			quote(sb, s);
		} else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
			sb.append(v);
		} else if (v instanceof Number n) {
			double d = n.doubleValue();
			sb.append(Double.isFinite(d) ? n.toString() : "null");
		} else if (v instanceof Map<?, ?> m) {
			if (m.isEmpty()) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				pad(sb, indent + 1);
				quote(sb, String.valueOf(e.getKey()));
				sb.append(": ");
				write(sb, e.getValue(), indent + 1);
				sb.append(++i < m.size() ? ",\n" : "\n");
			}
			pad(sb, indent);
			sb.append('}');
		} else if (v instanceof Collection<?> c) {
			if (c.isEmpty()) {
				sb.append("[]");
				return;
			}
			sb.append("[\n");
			int i = 0;
			for (Object o : c) {
				pad(sb, indent + 1);
				write(sb, o, indent + 1);
				sb.append(++i < c.size() ? ",\n" : "\n");
			}
			pad(sb, indent);
			sb.append(']');
		} else if (v instanceof Enum<?> e) {
			quote(sb, e.toString());
		} else {
			quote(sb, v.toString());
		}
	}

	private static void pad(StringBuilder sb, int indent) {
		sb.append("  ".repeat(indent));
	}

	/** A JSON string literal (also valid as a Java and C string literal body for ASCII text). */
	public static String quote(String s) {
		StringBuilder sb = new StringBuilder();
		quote(sb, s);
		return sb.toString();
	}

	private static void quote(StringBuilder sb, String s) {
		Literals.quoted(sb, s, false);
	}
}

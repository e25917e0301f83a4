package org.coco.dsl.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
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
		try {
			write(sb, value, 0, null);
		} catch (IOException e) {
			throw new UncheckedIOException(e); // cannot happen: nothing but the builder is written to
		}
		return sb.append('\n').toString();
	}

	/**
	 * {@link #write(Object)} to {@code out} as it goes, so that a document larger than a String can hold
	 * (the runs of a whole fleet) is never held whole; a collection whose elements are made as they are
	 * read (a mapped view) is never held at all.
	 */
	public static void write(Appendable out, Object value) throws IOException {
		StringBuilder sb = new StringBuilder();
		write(sb, value, 0, out);
		out.append(sb.append('\n'));
	}

	/** The text kept before it is handed to the output (when there is one). */
	private static final int FLUSH_AT = 1 << 16;

	private static void flush(StringBuilder sb, Appendable out) throws IOException {
		if (out != null && sb.length() >= FLUSH_AT) {
			out.append(sb);
			sb.setLength(0);
		}
	}

	private static void write(StringBuilder sb, Object v, int indent, Appendable out) throws IOException {
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
				write(sb, e.getValue(), indent + 1, out);
				sb.append(++i < m.size() ? ",\n" : "\n");
				flush(sb, out);
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
				write(sb, o, indent + 1, out);
				sb.append(++i < c.size() ? ",\n" : "\n");
				flush(sb, out);
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

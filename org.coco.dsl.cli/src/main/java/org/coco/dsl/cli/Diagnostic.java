package org.coco.dsl.cli;

/** One problem in one file, as the CLI reports it: file:line:col: severity CODE message. */
record Diagnostic(String file, int line, int column, String severity, String code, String message)
		implements Comparable<Diagnostic> {

	String format() {
		return file + ":" + line + ":" + column + ": " + severity + " " + code + " " + message;
	}

	boolean isError() {
		return "error".equals(severity);
	}

	@Override
	public int compareTo(Diagnostic o) {
		int c = file.compareTo(o.file);
		if (c == 0) c = Integer.compare(line, o.line);
		if (c == 0) c = Integer.compare(column, o.column);
		return c;
	}
}

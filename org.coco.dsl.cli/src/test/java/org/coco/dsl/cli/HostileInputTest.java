package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge and hostile input through the real jar: every case ends with a diagnostic that has a
 * position (file:line:col), a stable code and a message that says what to do, a non-zero exit
 * where the input is wrong, and never a stack trace, a hang or an out-of-memory.
 */
class HostileInputTest {

	private static final Pattern DIAGNOSTIC = Pattern.compile("(?m)^\\S+:\\d+:\\d+: (error|warning) coco\\.[a-z0-9-]+ \\S.*$");

	@TempDir
	Path dir;

	static void assertNoCrash(CliProcess.Result r) {
		String all = r.out() + r.err();
		assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("internal error")
				|| all.contains("OutOfMemory"), all.length() > 2000 ? all.substring(0, 2000) : all);
	}

	static void assertDiagnosticAt(CliProcess.Result r, String fileLineCol, String code) {
		assertTrue(r.out().lines().anyMatch(l -> l.contains(fileLineCol) && l.contains(code)),
				"expected " + fileLineCol + " " + code + " in:\n" + excerpt(r.out()));
		r.out().lines().forEach(l -> assertTrue(DIAGNOSTIC.matcher(l).matches(), "not a diagnostic line: " + excerpt(l)));
	}

	static String excerpt(String s) {
		return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
	}

	@Test
	void aOneMegabyteLineIsQuotedShortly() throws Exception {
		Path f = dir.resolve("longline.coco");
		Files.writeString(f, "platform P {\n    technology sev " + "x".repeat(1 << 20) + "\n}\n");
		CliProcess.Result r = CliProcess.run(dir, "validate", "longline.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.err());
		assertDiagnosticAt(r, "longline.coco:2:20:", "coco.syntax");
		assertTrue(r.out().length() < 1000, "the message must not repeat the 1 MB token: " + r.out().length() + " chars");
		assertTrue(r.out().contains("(1048576 characters)"), r.out());
		assertNoCrash(r);
	}

	/**
	 * A file that ends in a lone carriage return (old Mac line ends): the error at the end of input is reported
	 * with its position. Xtext failed to place it and dropped it, so the file passed (a fuzzing finding, kept as
	 * CocoFuzzTestInputs/pipeline/lone-cr-at-end).
	 */
	@Test
	void anErrorAtTheEndOfAFileEndingInACarriageReturnIsReported() throws Exception {
		Files.writeString(dir.resolve("cr.coco"), "platform P {\r    technology sev\r");
		CliProcess.Result r = CliProcess.run(dir, "validate", "cr.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.out() + r.err());
		assertDiagnosticAt(r, "cr.coco:2:", "coco.syntax");
		assertEquals("", r.err().replaceAll("(?m)^1 file\\(s\\) checked.*\\R?", ""), "nothing logged");
		assertNoCrash(r);
	}

	@Test
	void aOneMegabyteCommentIsFine() throws Exception {
		Path f = dir.resolve("longcomment.coco");
		Files.writeString(f, "// " + "a".repeat(1 << 20) + "\nplatform P {\n    technology sev\n}\n");
		CliProcess.Result r = CliProcess.run(dir, "validate", "longcomment.coco");
		assertEquals(CocoCli.OK, r.exit(), r.out() + r.err());
		assertNoCrash(r);
	}

	@Test
	void deeplyNestedBlocksAreASyntaxErrorNotAStackOverflow() throws Exception {
		Path f = dir.resolve("nested.coco");
		Files.writeString(f, "platform P {\n    technology sev\n    device d : pci " + "{ ".repeat(100_000)
				+ "}".repeat(100_000) + "\n}\n");
		CliProcess.Result r = CliProcess.run(dir, "validate", "nested.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.err());
		assertDiagnosticAt(r, "nested.coco:3:", "coco.syntax");
		assertNoCrash(r);
	}

	@Test
	void unclosedBlocksAtTheEndOfTheFile() throws Exception {
		Path f = dir.resolve("unclosed.coco");
		Files.writeString(f, "platform P {\n    technology sev\n" + "    device d : pci {\n".repeat(20_000));
		CliProcess.Result r = CliProcess.run(dir, "validate", "unclosed.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.err());
		assertTrue(r.out().contains("coco.syntax"), excerpt(r.out()));
		assertNoCrash(r);
	}

	@Test
	void invalidUtf8IsReportedWhereItIs() throws Exception {
		Path f = dir.resolve("latin1.coco");
		byte[] head = "platform P {\n    technology sev\n    device n".getBytes(StandardCharsets.UTF_8);
		byte[] tail = "c : pci {\n    }\n}\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[head.length + 1 + tail.length];
		System.arraycopy(head, 0, bytes, 0, head.length);
		bytes[head.length] = (byte) 0xe9; // é in ISO-8859-1
		System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
		Files.write(f, bytes);
		CliProcess.Result r = CliProcess.run(dir, "validate", "latin1.coco");
		assertEquals(CocoCli.USAGE, r.exit(), r.err());
		assertDiagnosticAt(r, "latin1.coco:3:13:", "coco.unreadable-input");
		assertTrue(r.out().contains("byte 0xe9") && r.out().contains("save the file as UTF-8"), r.out());
		assertNoCrash(r);
	}

	@Test
	void numbersThatOverflowSayWhatFits() throws Exception {
		Path f = dir.resolve("overflow.coco");
		Files.writeString(f, """
				platform P {
				    technology sev-snp
				    c-bit 99999999999999999999999
				    pool swiotlb default size 0x1_0000_0000_0000_0000 at 18446744073709551616
				    pool restricted r size 99999999999T
				}
				""");
		CliProcess.Result r = CliProcess.run(dir, "validate", "overflow.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.err());
		assertDiagnosticAt(r, "overflow.coco:3:11:", "coco.");
		assertTrue(r.out().contains("'99999999999999999999999' is too large"), r.out());
		assertDiagnosticAt(r, "overflow.coco:4:31:", "coco.");
		assertTrue(r.out().contains("'0x1_0000_0000_0000_0000' does not fit in 64 bits"), r.out());
		assertDiagnosticAt(r, "overflow.coco:4:58:", "coco.");
		assertDiagnosticAt(r, "overflow.coco:5:28:", "coco.");
		assertFalse(r.out().contains("For input string"), r.out());
		assertNoCrash(r);
	}

	/** Imports are namespaces (like Java packages), so files that import each other are legal and must terminate. */
	@Test
	void anImportCycleTerminates() throws Exception {
		Files.writeString(dir.resolve("a.coco"), "package a\nimport b.*\nplatform A {\n    technology sev\n}\n"
				+ "scenario \"uses B\" on B {\n}\n");
		Files.writeString(dir.resolve("b.coco"), "package b\nimport a.*\nplatform B {\n    technology tdx\n}\n"
				+ "scenario \"uses A\" on A {\n}\n");
		CliProcess.Result r = CliProcess.run(dir, "validate", ".");
		assertEquals(CocoCli.OK, r.exit(), r.out() + r.err());
		assertNoCrash(r);
	}

	@Test
	void aMissingOrDanglingFileIsAUsageError() throws Exception {
		Files.createSymbolicLink(dir.resolve("dangling.coco"), dir.resolve("nowhere.coco"));
		CliProcess.Result r = CliProcess.run(dir, "validate", "missing.coco", "dangling.coco");
		assertEquals(CocoCli.USAGE, r.exit(), r.err());
		assertDiagnosticAt(r, "missing.coco:1:1:", "coco.unreadable-input");
		assertDiagnosticAt(r, "dangling.coco:1:1:", "coco.unreadable-input");
		assertTrue(r.out().contains("no such file or directory"), r.out());
		assertNoCrash(r);
	}

	@Test
	void anImportOfANamespaceNoFileDeclaresIsAnError() throws Exception {
		Files.writeString(dir.resolve("i.coco"), "import nowhere.to.be.found.*\nplatform P {\n    technology sev\n}\n");
		CliProcess.Result r = CliProcess.run(dir, "validate", "i.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.out() + r.err());
		assertDiagnosticAt(r, "i.coco:1:8:", "coco.unresolved-import");
		assertNoCrash(r);
	}

	@Test
	void aReferenceToAPlatformInAFileNotGivenIsReported() throws Exception {
		Files.writeString(dir.resolve("s.coco"), "import lab.*\nscenario \"x\" on Lab {\n}\n");
		CliProcess.Result r = CliProcess.run(dir, "validate", "s.coco");
		assertEquals(CocoCli.PROBLEMS, r.exit(), r.err());
		assertDiagnosticAt(r, "s.coco:2:17:", "coco.unresolved-reference");
		assertNoCrash(r);
	}

	/**
	 * A 100 MB file with the heap capped at 256 MB: coco must refuse it with a diagnostic rather
	 * than run out of memory. (Generated in a temp dir; takes a few seconds.)
	 */
	@Test
	void aHundredMegabyteFileWithASmallHeapIsRefusedClearly() throws Exception {
		Path f = dir.resolve("huge.coco");
		writeFleet(f, 100L << 20);
		CliProcess.Result r = CliProcess.runWithJvmOptions(dir, new String[] { "-Xmx256m" }, "validate", "huge.coco");
		assertEquals(CocoCli.USAGE, r.exit(), excerpt(r.out()) + r.err());
		assertDiagnosticAt(r, "huge.coco:1:1:", "coco.too-large");
		assertTrue(r.out().contains("COCO_JAVA_OPTS=-Xmx"), r.out());
		assertNoCrash(r);
	}

	/** A synthetic platform of many devices, about `bytes` long. */
	static void writeFleet(Path f, long bytes) throws IOException {
		try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
			w.write("platform Fleet {\n    technology sev-snp\n");
			long written = 40;
			for (int i = 0; written < bytes; i++) {
				String d = "    device d" + i + " : pci {\n        dma-mask 64\n        coherent\n    }\n";
				w.write(d);
				written += d.length();
			}
			w.write("}\n");
		}
	}
}

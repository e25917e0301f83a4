package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

	@TempDir
	Path tmp;

	@Test
	void examplesValidateClean() throws Exception {
		var r = CliProcess.run(tmp, "validate", CliProcess.examples().toString());
		assertEquals(0, r.exit(), () -> "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
		assertTrue(r.err().contains("0 error(s)"), r.err());
	}

	@Test
	void syntaxErrorIsReportedWithPositionAndExitsOne() throws Exception {
		Files.writeString(tmp.resolve("broken.coco"), "platform P {\n  technology tdx\n  device d : pci { dma-mask }\n}\n");
		var r = CliProcess.run(tmp, "validate", "broken.coco");
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.out().startsWith("broken.coco:3:"), r.out());
		assertTrue(r.out().contains(" error coco.syntax "), r.out());
		assertFalse(r.err().contains("Exception"), r.err());
	}

	@Test
	void unresolvedReferenceIsAnError() throws Exception {
		Files.writeString(tmp.resolve("dangling.coco"), "scenario \"s\" on Nowhere {\n}\n");
		var r = CliProcess.run(tmp, "validate", "dangling.coco");
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.out().contains("dangling.coco:1:17: error coco.unresolved-reference"), r.out());
	}

	@Test
	void missingFileIsBadInputExitTwo() throws Exception {
		var r = CliProcess.run(tmp, "validate", "nope.coco");
		assertEquals(2, r.exit(), r.out() + r.err());
		assertTrue(r.out().contains("nope.coco:1:1: error coco.unreadable-input no such file"), r.out());
	}

	@Test
	void unknownOptionIsUsageErrorWithoutStackTrace() throws Exception {
		var r = CliProcess.run(tmp, "validate", "--frobnicate", "x.coco");
		assertEquals(2, r.exit());
		assertTrue(r.err().contains("Unknown option"), r.err());
		assertFalse(r.err().contains("\tat "), r.err());
	}

	@Test
	void versionIsPrinted() throws Exception {
		var r = CliProcess.run(tmp, "--version");
		assertEquals(0, r.exit());
		assertTrue(r.out().startsWith("coco "), r.out());
	}
}

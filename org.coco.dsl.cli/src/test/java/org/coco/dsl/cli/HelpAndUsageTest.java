package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Every command has --help, and rejects unknown options with a usage error and no stack trace. */
class HelpAndUsageTest {

	@TempDir
	Path tmp;

	@ParameterizedTest
	@ValueSource(strings = { "validate x.coco", "run x.coco", "generate x.coco -o out", "diagram x.coco -o out", "lsp" })
	void helpAndUnknownOptions(String commandLine) throws Exception {
		String[] args = commandLine.split(" ");
		String command = args[0];
		var help = CliProcess.run(tmp, command, "--help");
		assertEquals(0, help.exit(), help.err());
		assertTrue(help.out().startsWith("Usage: coco " + command), help.out());
		String[] withBad = java.util.Arrays.copyOf(args, args.length + 1);
		withBad[args.length] = "--frobnicate";
		var bad = CliProcess.run(tmp, withBad);
		assertEquals(2, bad.exit(), bad.out() + bad.err());
		assertTrue(bad.err().contains("Unknown option: '--frobnicate'"), bad.err());
		assertFalse(bad.err().contains("\tat "), bad.err());
	}

	@ParameterizedTest
	@ValueSource(strings = { "run", "diagram" })
	void missingFileArgument(String command) throws Exception {
		var r = CliProcess.run(tmp, command);
		assertEquals(2, r.exit());
		assertTrue(r.err().contains("Missing required"), r.err());
	}

	@org.junit.jupiter.api.Test
	void topLevelHelpListsTheCommands() throws Exception {
		var r = CliProcess.run(tmp, "--help");
		assertEquals(0, r.exit());
		for (String c : new String[] { "validate", "run", "generate", "diagram", "lsp" }) {
			assertTrue(r.out().contains("  " + c + " "), r.out());
		}
	}
}

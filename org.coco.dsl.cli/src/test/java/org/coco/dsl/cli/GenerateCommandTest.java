package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import com.fasterxml.jackson.databind.JsonNode;

/** coco generate: the generated JUnit tests compile and run, fixtures match their schema, KUnit compiles. */
class GenerateCommandTest {

	@TempDir
	Path tmp;

	private static List<Path> under(Path dir, String suffix) throws Exception {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
		}
	}

	private static int scenarioCount() throws Exception {
		int n = 0;
		for (Path f : under(CliProcess.examples(), ".coco")) {
			for (String line : Files.readAllLines(f)) {
				if (line.startsWith("scenario \"")) {
					n++;
				}
			}
		}
		return n;
	}

	@Test
	void junitTestsFromTheExamplesCompileAndPass() throws Exception {
		var r = CliProcess.run(tmp, "generate", CliProcess.examples().toString(), "-o", "gen");
		assertEquals(0, r.exit(), r.out() + r.err());
		assertTrue(Files.isRegularFile(tmp.resolve("gen/coco/scenarios/SevSnpGuestTest.java")), r.out());
		assertTrue(Files.isRegularFile(tmp.resolve("gen/lab/scenarios/LabScenariosTest.java")), r.out());
		String snp = Files.readString(tmp.resolve("gen/coco/scenarios/SevSnpGuestTest.java"));
		assertTrue(snp.contains("@DisplayName(\"private buffer to a T=0 device bounces\")"), snp);
		GeneratedTests.compile(tmp.resolve("gen"), tmp.resolve("classes"));
		TestExecutionSummary summary = GeneratedTests.run(tmp.resolve("classes"));
		var failures = new java.io.StringWriter();
		summary.printFailuresTo(new java.io.PrintWriter(failures), 20);
		assertEquals(0, summary.getTotalFailureCount(), failures.toString());
		assertEquals(scenarioCount(), summary.getTestsSucceededCount());
	}

	@Test
	void aFailingScenarioFailsItsTestWithTheCocoLine() throws Exception {
		Files.writeString(tmp.resolve("failing.coco"), RunCommandTest.FAILING);
		var r = CliProcess.run(tmp, "generate", "failing.coco", "-o", "gen");
		assertEquals(0, r.exit(), r.out() + r.err());
		GeneratedTests.compile(tmp.resolve("gen"), tmp.resolve("classes"));
		TestExecutionSummary summary = GeneratedTests.run(tmp.resolve("classes"));
		assertEquals(1, summary.getTestsSucceededCount());
		assertEquals(1, summary.getTotalFailureCount());
		var failure = summary.getFailures().get(0);
		assertEquals("wrong expectation", failure.getTestIdentifier().getDisplayName());
		assertTrue(failure.getException().getMessage().startsWith("failing.coco:12: expected direct but was BOUNCE"),
				failure.getException().getMessage());
	}

	@Test
	void namesFromTheModelAreSanitised() throws Exception {
		Files.writeString(tmp.resolve("weird name!.coco"), """
				package class.x

				platform P {
				    technology non-cc
				    device d : pci {
				        dma-mask 64
				    }
				}

				// names that are no Java identifiers
				scenario "../../escape \\"quoted\\" */ 1" on P {
				    buf = alloc pages 4K
				    m = map buf -> d to-device expect direct
				}

				scenario "class" on P {
				    buf = alloc pages 4K
				}
				""");
		var r = CliProcess.run(tmp, "generate", "weird name!.coco", "-o", "gen");
		assertEquals(0, r.exit(), r.out() + r.err());
		List<Path> written = under(tmp.resolve("gen"), ".java");
		assertEquals(List.of(tmp.resolve("gen/class_/x/WeirdNameTest.java")), written);
		GeneratedTests.compile(tmp.resolve("gen"), tmp.resolve("classes"));
		TestExecutionSummary summary = GeneratedTests.run(tmp.resolve("classes"));
		assertEquals(2, summary.getTestsSucceededCount());
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(List.of("classes", "gen", "weird name!.coco"), s.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}

	@Test
	void jsonFixturesMatchTheDocumentedSchema() throws Exception {
		var r = CliProcess.run(tmp, "generate", "--target", "json", CliProcess.examples().toString(), "-o", "fixtures");
		assertEquals(0, r.exit(), r.out() + r.err());
		List<Path> files = under(tmp.resolve("fixtures"), ".json");
		assertTrue(files.size() >= 13, files.toString());
		var schema = JsonSchemas.fixtures();
		for (Path f : files) {
			JsonSchemas.assertValid(schema, JsonSchemas.parse(Files.readString(f)), f.toString());
		}
		JsonNode snp = JsonSchemas.parse(Files.readString(tmp.resolve("fixtures/sev-snp-guest.fixtures.json")));
		JsonNode first = snp.get("scenarios").get(0);
		assertEquals("private buffer to a T=0 device bounces", first.get("name").asText());
		assertEquals("sev-snp", first.get("platform").get("technology").asText());
		assertEquals(51, first.get("platform").get("cBit").asInt());
		JsonNode map = first.get("steps").get(1);
		assertEquals("bounce", map.get("outcome").get("kind").asText());
		assertEquals("default", map.get("outcome").get("pool").asText());
		assertTrue(map.get("outcome").get("address").asText().matches("0x[0-9a-f]+"));
		assertTrue(map.get("rule").get("section").asText().startsWith("§"), map.toString());
		// the schema is live: a wrong kind is rejected
		((com.fasterxml.jackson.databind.node.ObjectNode) map.get("outcome")).put("kind", "teleport");
		assertFalse(schema.validate(snp).isEmpty());
	}

	@Test
	void kunitSuitesCompileAgainstTheStubHeaders() throws Exception {
		var r = CliProcess.run(tmp, "generate", "--target", "kunit", CliProcess.examples().toString(), "-o", "kunit");
		assertEquals(0, r.exit(), r.out() + r.err());
		List<Path> files = under(tmp.resolve("kunit"), ".c");
		assertTrue(files.size() >= 13, files.toString());
		String snp = Files.readString(tmp.resolve("kunit/sev_snp_guest_kunit.c"));
		assertTrue(snp.contains("KUNIT_ARRAY_PARAM(sev_snp_guest, sev_snp_guest_cases, sev_snp_guest_case_desc);"), snp);
		assertTrue(snp.contains(".expected = COCO_BOUNCE"), snp);
		assertTrue(snp.contains(".pool = \"default\""), snp);
		assertTrue(snp.contains(".err = -22"), snp);
		Path stubs = Paths.get(GenerateCommandTest.class.getResource("/kunit-stubs/kunit/test.h").toURI()).getParent().getParent();
		List<String> cmd = new ArrayList<>(List.of("gcc", "-fsyntax-only", "-std=gnu11", "-Wall", "-Wextra", "-Werror",
				"-Wno-unused-parameter", "-I", stubs.toString()));
		files.forEach(f -> cmd.add(f.toString()));
		Process gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(gcc.getInputStream().readAllBytes());
		assertTrue(gcc.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, gcc.exitValue(), out);
	}

	@Test
	void neverOverwritesAFileItDidNotGenerate() throws Exception {
		Path mine = tmp.resolve("gen/coco/scenarios/SevSnpGuestTest.java");
		Files.createDirectories(mine.getParent());
		Files.writeString(mine, "// my own test\n");
		var r = CliProcess.run(tmp, "generate", CliProcess.examples().toString(), "-o", "gen");
		assertEquals(2, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("SevSnpGuestTest.java exists and was not generated by coco"), r.err());
		assertEquals("// my own test\n", Files.readString(mine));
		assertEquals(List.of(mine), under(tmp.resolve("gen"), ".java"), "nothing else may be written");
	}

	@Test
	void regeneratesItsOwnFilesAtomically() throws Exception {
		var first = CliProcess.run(tmp, "generate", "--target", "json", CliProcess.examples().resolve("tdx-guest.coco").toString(), "-o", "out");
		assertEquals(0, first.exit(), first.out() + first.err());
		var again = CliProcess.run(tmp, "generate", "--target", "json", CliProcess.examples().resolve("tdx-guest.coco").toString(), "-o", "out");
		assertEquals(0, again.exit(), again.out() + again.err());
		try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
			assertEquals(List.of("tdx-guest.fixtures.json"), s.map(p -> p.getFileName().toString()).toList(), "no temporary files left");
		}
	}

	@Test
	void aFileAloneFindsItsImportedPlatformInItsFolder() throws Exception {
		var r = CliProcess.run(tmp, "generate", CliProcess.examples().resolve("multi-file/lab-scenarios.coco").toString(), "-o", "gen");
		assertEquals(0, r.exit(), r.out() + r.err());
		assertEquals(List.of(tmp.resolve("gen/lab/scenarios/LabScenariosTest.java")), under(tmp.resolve("gen"), ".java"),
				"only the named file is generated");
		String test = Files.readString(tmp.resolve("gen/lab/scenarios/LabScenariosTest.java"));
		assertTrue(test.contains("{ \"lab-platforms.coco\","), "the imported platform's file is embedded");
	}

	@Test
	void inputWithErrorsWritesNothing() throws Exception {
		Files.writeString(tmp.resolve("broken.coco"), "scenario \"s\" on Nowhere {\n}\n");
		var r = CliProcess.run(tmp, "generate", "broken.coco", "-o", "gen");
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("broken.coco:1:17: error coco.unresolved-reference"), r.err());
		assertFalse(Files.exists(tmp.resolve("gen")));
	}

	@Test
	void usageErrors() throws Exception {
		var noOutput = CliProcess.run(tmp, "generate", CliProcess.examples().toString());
		assertEquals(2, noOutput.exit());
		assertTrue(noOutput.err().contains("Missing required option: '--output=DIR'"), noOutput.err());
		var badTarget = CliProcess.run(tmp, "generate", "--target", "cobol", CliProcess.examples().toString(), "-o", "x");
		assertEquals(2, badTarget.exit());
		assertTrue(badTarget.err().contains("unknown target 'cobol': choose junit, json or kunit"), badTarget.err());
		var missing = CliProcess.run(tmp, "generate", "nope.coco", "-o", "x");
		assertEquals(2, missing.exit());
		assertTrue(missing.err().contains("nope.coco:1:1: error coco.unreadable-input"), missing.err());
		assertFalse(Files.exists(tmp.resolve("x")));
	}
}

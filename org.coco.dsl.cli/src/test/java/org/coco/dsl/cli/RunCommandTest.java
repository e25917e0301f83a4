package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** coco run, end to end. */
class RunCommandTest {

	@TempDir
	Path tmp;

	static final String FAILING = """
			// one expectation is wrong on purpose
			platform Tdx {
			    technology tdx
			    pool swiotlb default size 64M at 0x7c00_0000
			    device nic : pci {
			        dma-mask 64
			    }
			}

			scenario "wrong expectation" on Tdx {
			    buf = alloc pages 8K
			    m = map buf -> nic to-device expect direct
			}

			scenario "right expectation" on Tdx {
			    buf = alloc pages 8K
			    m = map buf -> nic to-device expect bounce via default
			}
			""";

	@Test
	void everyExampleRunsGreen() throws Exception {
		List<Path> files;
		try (Stream<Path> s = Files.walk(CliProcess.examples())) {
			files = s.filter(p -> p.toString().endsWith(".coco")).sorted().toList();
		}
		assertTrue(files.size() > 10);
		for (Path f : files) {
			var r = CliProcess.run(tmp, "run", f.toString());
			assertEquals(0, r.exit(), () -> f + "\n" + r.out() + r.err());
			assertTrue(r.err().contains(" 0 failed"), r.err());
		}
	}

	@Test
	void traceShowsOutcomesRulesAndExpectations() throws Exception {
		var r = CliProcess.run(tmp, "run", CliProcess.examples().resolve("sev-snp-guest.coco").toString(), "--scenario",
				"private buffer to a T=0 device bounces");
		assertEquals(0, r.exit(), r.out() + r.err());
		assertTrue(r.out().startsWith("scenario \"private buffer to a T=0 device bounces\" on SnpGuest (profile series-v7"), r.out());
		assertTrue(r.out().contains("=> BOUNCE via default"), r.out());
		assertTrue(r.out().contains("PASS ok: bounce via default"), r.out());
		assertTrue(r.out().contains("§"), r.out());
		assertTrue(r.out().contains("  => PASS"), r.out());
		assertEquals("1 scenario(s) run: 1 passed, 0 failed", r.err().strip());
	}

	@Test
	void failedExpectationExitsOneAndPointsAtTheLine() throws Exception {
		Files.writeString(tmp.resolve("failing.coco"), FAILING);
		var r = CliProcess.run(tmp, "run", "failing.coco");
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.out().contains("FAIL failing.coco:12: expected direct but was BOUNCE"), r.out());
		assertTrue(r.err().contains("2 scenario(s) run: 1 passed, 1 failed"), r.err());
	}

	@Test
	void jsonTraceHasStructuredOutcomes() throws Exception {
		Files.writeString(tmp.resolve("failing.coco"), FAILING);
		var r = CliProcess.run(tmp, "run", "failing.coco", "--format", "json");
		assertEquals(1, r.exit(), r.out() + r.err());
		JsonNode doc = JsonSchemas.parse(r.out());
		assertEquals("coco-run", doc.get("format").asText());
		assertEquals(1, doc.get("failed").asInt());
		JsonNode wrong = doc.get("scenarios").get(0);
		assertFalse(wrong.get("passed").asBoolean());
		JsonNode map = wrong.get("steps").get(1);
		assertEquals(12, map.get("source").get("line").asInt());
		assertEquals("bounce", map.get("outcome").get("kind").asText());
		assertEquals("default", map.get("outcome").get("pool").asText());
		assertTrue(map.get("outcome").get("address").asText().startsWith("0x7c"), map.toString());
		assertFalse(map.get("expectations").get(0).get("passed").asBoolean());
		assertTrue(doc.get("scenarios").get(1).get("passed").asBoolean());
	}

	@Test
	void profileAndOverlayOverrideTheFile() throws Exception {
		String file = CliProcess.examples().resolve("sev-snp-guest.coco").toString();
		var r = CliProcess.run(tmp, "run", file, "--scenario", "private buffer to a T=0 device bounces", "--profile", "ccs71",
				"--overlay", "none");
		assertTrue(r.out().contains("(profile ccs71, overlays [])"), r.out());
		var bad = CliProcess.run(tmp, "run", file, "--profile", "v9");
		assertEquals(2, bad.exit(), bad.out() + bad.err());
		assertTrue(bad.err().contains("unknown profile 'v9': choose one of base, ccs71, series-v6, series-v7"), bad.err());
		var badOverlay = CliProcess.run(tmp, "run", file, "--overlay", "ov-nope");
		assertEquals(2, badOverlay.exit());
		assertTrue(badOverlay.err().contains("unknown overlay 'ov-nope'"), badOverlay.err());
		var badParam = CliProcess.run(tmp, "run", file, "--param", "nope=1");
		assertEquals(2, badParam.exit());
		assertTrue(badParam.err().contains("unknown parameter 'nope'"), badParam.err());
	}

	@Test
	void unknownScenarioListsTheScenarios() throws Exception {
		Files.writeString(tmp.resolve("failing.coco"), FAILING);
		var r = CliProcess.run(tmp, "run", "failing.coco", "--scenario", "nope");
		assertEquals(2, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("no scenario \"nope\" in failing.coco; its scenarios are: \"wrong expectation\", \"right expectation\""),
				r.err());
	}

	@Test
	void importedPlatformsInTheSameFolderResolve() throws Exception {
		var r = CliProcess.run(tmp, "run", CliProcess.examples().resolve("multi-file/lab-scenarios.coco").toString());
		assertEquals(0, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("2 scenario(s) run: 2 passed"), r.err());
	}

	@Test
	void badInputIsReportedWithoutStackTrace() throws Exception {
		var missing = CliProcess.run(tmp, "run", "nope.coco");
		assertEquals(2, missing.exit());
		assertTrue(missing.err().contains("nope.coco:1:1: error coco.unreadable-input no such file"), missing.err());
		Files.writeString(tmp.resolve("broken.coco"), "scenario \"s\" on Nowhere {\n}\n");
		var broken = CliProcess.run(tmp, "run", "broken.coco");
		assertEquals(1, broken.exit());
		assertTrue(broken.err().contains("broken.coco:1:17: error coco.unresolved-reference"), broken.err());
		assertFalse(broken.err().contains("\tat "), broken.err());
	}
}

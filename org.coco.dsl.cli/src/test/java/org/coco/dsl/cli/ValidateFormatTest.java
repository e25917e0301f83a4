package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** coco validate --format json|sarif, run as a user would. */
class ValidateFormatTest {

	@TempDir
	Path tmp;

	private void writeBroken() throws Exception {
		Files.createDirectories(tmp.resolve("src"));
		Files.writeString(tmp.resolve("src/broken.coco"), "platform P {\n  technology tdx\n  device d : pci { dma-mask }\n}\n"
				+ "scenario \"s\" on Nowhere {\n}\n");
	}

	@Test
	void sarifOutputMatchesTheSarifSchemaAndPointsAtTheLines() throws Exception {
		writeBroken();
		var r = CliProcess.run(tmp, "validate", "--format", "sarif", "src");
		assertEquals(1, r.exit(), r.out() + r.err());
		JsonNode sarif = JsonSchemas.parse(r.out());
		JsonSchemas.assertValid(JsonSchemas.sarif(), sarif, "SARIF output");
		assertEquals("2.1.0", sarif.get("version").asText());
		JsonNode run = sarif.get("runs").get(0);
		assertEquals("coco", run.get("tool").get("driver").get("name").asText());
		JsonNode results = run.get("results");
		assertEquals(2, results.size(), r.out());
		JsonNode first = results.get(0);
		assertEquals("coco.syntax", first.get("ruleId").asText());
		assertEquals("error", first.get("level").asText());
		JsonNode loc = first.get("locations").get(0).get("physicalLocation");
		assertEquals("src/broken.coco", loc.get("artifactLocation").get("uri").asText());
		assertEquals(3, loc.get("region").get("startLine").asInt());
		JsonNode second = results.get(1);
		assertEquals("coco.unresolved-reference", second.get("ruleId").asText());
		assertEquals(5, second.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
		// every ruleIndex points at the rule with that id
		for (JsonNode res : results) {
			assertEquals(res.get("ruleId").asText(),
					run.get("tool").get("driver").get("rules").get(res.get("ruleIndex").asInt()).get("id").asText());
		}
	}

	@Test
	void theSchemaCheckCatchesAnInvalidLog() throws Exception {
		var r = CliProcess.run(tmp, "validate", "--format", "sarif", CliProcess.examples().toString());
		assertEquals(0, r.exit(), r.out() + r.err());
		JsonNode sarif = JsonSchemas.parse(r.out());
		JsonSchemas.assertValid(JsonSchemas.sarif(), sarif, "SARIF output");
		assertEquals(0, sarif.get("runs").get(0).get("results").size());
		// the validator is live: a log without its version is rejected
		((ObjectNode) sarif).remove("version");
		assertFalse(JsonSchemas.sarif().validate(sarif).isEmpty());
	}

	@Test
	void jsonOutputListsEveryDiagnostic() throws Exception {
		writeBroken();
		var r = CliProcess.run(tmp, "validate", "--format", "json", "src/broken.coco");
		assertEquals(1, r.exit(), r.out() + r.err());
		JsonNode doc = JsonSchemas.parse(r.out());
		assertEquals(2, doc.get("errors").asInt());
		JsonNode d = doc.get("diagnostics").get(1);
		assertEquals("src/broken.coco", d.get("file").asText());
		assertEquals(5, d.get("line").asInt());
		assertEquals(17, d.get("column").asInt());
		assertEquals("coco.unresolved-reference", d.get("code").asText());
		assertTrue(r.err().contains("2 error(s)"), r.err());
	}

	@Test
	void unknownFormatIsAUsageError() throws Exception {
		var r = CliProcess.run(tmp, "validate", "--format", "xml", "x.coco");
		assertEquals(2, r.exit(), r.out() + r.err());
		assertTrue(r.err().contains("--format"), r.err());
		assertFalse(r.err().contains("\tat "), r.err());
	}
}

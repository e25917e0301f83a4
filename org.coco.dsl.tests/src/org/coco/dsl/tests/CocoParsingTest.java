package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Technology;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class CocoParsingTest {

	@Inject
	private ParseHelper<Model> parseHelper;

	@Test
	void parsesTheSevSnpExample() throws Exception {
		Path file = Examples.dir().resolve("sev-snp-guest.coco");
		Model model = parseHelper.parse(Files.readString(file));
		assertNotNull(model);
		assertTrue(model.eResource().getErrors().isEmpty(), () -> "syntax errors: " + model.eResource().getErrors());
		Platform platform = (Platform) model.getElements().get(0);
		assertEquals("SnpGuest", platform.getName());
		assertEquals(Technology.SEV_SNP, platform.getTechnology());
		assertEquals(51, platform.getCBit());
	}

	@Test
	void reportsSyntaxErrorWithPosition() throws Exception {
		Model model = parseHelper.parse("platform P {\n  technology tdx\n  device d : pci { dma-mask }\n}\n");
		assertTrue(!model.eResource().getErrors().isEmpty());
		assertEquals(3, model.eResource().getErrors().get(0).getLine());
	}
}

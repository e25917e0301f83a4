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

	@Test
	void aTsmNameFollowsOnlyConnectAndDisconnect() throws Exception {
		Model model = parseHelper.parse("""
				platform P {
				    technology tdx
				    device nic : pci {
				        tdisp
				    }
				}
				scenario "s" on P {
				    nic lock
				    nic accept
				    nic connect tsm0
				    nic unlock
				}
				""");
		assertTrue(model.eResource().getErrors().isEmpty(), () -> model.eResource().getErrors().toString());
		var steps = ((org.coco.dsl.coco.Scenario) model.getElements().get(1)).getSteps();
		assertEquals(4, steps.size(), "`nic lock` must not take the next line's `nic` as a TSM name");
		assertEquals("tsm0", ((org.coco.dsl.coco.TsmStep) steps.get(2)).getTsm());
		assertEquals(null, ((org.coco.dsl.coco.TsmStep) steps.get(0)).getTsm());
	}
}

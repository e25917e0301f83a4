package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.AbstractDiagnostic;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Typical mistakes get a message in coco's terms, at the place of the mistake. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class SyntaxErrorMessagesTest {

	@Inject
	private CocoFiles files;

	@Test
	void aDeviceWithoutName() throws Exception {
		Resource.Diagnostic error = firstError("""
				platform P {
				    technology tdx
				    device : pci {
				        dma-mask 64
				    }
				}
				""");
		assertAt(3, 12, error);
		assertEquals("a device needs a name: device <name> : pci { ... } (found ':')", error.getMessage());
	}

	@Test
	void anUnknownDmaAttribute() throws Exception {
		Resource.Diagnostic error = firstError(PLATFORM + """
				scenario "s" on P {
				    buf = alloc pages 4K
				    m = map buf -> nic to-device attrs CC_SHARED | FOO
				}
				""");
		assertAt(9, 52, error);
		assertTrue(error.getMessage().startsWith("unknown DMA attribute 'FOO': use one of CC_SHARED, CC_DECRYPTED, MMIO, "),
				error.getMessage());
	}

	@Test
	void aMapWithoutDirection() throws Exception {
		Resource.Diagnostic error = firstError(PLATFORM + """
				scenario "s" on P {
				    buf = alloc pages 4K
				    m = map buf -> nic sideways
				}
				""");
		assertAt(9, 24, error);
		assertEquals("expected the direction after the device (found 'sideways'): bidirectional, to-device, from-device",
				error.getMessage());
	}

	@Test
	void anUnknownBus() throws Exception {
		Resource.Diagnostic error = firstError("platform P {\n    technology tdx\n    device d : usb {\n    }\n}\n");
		assertAt(3, 16, error);
		assertEquals("unknown bus 'usb': use one of pci, platform (device <name> : pci { ... })", error.getMessage());
	}

	@Test
	void anUnknownTechnology() throws Exception {
		Resource.Diagnostic error = firstError("platform P {\n    technology tdx2\n}\n");
		assertAt(2, 16, error);
		assertTrue(error.getMessage().startsWith("unknown technology 'tdx2': use one of non-cc, sme-host, sev, "),
				error.getMessage());
	}

	@Test
	void anUnknownExpectation() throws Exception {
		Resource.Diagnostic error = firstError(PLATFORM + """
				scenario "s" on P {
				    buf = alloc pages 4K
				    m = map buf -> nic to-device expect bounced
				}
				""");
		assertAt(9, 41, error);
		assertTrue(error.getMessage().startsWith("unknown expectation 'bounced': use expect direct"), error.getMessage());
	}

	@Test
	void aScenarioTitleWithoutQuotes() throws Exception {
		Resource.Diagnostic error = firstError(PLATFORM + "scenario maps on P {\n}\n");
		assertAt(7, 10, error);
		assertEquals("a scenario needs a quoted title: scenario \"<title>\" on <platform> { ... } (found 'maps')",
				error.getMessage());
	}

	@Test
	void anUnclosedBlock() throws Exception {
		Resource.Diagnostic error = firstError(PLATFORM + "scenario \"s\" on P {\n    buf = alloc pages 4K\n");
		assertEquals(8, error.getLine());
		assertTrue(error.getMessage().startsWith("the file ends too early"), error.getMessage());
		assertTrue(error.getMessage().contains("'}'"), error.getMessage());
	}

	@Test
	void aMisspelledTopLevelKeyword() throws Exception {
		Resource.Diagnostic error = firstError("plattform P {\n}\n");
		assertAt(1, 1, error);
		assertTrue(error.getMessage().startsWith("unexpected 'plattform': a coco file holds package, import, platform"),
				error.getMessage());
	}

	@Test
	void noMessageSpeaksAntlr() throws Exception {
		String[] mistakes = { "platform P { technology tdx device d : pci { dma-mask } }",
				"platform P { technology tdx } scenario \"s\" on P { x = }", "platform { }",
				"platform P { technology tdx pool swiotlb default size big }", "platform P { technology tdx } }",
				"platform P { technology tdx } scenario \"s\" on P { buf = alloc pages 4K 4K }",
				"platform P { technology tdx } scenario \"s\" on P { buf = alloc pages 4K expect direct addr }" };
		for (String text : mistakes) {
			for (Resource.Diagnostic error : errors(text)) {
				String message = error.getMessage();
				assertFalse(message.contains("RULE_") || message.contains("mismatched input")
						|| message.contains("no viable alternative") || message.contains("extraneous input")
						|| message.contains("EOF"), text + " -> " + message);
			}
		}
	}

	private static final String PLATFORM = """
			platform P {
			    technology tdx
			    device nic : pci {
			        dma-mask 64
			    }
			}
			""";

	private Resource.Diagnostic firstError(String text) throws Exception {
		var errors = errors(text);
		assertFalse(errors.isEmpty(), "expected a syntax error");
		return errors.get(0);
	}

	/** The syntax errors of text; a file so broken that it yields no model still has them. */
	private List<Resource.Diagnostic> errors(String text) throws Exception {
		Resource resource = files.empty().createResource(URI.createURI("mistake.coco"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return resource.getErrors();
	}

	private static void assertAt(int line, int column, Resource.Diagnostic error) {
		assertEquals(line + ":" + column, error.getLine() + ":" + error.getColumn(), error.getMessage());
		// Reworded, but still a syntax error to every tool (the CLI reports it as coco.syntax).
		assertEquals(IssueCodes.SYNTAX, IssueCodes.stable(((AbstractDiagnostic) error).getCode()));
	}
}

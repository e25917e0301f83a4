package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.coco.dsl.coco.Model;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The formatter puts one setting, member or step on a line, indents blocks by four spaces and
 * leaves single spaces between tokens; it is idempotent and never changes the model.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class FormatterTest {

	@Inject
	private CocoFiles files;

	@Inject
	private Provider<IFormatter2> formatters;

	@Inject
	private Provider<FormatterRequest> requests;

	@Inject
	private Provider<TextRegionAccessBuilder> regionAccess;

	@Test
	void laysOutAMessyFile() throws Exception {
		String messy = """
				package   lab
				import other.*
				platform P {  technology sev-snp c-bit 51
				overlays ov-sev-tio ,ov-devsec
				  pool swiotlb default size 64M   at 0x8000_0000 device nic : pci { dma-mask 64 coherent tdisp state unlocked }
				}
				scenario "s" on P { buf = alloc pages 8K
				        m = map buf -> nic to-device attrs CC_SHARED|MMIO expect bounce via default     expect t0
				unmap m }
				""";
		String expected = """
				package lab

				import other.*

				platform P {
				    technology sev-snp
				    c-bit 51
				    overlays ov-sev-tio, ov-devsec
				    pool swiotlb default size 64M at 0x8000_0000
				    device nic : pci {
				        dma-mask 64
				        coherent
				        tdisp state unlocked
				    }
				}

				scenario "s" on P {
				    buf = alloc pages 8K
				    m = map buf -> nic to-device attrs CC_SHARED | MMIO expect bounce via default expect t0
				    unmap m
				}
				""";
		assertEquals(expected, format(messy));
	}

	@Test
	void keepsCommentsAndOneBlankLine() throws Exception {
		String text = """
				// A platform.
				platform P {
				    technology tdx


				    // The NIC.
				    device nic : pci {
				        dma-mask 64
				    }
				}

				// §4.2
				scenario "s" on P {
				    buf = alloc pages 4K
				}
				""";
		String expected = text.replace("tdx\n\n\n", "tdx\n\n");
		assertEquals(expected, format(text));
	}

	@TestFactory
	Stream<DynamicTest> formattingEveryExampleIsIdempotentAndKeepsTheModel() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(Examples.dir().relativize(file).toString(), () -> {
			String original = Files.readString(file);
			String once = format(set, original);
			assertEquals(once, format(set, once), "formatting twice changes the text");
			// The examples are what users copy: they are kept in the formatter's layout.
			assertEquals(original, once, "the example is not formatted");
			Model reparsed = files.parse(set, once);
			assertEquals(List.of(), reparsed.eResource().getErrors());
			assertTrue(CocoFiles.equal(CocoFiles.model(set, file), reparsed), "formatting changed the model");
		}));
	}

	private String format(String text) throws IOException {
		return format(files.empty(), text);
	}

	private String format(XtextResourceSet set, String text) throws IOException {
		Model model = files.parse(set, text);
		assertEquals(List.of(), model.eResource().getErrors());
		ITextRegionAccess access = regionAccess.get().forNodeModel((XtextResource) model.eResource()).create();
		FormatterRequest request = requests.get();
		request.setTextRegionAccess(access);
		request.setExceptionHandler(e -> {
			throw new AssertionError("formatter failed", e);
		});
		List<ITextReplacement> replacements = formatters.get().format(request);
		return access.getRewriter().renderToString(replacements);
	}
}

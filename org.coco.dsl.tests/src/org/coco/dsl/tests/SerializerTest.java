package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.SwiotlbPool;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * parse -> serialize -> parse gives an equal model, both for a parsed model (the serializer reuses
 * its text) and for a copy without a node model (every token comes from the value converters and
 * the formatter).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class SerializerTest {

	@Inject
	private CocoFiles files;

	@Inject
	private ISerializer serializer;

	@TestFactory
	Stream<DynamicTest> everyExampleSerializesToAnEqualModel() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(Examples.dir().relativize(file).toString(), () -> {
			Model model = CocoFiles.model(set, file);
			assertRoundTrip(set, model, serializer.serialize(model));
		}));
	}

	@TestFactory
	Stream<DynamicTest> everyExampleSerializesFromScratch() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(Examples.dir().relativize(file).toString(), () -> {
			Model model = CocoFiles.model(set, file);
			Model copy = files.detachedCopy(set, model);
			assertRoundTrip(set, model, serializer.serialize(copy, SaveOptions.newBuilder().format().getOptions()));
		}));
	}

	/** Sizes come out with the largest exact unit, addresses in hex with '_' every four digits. */
	@Test
	void numbersAreWrittenTheWayKernelEngineersWriteThem() throws Exception {
		XtextResourceSet set = files.empty();
		Model model = files.parse(set, """
				platform P {
				    technology tdx
				    pool swiotlb default size 67108864 at 2147483648
				}
				""");
		SwiotlbPool pool = (SwiotlbPool) ((Platform) model.getElements().get(0)).getMembers().get(0);
		assertEquals(64L << 20, pool.getSize());
		String text = serializer.serialize(files.detachedCopy(set, model), SaveOptions.newBuilder().format().getOptions());
		assertTrue(text.contains("pool swiotlb default size 64M at 0x8000_0000"), text);
	}

	private void assertRoundTrip(XtextResourceSet set, Model model, String text) throws IOException {
		Model reparsed = files.parse(set, text);
		assertEquals(List.of(), reparsed.eResource().getErrors(), text);
		assertTrue(CocoFiles.equal(model, reparsed), () -> "serialized model differs:\n" + text);
	}
}

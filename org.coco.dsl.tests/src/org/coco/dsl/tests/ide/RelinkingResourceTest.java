package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Injector;

/**
 * coco's resource (RelinkingResource, bound for the batch tools and the language server alike) reports
 * the same syntax and linking errors as Xtext's own LazyLinkingResource, also when a reference that
 * failed resolves later.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class RelinkingResourceTest {

	/** The batch tools' injector (its EMF registration in place, which the language server's needs too). */
	@Inject
	Injector runtime;

	Injector ide;

	@BeforeEach
	void ideInjector() {
		ide = new CocoIdeSetup().createInjector();
	}

	/** A platform with many resolved references, an unknown device among them, and a syntax error. */
	static String model() {
		StringBuilder text = new StringBuilder("platform Fleet {\n    technology sev-snp\n    c-bit 51\n");
		text.append("    config DMA_RESTRICTED_POOL\n");
		for (int p = 0; p < 20; p++) {
			text.append("    pool restricted rp").append(p).append(" size 4M at 0x").append(Long.toHexString((1L << 32) + p * (4L << 20))).append("\n");
		}
		for (int d = 0; d < 40; d++) {
			text.append("    device d").append(d).append(" : pci {\n        dma-mask 64\n        restricted-pool rp")
					.append(d % 20).append("\n    }\n");
		}
		text.append("}\nscenario \"s\" on Fleet {\n");
		for (int i = 0; i < 40; i++) {
			String device = i == 3 ? "nosuch" : "d" + i;
			text.append("    b").append(i).append(" = alloc pages 4K\n    m").append(i).append(" = map b").append(i)
					.append(" -> ").append(device).append(" to-device\n");
		}
		text.append("    unmap\n}\n");
		return text.toString();
	}

	static XtextResource load(Injector injector, String text) throws Exception {
		return load(injector, injector.getInstance(XtextResource.class), text);
	}

	static XtextResource load(Injector injector, XtextResource resource, String text) throws Exception {
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		resource.setURI(URI.createURI("mem:/fleet.coco"));
		set.getResources().add(resource);
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
		return resource;
	}

	static List<String> errors(Resource r) {
		return r.getErrors().stream().map(e -> e.getLine() + ":" + e.getColumn() + " " + e.getMessage()).toList();
	}

	@Test
	void reportsTheSameErrorsAsTheBatchTools() throws Exception {
		XtextResource server = load(ide, model());
		XtextResource batch = load(runtime, model());
		// Xtext's own resource, configured like coco's
		XtextResource xtext = load(runtime, runtime.getInstance(LazyLinkingResource.class), model());
		assertInstanceOf(RelinkingResource.class, server);
		assertInstanceOf(RelinkingResource.class, batch);
		assertEquals(errors(xtext), errors(batch));
		List<String> errors = errors(server);
		assertEquals(errors(batch), errors);
		assertTrue(errors.stream().anyMatch(e -> e.contains("'nosuch'")), errors.toString());
		assertTrue(errors.size() >= 2, "a syntax error and a linking error: " + errors);
	}

	@Test
	void aReferenceThatResolvesLaterLosesItsError() throws Exception {
		for (XtextResource r : List.of(load(ide, model()), load(runtime, runtime.getInstance(LazyLinkingResource.class), model()))) {
			assertTrue(errors(r).stream().anyMatch(e -> e.contains("'nosuch'")), errors(r).toString());
			// declaring the device (a model change clears the unresolvable-proxy cache) resolves the reference
			Platform fleet = (Platform) ((Model) r.getContents().get(0)).getElements().get(0);
			Device d39 = (Device) fleet.getMembers().stream().filter(m -> m instanceof Device d && d.getName().equals("d39"))
					.findFirst().orElseThrow();
			d39.setName("nosuch");
			EcoreUtil2.resolveLazyCrossReferences(r, CancelIndicator.NullImpl);
			assertTrue(errors(r).stream().noneMatch(e -> e.contains("'nosuch'")), r.getClass() + ": " + errors(r));
			assertTrue(!r.getErrors().isEmpty(), "the syntax error stays");
		}
	}

	@Test
	void aFileThatReferencesAnUnloadedOneLinksToItsNewVersion() throws Exception {
		XtextResourceSet set = ide.getInstance(XtextResourceSet.class);
		String platform = "platform P {\n    technology tdx\n    device nic : pci {\n        dma-mask 64\n    }\n}\n";
		XtextResource p = add(set, "mem:/p.coco", platform);
		XtextResource s = add(set, "mem:/s.coco",
				"scenario \"s\" on P {\n    b = alloc pages 4K\n    m = map b -> nic to-device\n}\n");
		EcoreUtil2.resolveLazyCrossReferences(s, CancelIndicator.NullImpl);
		org.coco.dsl.coco.Scenario scenario = (org.coco.dsl.coco.Scenario) ((Model) s.getContents().get(0)).getElements().get(0);
		org.coco.dsl.coco.MapStep map = (org.coco.dsl.coco.MapStep) scenario.getSteps().get(1);
		Device before = map.getDevice();
		assertEquals("nic", before.getName());
		assertEquals(List.of(), errors(s));

		// what the language server's builder does with a changed file: unload it, load its new text
		set.getResources().remove(p);
		p.unload();
		assertTrue(((org.eclipse.emf.ecore.EObject) map.eGet(org.coco.dsl.coco.CocoPackage.Literals.MAP_STEP__DEVICE, false)).eIsProxy(),
				"the reference into the unloaded file is a proxy");
		XtextResource p2 = add(set, "mem:/p.coco", platform.replace("dma-mask 64", "dma-mask 32"));
		Device after = map.getDevice();
		assertTrue(after != before && after.eResource() == p2, "resolved in the new version");
		assertEquals("nic", after.getName());
	}

	XtextResource add(XtextResourceSet set, String uri, String text) throws Exception {
		XtextResource r = ide.getInstance(XtextResource.class);
		assertInstanceOf(RelinkingResource.class, r);
		r.setURI(URI.createURI(uri));
		set.getResources().add(r);
		r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return r;
	}
}

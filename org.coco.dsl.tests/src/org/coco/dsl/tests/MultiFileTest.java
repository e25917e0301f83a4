package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Scenarios refer to platforms in other files through `package`/`import` and qualified names. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class MultiFileTest {

	private static final String PLATFORMS = """
			package lab.platforms
			platform Tdx {
			    technology tdx
			    pool swiotlb default size 64M
			    device nic : pci {
			        dma-mask 64
			    }
			}
			""";

	@Inject
	private CocoFiles files;

	@Test
	void theMultiFileExampleLinksAcrossFiles() throws Exception {
		Path dir = Examples.dir().resolve("multi-file");
		Path platforms = dir.resolve("lab-platforms.coco");
		Path scenarios = dir.resolve("lab-scenarios.coco");
		XtextResourceSet set = files.load(List.of(scenarios, platforms));
		Platform lab = (Platform) CocoFiles.model(set, platforms).getElements().get(0);
		Model model = CocoFiles.model(set, scenarios);
		assertEquals(2, model.getElements().size());
		for (var element : model.getElements()) {
			Scenario scenario = (Scenario) element;
			assertSame(lab, scenario.getPlatform(), scenario.getName());
			assertNotSame(scenario.eResource(), lab.eResource());
		}
		// Devices resolve against the imported platform too.
		MapStep map = (MapStep) ((Scenario) model.getElements().get(0)).getSteps().get(1);
		assertSame(lab.getMembers().get(3), map.getDevice());
		assertEquals("virtio_net", ((Device) map.getDevice()).getName());
	}

	@Test
	void importMakesThePlatformVisibleBySimpleName() throws Exception {
		XtextResourceSet set = files.empty();
		files.parse(set, "platforms.coco", PLATFORMS);
		Model scenarios = files.parse(set, "scenarios.coco", """
				package lab.tests
				import lab.platforms.*
				scenario "s" on Tdx {
				    buf = alloc pages 4K
				    m = map buf -> nic to-device expect bounce via default
				}
				""");
		assertEquals(List.of(), errors(scenarios.eResource()));
		assertEquals("Tdx", ((Scenario) scenarios.getElements().get(0)).getPlatform().getName());
	}

	@Test
	void aQualifiedNameNeedsNoImport() throws Exception {
		XtextResourceSet set = files.empty();
		files.parse(set, "platforms.coco", PLATFORMS);
		Model scenarios = files.parse(set, "scenarios.coco", """
				scenario "s" on lab.platforms.Tdx {
				    buf = alloc pages 4K
				}
				""");
		assertEquals(List.of(), errors(scenarios.eResource()));
	}

	@Test
	void withoutImportTheSimpleNameDoesNotResolve() throws Exception {
		XtextResourceSet set = files.empty();
		files.parse(set, "platforms.coco", PLATFORMS);
		Model scenarios = files.parse(set, "scenarios.coco", """
				package lab.tests
				scenario "s" on Tdx {
				    buf = alloc pages 4K
				}
				""");
		List<String> errors = errors(scenarios.eResource());
		assertEquals(1, errors.size(), errors::toString);
		assertTrue(errors.get(0).startsWith("2:17 "), errors::toString);
		assertTrue(errors.get(0).contains("Tdx"), errors::toString);
	}

	private static List<String> errors(Resource resource) {
		return resource.getErrors().stream().map(d -> d.getLine() + ":" + d.getColumn() + " " + d.getMessage()).toList();
	}
}

package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * The indexed scopes (CocoScopeProvider, BufferScope) behave like the list scopes they replaced on
 * large models: the first of equal member names, the latest earlier buffer declaration, a buffer
 * shadowing an MMIO region of the same name, and one entry per visible name for content assist.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ScopingAtScaleTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private IScopeProvider scopes;

	@Test
	void aThousandDevicesAndAFiveThousandStepScenarioLinkToTheRightDeclarations() throws Exception {
		StringBuilder text = new StringBuilder("platform Fleet {\n    technology sev-snp\n    c-bit 51\n");
		for (int d = 0; d < 1000; d++) {
			text.append("    device d").append(d).append(" : pci {\n        dma-mask 64\n    }\n");
		}
		text.append("}\nscenario \"long\" on Fleet {\n");
		for (int i = 0; i < 1250; i++) {
			// the same two names again and again: each use must find the latest declaration before it
			text.append("    b = alloc pages 4K\n    m = map b -> d").append(i % 1000).append(" to-device\n");
			text.append("    unmap m\n    free b\n");
		}
		text.append("}\n");
		Model model = parser.parse(text);
		assertEquals(List.of(), model.eResource().getErrors(), "syntax or linking errors");
		Platform fleet = (Platform) model.getElements().get(0);
		Scenario s = (Scenario) model.getElements().get(1);
		assertEquals(5000, s.getSteps().size());
		for (int i = 0; i < 1250; i++) {
			AllocStep alloc = (AllocStep) s.getSteps().get(4 * i);
			MapStep map = (MapStep) s.getSteps().get(4 * i + 1);
			FreeStep free = (FreeStep) s.getSteps().get(4 * i + 3);
			assertSame(alloc.getBuffer(), map.getTarget().getRef(), "step " + (4 * i + 1));
			assertSame(alloc.getBuffer(), free.getBuffer(), "step " + (4 * i + 3));
			assertSame(fleet.getMembers().get(i % 1000), map.getDevice());
		}
		// content assist at the last step: one `b` and one `m`, the latest ones
		List<IEObjectDescription> visible = new java.util.ArrayList<>();
		scopes.getScope(s.getSteps().get(4999), CocoPackage.Literals.FREE_STEP__BUFFER).getAllElements().forEach(visible::add);
		assertEquals(List.of("b", "m"), visible.stream().map(d -> d.getName().toString()).sorted().toList());
		assertSame(((AllocStep) s.getSteps().get(4996)).getBuffer(),
				visible.stream().filter(d -> d.getName().toString().equals("b")).findFirst().orElseThrow().getEObjectOrProxy());
	}

	@Test
	void aBufferShadowsAnMmioRegionOfTheSameNameAndTheFirstDeviceOfANameWins() throws Exception {
		Model model = parser.parse("""
				platform P {
				    technology tdx
				    device nic : pci {
				        dma-mask 64
				    }
				    mmio bar at 0x1000_0000 size 64K of nic
				}
				scenario "s" on P {
				    m1 = map bar -> nic to-device
				    bar = alloc pages 4K
				    m2 = map bar -> nic to-device
				}
				""");
		assertEquals(List.of(), model.eResource().getErrors(), "syntax or linking errors");
		Platform p = (Platform) model.getElements().get(0);
		Scenario s = (Scenario) model.getElements().get(1);
		assertTrue(((MapStep) s.getSteps().get(0)).getTarget().getRef() instanceof Mmio);
		assertSame(((AllocStep) s.getSteps().get(1)).getBuffer(), ((MapStep) s.getSteps().get(2)).getTarget().getRef());
		IEObjectDescription nic = scopes.getScope(s.getSteps().get(0), CocoPackage.Literals.MAP_STEP__DEVICE)
				.getSingleElement(QualifiedName.create("nic"));
		assertSame(p.getMembers().get(0), nic.getEObjectOrProxy());
		assertTrue(nic.getEObjectOrProxy() instanceof Device);
	}
}

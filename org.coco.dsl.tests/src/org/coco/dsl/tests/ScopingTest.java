package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.ExpectBounce;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Steps see the devices, pools and MMIO regions of their scenario's platform only, and buffers only
 * after the step that declares them; anything else is a linking error on the offending name.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ScopingTest {

	private static final String PLATFORMS = """
			platform A {
			    technology cca-realm
			    pool swiotlb default size 64M
			    pool restricted rp size 4M at 0x9000_0000
			    device a1 : pci {
			        dma-mask 64 restricted-pool rp
			    }
			    mmio a_bar at 0x1000_0000 size 64K of a1
			}
			platform B {
			    technology tdx
			    device b1 : pci {
			        dma-mask 64
			    }
			    mmio b_bar at 0x2000_0000 size 64K
			}
			""";

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private ValidationTestHelper validation;

	@Test
	void namesOfTheScenariosPlatformResolve() throws Exception {
		Model model = parser.parse(PLATFORMS + """
				scenario "s" on A {
				    buf = alloc pages 4K
				    m = map buf -> a1 to-device expect bounce via rp
				    r = map resource a_bar -> a1 bidirectional attrs MMIO
				    unmap m
				}
				""");
		validation.assertNoErrors(model);
		Platform a = (Platform) model.getElements().get(0);
		Scenario scenario = (Scenario) model.getElements().get(2);
		MapStep map = (MapStep) scenario.getSteps().get(1);
		assertSame(a.getMembers().get(2), map.getDevice());
		assertSame(a.getMembers().get(1), ((ExpectBounce) map.getExpectations().get(0)).getPool());
		MapStep resource = (MapStep) scenario.getSteps().get(2);
		assertSame(a.getMembers().get(3), resource.getTarget().getRef());
	}

	@Test
	void aDeviceOfAnotherPlatformIsAnErrorOnItsName() throws Exception {
		String text = PLATFORMS + """
				scenario "s" on A {
				    buf = alloc pages 4K
				    m = map buf -> b1 to-device
				}
				""";
		Model model = parser.parse(text);
		validation.assertError(model, CocoPackage.Literals.MAP_STEP, Diagnostic.LINKING_DIAGNOSTIC, text.indexOf("b1 to-device"), 2,
				"b1");
		assertEquals(List.of("19:20"), positions(model));
	}

	@Test
	void mmioAndPoolsOfAnotherPlatformDoNotResolve() throws Exception {
		String text = PLATFORMS + """
				scenario "s" on B {
				    r = map resource a_bar -> b1 bidirectional attrs MMIO
				    buf = alloc pages 4K
				    m = map buf -> b1 to-device expect bounce via rp
				}
				""";
		Model model = parser.parse(text);
		validation.assertError(model, CocoPackage.Literals.MAP_TARGET, Diagnostic.LINKING_DIAGNOSTIC, text.indexOf("a_bar ->"), 5,
				"a_bar");
		validation.assertError(model, CocoPackage.Literals.EXPECT_BOUNCE, Diagnostic.LINKING_DIAGNOSTIC, text.lastIndexOf("rp"), 2,
				"rp");
		assertEquals(List.of("18:22", "20:51"), positions(model));
	}

	@Test
	void aBufferIsVisibleOnlyAfterItsDeclaration() throws Exception {
		String text = PLATFORMS + """
				scenario "s" on A {
				    unmap m
				    buf = alloc pages 4K
				    m = map buf -> a1 to-device
				    unmap m
				    free buf
				}
				""";
		Model model = parser.parse(text);
		validation.assertError(model, CocoPackage.Literals.UNMAP_STEP, Diagnostic.LINKING_DIAGNOSTIC, text.indexOf("unmap m") + 6, 1, "m");
		assertEquals(List.of("18:11"), positions(model));
	}

	@Test
	void buffersDoNotLeakIntoOtherScenarios() throws Exception {
		String text = PLATFORMS + """
				scenario "one" on A {
				    buf = alloc pages 4K
				}
				scenario "two" on A {
				    free buf
				}
				""";
		Model model = parser.parse(text);
		assertEquals(List.of("21:10"), positions(model));
	}

	@Test
	void aLaterDeclarationShadowsAnEarlierOne() throws Exception {
		Model model = parser.parse(PLATFORMS + """
				scenario "s" on A {
				    buf = alloc pages 4K
				    buf = alloc pages 8K
				    free buf
				}
				""");
		validation.assertNoErrors(model);
		Scenario scenario = (Scenario) model.getElements().get(2);
		assertSame(((org.coco.dsl.coco.AllocStep) scenario.getSteps().get(1)).getBuffer(),
				((org.coco.dsl.coco.FreeStep) scenario.getSteps().get(2)).getBuffer());
	}

	/** Inside a platform, `restricted-pool`, `of` and `for` name members of that same platform. */
	@Test
	void platformMembersReferToTheirOwnPlatform() throws Exception {
		String text = """
				platform A {
				    technology pkvm
				    pool restricted rp size 2M at 0x8800_0000
				    device d : platform {
				        restricted-pool rp
				    }
				}
				platform B {
				    technology pkvm
				    device d : platform {
				        restricted-pool rp
				    }
				    mmio bar at 0x1000_0000 size 4K of d
				}
				""";
		Model model = parser.parse(text);
		Platform a = (Platform) model.getElements().get(0);
		assertSame(a.getMembers().get(0), ((org.coco.dsl.coco.Device) a.getMembers().get(1)).getRestrictedPool());
		Platform b = (Platform) model.getElements().get(1);
		assertSame(b.getMembers().get(0), ((org.coco.dsl.coco.Mmio) b.getMembers().get(1)).getDevice());
		assertEquals(List.of("11:25"), positions(model));
	}

	/**
	 * A platform's own members are found first (in a cached map); of equal names the first wins; a name
	 * that is no member still resolves through imports, as with Xtext's scope alone.
	 */
	@Test
	void ownMembersFirstThenImports() throws Exception {
		Model lab = parser.parse("""
				package lab
				platform X {
				    technology pkvm
				    pool restricted shared_rp size 2M at 0x8800_0000
				}
				""");
		Model model = parser.parse("""
				package fleet
				import lab.X.*
				platform Y {
				    technology pkvm
				    pool restricted rp size 2M at 0x9000_0000
				    pool restricted rp size 2M at 0x9800_0000
				    device d : platform {
				        restricted-pool rp
				    }
				    device e : platform {
				        restricted-pool shared_rp
				    }
				}
				""", lab.eResource().getResourceSet());
		Platform y = (Platform) model.getElements().get(0);
		assertSame(y.getMembers().get(0), ((org.coco.dsl.coco.Device) y.getMembers().get(2)).getRestrictedPool());
		Platform x = (Platform) lab.getElements().get(0);
		assertSame(x.getMembers().get(0), ((org.coco.dsl.coco.Device) y.getMembers().get(3)).getRestrictedPool());
		assertEquals(List.of(), positions(model));
	}

	private static List<String> positions(Model model) {
		EcoreUtil.resolveAll(model);
		return model.eResource().getErrors().stream().map(d -> d.getLine() + ":" + d.getColumn()).toList();
	}
}

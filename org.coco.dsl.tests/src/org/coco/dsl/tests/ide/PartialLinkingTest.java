package org.coco.dsl.tests.ide;

import static org.coco.dsl.tests.ide.PartialReparsingTest.assertSameAsFullParse;
import static org.coco.dsl.tests.ide.PartialReparsingTest.issues;
import static org.coco.dsl.tests.ide.PartialReparsingTest.load;
import static org.coco.dsl.tests.ide.PartialReparsingTest.newSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An edit strictly inside one scenario links that scenario alone (RelinkingResource): the other
 * scenarios keep their resolved references (no new proxies), and the diagnostics, unresolved names
 * elsewhere included, are those of the same text loaded from scratch. An edit inside a platform member
 * links it and the references that name it (PlatformMemberEditTest has more); an edit of a platform's
 * settings links the whole model. (PartialReparsingTest's random edits cover both paths too.)
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class PartialLinkingTest {

	@BeforeEach
	void injector() {
		PartialReparsingTest.ide = new CocoIdeSetup().createInjector();
	}

	@Test
	void anEditInsideAScenarioKeepsTheOtherScenariosLinked() throws Exception {
		// the last scenario refers to a device the platform does not have
		String text = Files.readString(ScenarioRunCacheTest.CCA).replace("nic accept fails expect errno EIO expect t0",
				"nic accept fails expect errno EIO expect t0\n    nosuchdev lock");
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		List<String> before = issues(r);
		assertTrue(before.stream().anyMatch(i -> i.contains("nosuchdev")), before.toString());
		EObject otherDevice = firstTsmDevice(r, "failed DMA enable leaves the device locked and T=0");
		assertFalse(otherDevice.eIsProxy());

		// an edit in another scenario: a contradicted expectation
		String edited = text.replace("c = dma_alloc_coherent nic 16K expect direct encrypted expect state private",
				"c = dma_alloc_coherent nic 16K expect bounce expect state private");
		assertNotEquals(text, edited);
		assertTrue(PartialReparsingBuilder.reparse(r, edited), "re-parsed partially");
		assertSame(otherDevice, unresolvedFirstTsmDevice(r, "failed DMA enable leaves the device locked and T=0"),
				"the other scenario's reference was not linked again");
		List<String> after = issues(r);
		assertNotEquals(before, after);
		assertTrue(after.stream().anyMatch(i -> i.contains("nosuchdev")), "the unresolved name elsewhere is still reported");
		assertSameAsFullParse(r, edited, "edit in a scenario");
	}

	@Test
	void anEditOfAPlatformMemberLinksTheReferencesThatNameIt() throws Exception {
		String text = Files.readString(ScenarioRunCacheTest.CCA);
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		issues(r);
		EObject device = firstTsmDevice(r, "failed DMA enable leaves the device locked and T=0");
		int whole = ((RelinkingResource) r).wholeLinkings();
		// renames the NIC: every `nic` of the scenarios is unresolved now
		String edited = text.replace("device nic : pci", "device nic2 : pci");
		assertTrue(PartialReparsingBuilder.reparse(r, edited), "re-parsed partially");
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings(), "the member was linked alone");
		EObject linked = unresolvedFirstTsmDevice(r, "failed DMA enable leaves the device locked and T=0");
		assertTrue(linked.eIsProxy() && ((LazyLinkingResource) r).getEncoder().isCrossLinkFragment(r,
				((InternalEObject) linked).eProxyURI().fragment()),
				"linked again: a lazy-link proxy until resolved, not the old device: " + ((InternalEObject) linked).eProxyURI());
		assertSameAsFullParse(r, edited, "edit of the platform"); // (resolving first would change the errors' order)
		assertNotEquals(device, firstTsmDevice(r, "failed DMA enable leaves the device locked and T=0"));
	}

	@Test
	void anEditOfThePlatformSettingsLinksEverythingAgain() throws Exception {
		String text = Files.readString(ScenarioRunCacheTest.CCA);
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		issues(r);
		EObject device = firstTsmDevice(r, "failed DMA enable leaves the device locked and T=0");
		int whole = ((RelinkingResource) r).wholeLinkings();
		String edited = text.replaceFirst("ipa-bits (\\d+)", "ipa-bits 4$1");
		assertNotEquals(text, edited);
		assertTrue(PartialReparsingBuilder.reparse(r, edited), "re-parsed partially");
		assertTrue(((RelinkingResource) r).wholeLinkings() > whole, "the whole model linked");
		assertSameAsFullParse(r, edited, "edit of the platform's settings");
		assertNotEquals(device, firstTsmDevice(r, "failed DMA enable leaves the device locked and T=0"));
	}

	/** The device of the scenario's first TSM step, resolved. */
	private static EObject firstTsmDevice(XtextResource r, String scenario) {
		return tsm(r, scenario).getDevice();
	}

	/** The same, as the model holds it (a proxy if linked but not resolved yet). */
	private static EObject unresolvedFirstTsmDevice(XtextResource r, String scenario) {
		return (EObject) tsm(r, scenario).eGet(CocoPackage.Literals.TSM_STEP__DEVICE, false);
	}

	private static TsmStep tsm(XtextResource r, String name) {
		Scenario s = ((Model) r.getContents().get(0)).getElements().stream().filter(Scenario.class::isInstance)
				.map(Scenario.class::cast).filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
		return s.getSteps().stream().filter(TsmStep.class::isInstance).map(TsmStep.class::cast).findFirst().orElseThrow();
	}
}

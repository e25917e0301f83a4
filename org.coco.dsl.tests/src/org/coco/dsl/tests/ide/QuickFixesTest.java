package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.ide.quickfix.CocoQuickFixes;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Each quick fix, applied to a model with its issue: the fixed text parses, re-validates without that
 * issue, and is already in the formatter's layout.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class QuickFixesTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private ValidationTestHelper validation;

	@Inject
	private Provider<IFormatter2> formatters;

	@Inject
	private Provider<FormatterRequest> requests;

	@Inject
	private Provider<TextRegionAccessBuilder> regionAccess;

	/** Applies the fix whose label starts with label to the first issue with code; checks the result. */
	private String fix(String text, String code, String label) throws Exception {
		Model model = parser.parse(text);
		assertEquals(text, format(model), "test input is not in formatter layout");
		Issue issue = validation.validate(model).stream().filter(i -> code.equals(i.getCode())).findFirst()
				.orElseThrow(() -> new AssertionError("no " + code + " in\n" + text));
		List<CocoQuickFixes.Fix> fixes = CocoQuickFixes.fixes(issue, text);
		CocoQuickFixes.Fix fix = fixes.stream().filter(f -> f.label().startsWith(label)).findFirst()
				.orElseThrow(() -> new AssertionError("no fix '" + label + "' among " + fixes));
		String fixed = fix.applyTo(text);
		Model again = parser.parse(fixed);
		assertEquals(List.of(), again.eResource().getErrors().stream().map(e -> e.getMessage()).toList(),
				() -> "syntax or linking errors after the fix:\n" + fixed);
		List<Issue> left = validation.validate(again).stream().filter(i -> code.equals(i.getCode())).toList();
		assertTrue(left.isEmpty(), () -> code + " still reported after '" + fix.label() + "':\n" + fixed + left);
		assertEquals(fixed, format(again), "the fixed text is not in formatter layout");
		return fixed;
	}

	private String format(Model model) {
		ITextRegionAccess access = regionAccess.get().forNodeModel((XtextResource) model.eResource()).create();
		FormatterRequest request = requests.get();
		request.setTextRegionAccess(access);
		return access.getRewriter().renderToString(formatters.get().format(request));
	}

	private static String platform(String body) {
		return "platform P {\n" + body.indent(4) + "}\n";
	}

	private static final String SNP = platform("""
			technology sev-snp
			c-bit 51
			overlays ov-sev-tio, ov-devsec
			heap system_cc_shared
			device nic : pci {
			    dma-mask 64
			    tdisp state unlocked
			}
			device hba : pci {
			    dma-mask 64
			    path iommu
			}""");

	private static String scenario(String header, String steps) {
		return SNP + "\nscenario \"s\" on P" + header + " {\n" + steps.indent(4) + "}\n";
	}

	@Test
	void renameDeprecatedHeap() throws Exception {
		String out = fix(platform("technology tdx\nheap system_cc_decrypted"), IssueCodes.DEPRECATED_HEAP_NAME, "Rename");
		assertEquals(platform("technology tdx\nheap system_cc_shared"), out);
	}

	@Test
	void renameDeprecatedAttribute() throws Exception {
		String out = fix(scenario(" profile ccs71", "h = alloc heap system_cc_shared 64K\nm = map h -> nic to-device attrs CC_DECRYPTED"),
				IssueCodes.DEPRECATED_ATTRIBUTE, "Rename");
		assertTrue(out.contains("attrs CC_SHARED\n"), out);
	}

	@Test
	void removeOrReplaceAHeapTheKernelNeverRegisters() throws Exception {
		String out = fix(platform("technology non-cc\nheap system\nheap system_cc_shared"), IssueCodes.HEAP_NOT_REGISTERED, "Remove heap");
		assertEquals(platform("technology non-cc\nheap system"), out);
		out = fix(platform("technology non-cc\nheap system_cc_shared"), IssueCodes.HEAP_NOT_REGISTERED, "Replace with heap system");
		assertEquals(platform("technology non-cc\nheap system"), out);
	}

	@Test
	void addTheMissingTechnology() throws Exception {
		String out = fix(platform("phys-bits 52"), IssueCodes.MISSING_SETTING, "Add 'technology non-cc'");
		assertEquals(platform("technology non-cc\nphys-bits 52"), out);
	}

	@Test
	void roundPoolSizeUpTo2M() throws Exception {
		String out = fix(platform("technology sev-snp\npool swiotlb default size 3M at 0x8000_0000"), IssueCodes.POOL_NOT_2M_ALIGNED,
				"Round");
		assertEquals(platform("technology sev-snp\npool swiotlb default size 4M at 0x8000_0000"), out);
	}

	@Test
	void matchIommuLeafAndRmpPage() throws Exception {
		String text = platform("technology sev-snp\nrmp-page 2M\ndevice nic : pci {\n    iommu-leaf 4K\n}");
		assertEquals(text.replace("iommu-leaf 4K", "iommu-leaf 2M"), fix(text, IssueCodes.RMP_LEAF_MISMATCH, "Set iommu-leaf"));
		assertEquals(text.replace("rmp-page 2M", "rmp-page 4K"), fix(text, IssueCodes.RMP_LEAF_MISMATCH, "Set rmp-page"));
	}

	@Test
	void insertTheMissingTsmTransitions() throws Exception {
		String out = fix(scenario("", "nic accept expect ok expect t1"), IssueCodes.TSM_TRANSITION_NOT_ALLOWED, "Insert nic lock");
		assertTrue(out.contains("    nic lock\n    nic accept expect ok expect t1\n"), out);
		out = fix(scenario("", "nic bind\nnic accept expect ok"), IssueCodes.TSM_TRANSITION_NOT_ALLOWED, "Insert nic unbind, nic lock");
		assertTrue(out.contains("    nic bind\n    nic unbind\n    nic lock\n    nic accept expect ok\n"), out);
	}

	@Test
	void removeCcSharedFromPrivateMemory() throws Exception {
		String out = fix(scenario(" profile ccs71", "buf = alloc pages 8K\nm = map buf -> nic to-device attrs CC_SHARED"),
				IssueCodes.CC_SHARED_ON_PRIVATE, "Remove CC_SHARED");
		assertTrue(out.contains("m = map buf -> nic to-device\n"), out);
	}

	@Test
	void addCcSharedToMemoryTheCallerDecrypted() throws Exception {
		String text = scenario(" profile ccs71", "buf = alloc pages 8K\nset_memory_decrypted buf\nm = map buf -> nic to-device");
		assertTrue(fix(text, IssueCodes.CC_SHARED_MISSING, "Add CC_SHARED").contains("m = map buf -> nic to-device attrs CC_SHARED\n"));
		String withAttrs = text.replace("to-device", "to-device attrs SKIP_CPU_SYNC");
		assertTrue(fix(withAttrs, IssueCodes.CC_SHARED_MISSING, "Add CC_SHARED").contains("attrs SKIP_CPU_SYNC | CC_SHARED\n"));
	}

	@Test
	void removeCcSharedOffTheDirectPath() throws Exception {
		String out = fix(scenario(" profile ccs71",
				"h = alloc heap system_cc_shared 64K\nm = map h -> hba to-device attrs SKIP_CPU_SYNC | CC_SHARED"),
				IssueCodes.CC_SHARED_NOT_DIRECT, "Remove CC_SHARED");
		assertTrue(out.contains("m = map h -> hba to-device attrs SKIP_CPU_SYNC\n"), out);
	}

	@Test
	void removeMmioFromPageMemory() throws Exception {
		String out = fix(scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device attrs MMIO | SKIP_CPU_SYNC"),
				IssueCodes.MMIO_ON_PAGE_BUFFER, "Remove MMIO");
		assertTrue(out.contains("m = map buf -> nic to-device attrs SKIP_CPU_SYNC\n"), out);
	}

	@Test
	void removeAnAllocationAttributeTheProfileRejects() throws Exception {
		String out = fix(scenario(" profile series-v7", "c = dma_alloc_coherent nic 8K attrs CC_SHARED"), IssueCodes.ALLOC_ATTR_REJECTED,
				"Remove CC_SHARED");
		assertTrue(out.contains("c = dma_alloc_coherent nic 8K\n"), out);
	}

	@Test
	void dropSwiotlbForceThatOvX86ptIgnores() throws Exception {
		String text = platform("technology sme-host\nc-bit 47\noverlays ov-x86pt\niommu passthrough\nboot iommu=pt swiotlb=force");
		assertEquals(text.replace(" swiotlb=force", ""), fix(text, IssueCodes.SWIOTLB_FORCE_IGNORED, "Drop swiotlb=force"));
		String first = text.replace("boot iommu=pt swiotlb=force", "boot swiotlb=force iommu=pt");
		assertEquals(text.replace(" swiotlb=force", ""), fix(first, IssueCodes.SWIOTLB_FORCE_IGNORED, "Drop swiotlb=force"));
	}

	@Test
	void dropSwiotlbNoforce() throws Exception {
		String text = platform("technology tdx\nboot swiotlb=noforce\ndevice nic : pci {\n    dma-mask 64\n}");
		assertEquals(text.replace("    boot swiotlb=noforce\n", ""), fix(text, IssueCodes.SWIOTLB_DISABLED, "Drop"));
	}

	@Test
	void changeAPoolToShared() throws Exception {
		String text = platform("technology pkvm\noverlays ov-pkvm\nprofile ccs71\npool restricted rp size 4M private\n"
				+ "device d : platform {\n    restricted-pool rp\n}");
		assertEquals(text.replace("4M private", "4M shared"), fix(text, IssueCodes.PRIVATE_POOL_UNSUPPORTED, "Make the pool shared"));
	}

	@Test
	void replaceOrRemoveAnAddressEncodingParameter() throws Exception {
		String cca = platform("technology cca-realm\nc-bit 47");
		assertEquals(platform("technology cca-realm\nipa-bits 47"), fix(cca, IssueCodes.ENCODING_PARAMETER_MISMATCH, "Use ipa-bits"));
		assertEquals(platform("technology tdx"), fix(platform("technology tdx\nc-bit 51"), IssueCodes.ENCODING_PARAMETER_MISMATCH,
				"Remove"));
	}

	@Test
	void removeAnOverlayOfAnotherTechnology() throws Exception {
		String out = fix(platform("technology tdx\noverlays ov-devsec, ov-cca-da"), IssueCodes.OVERLAY_NOT_APPLICABLE, "Remove overlay");
		assertEquals(platform("technology tdx\noverlays ov-devsec"), out);
		out = fix(platform("technology tdx\noverlays ov-cca-da, ov-devsec"), IssueCodes.OVERLAY_NOT_APPLICABLE, "Remove overlay");
		assertEquals(platform("technology tdx\noverlays ov-devsec"), out);
		out = fix(platform("technology tdx") + "\nscenario \"s\" on P overlays ov-sev-tio {\n}\n", IssueCodes.OVERLAY_NOT_APPLICABLE,
				"Remove overlay");
		assertEquals(platform("technology tdx") + "\nscenario \"s\" on P {\n}\n", out);
	}

	@Test
	void removeASettingOfAnotherTechnology() throws Exception {
		assertEquals(platform("technology tdx"), fix(platform("technology tdx\nrmp-page 2M"), IssueCodes.SETTING_NOT_APPLICABLE, "Remove"));
	}

	@Test
	void removeARejectedPoolProperty() throws Exception {
		String text = platform("technology cca-realm\npool restricted rp size 4M no-map\ndevice d : platform {\n    restricted-pool rp\n}");
		assertEquals(text.replace(" no-map", ""), fix(text, IssueCodes.RESTRICTED_POOL_REJECTED, "Remove 'no-map'"));
	}

	@Test
	void updateAContradictedExpectationToTheActualOutcome() throws Exception {
		String out = fix(scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device expect direct encrypted"),
				IssueCodes.EXPECTATION_CONTRADICTED, "Expect what the run gives");
		assertTrue(out.contains("m = map buf -> nic to-device expect bounce via default\n"), out);
		out = fix(scenario("", "nic lock expect errno EBUSY"), IssueCodes.EXPECTATION_CONTRADICTED, "Expect what the run gives");
		assertTrue(out.contains("nic lock expect ok\n"), out);
	}

	@Test
	void createAMissingDevice() throws Exception {
		String text = platform("technology tdx") + "\nscenario \"s\" on P {\n    c = dma_alloc_coherent gpu 4K\n}\n";
		String out = fix(text, Diagnostic.LINKING_DIAGNOSTIC, "Create device gpu");
		assertTrue(out.startsWith(platform("technology tdx\ndevice gpu : pci {\n}")), out);
	}

	@Test
	void createAMissingRestrictedPool() throws Exception {
		String text = platform("technology cca-realm\ndevice d : platform {\n    restricted-pool rp\n}");
		String out = fix(text, Diagnostic.LINKING_DIAGNOSTIC, "Create restricted pool rp");
		assertEquals(platform("technology cca-realm\ndevice d : platform {\n    restricted-pool rp\n}\npool restricted rp size 4M"), out);
	}

	@Test
	void addTheGuestTsmOverlayForATdispDevice() throws Exception {
		String text = platform("technology tdx\ndevice nic : pci {\n    tdisp state unlocked\n}");
		assertEquals(text.replace("tdx\n", "tdx\n    overlays ov-devsec\n"), fix(text, IssueCodes.TDISP_UNSUPPORTED, "Add overlay"));
		String with = text.replace("tdx\n", "tdx\n    overlays ov-ms\n");
		assertEquals(text.replace("tdx\n", "tdx\n    overlays ov-ms, ov-devsec\n"), fix(with, IssueCodes.TDISP_UNSUPPORTED, "Add overlay"));
	}

	@Test
	void everyCodeWithAFixIsAKnownCode() {
		for (String code : CocoQuickFixes.codes()) {
			assertTrue(IssueCodes.all().contains(code) || Diagnostic.LINKING_DIAGNOSTIC.equals(code), code);
		}
		assertTrue(CocoQuickFixes.codes().size() >= 12);
	}
}

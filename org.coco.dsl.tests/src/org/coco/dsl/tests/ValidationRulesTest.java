package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Every validation rule: where it fires (code, severity, exact region) and a close variant where it
 * must not. Texts are minimal platforms and scenarios; §-numbers are the reference's.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ValidationRulesTest {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private ValidationTestHelper validation;

	private Model parse(String text) throws Exception {
		Model m = parser.parse(text);
		assertEquals(List.of(), m.eResource().getErrors().stream().map(e -> e.getMessage()).toList(), "syntax errors");
		return m;
	}

	/** The error is on the first occurrence of marker (the nth with a count). */
	private void error(EClass type, String code, String text, String marker, String... message) throws Exception {
		validation.assertError(parse(text), type, code, text.indexOf(marker), marker.length(), message);
	}

	private void warning(EClass type, String code, String text, String marker, String... message) throws Exception {
		validation.assertWarning(parse(text), type, code, text.indexOf(marker), marker.length(), message);
	}

	private void quiet(String code, String text) throws Exception {
		List<Issue> hits = validation.validate(parse(text)).stream().filter(i -> code.equals(i.getCode())).toList();
		assertTrue(hits.isEmpty(), () -> code + " fired: " + hits);
	}

	private static String platform(String body) {
		return "platform P {\n" + body.indent(4) + "}\n";
	}

	// ------------------------------------------------------------------ platform consistency

	@Test
	void encodingParameterOfAnotherTechnology() throws Exception {
		String text = platform("technology tdx\nc-bit 51");
		error(COCO.getPlatform(), IssueCodes.ENCODING_PARAMETER_MISMATCH, text, "c-bit 51", "'c-bit' does not apply to technology tdx");
		error(COCO.getPlatform(), IssueCodes.ENCODING_PARAMETER_MISMATCH, platform("technology cca-realm\nc-bit 47"), "c-bit 47",
				"use ipa-bits instead");
		error(COCO.getPlatform(), IssueCodes.ENCODING_PARAMETER_MISMATCH, platform("technology sev\nipa-bits 48"), "ipa-bits 48");
		quiet(IssueCodes.ENCODING_PARAMETER_MISMATCH, platform("technology sev-snp\nc-bit 51"));
		quiet(IssueCodes.ENCODING_PARAMETER_MISMATCH, platform("technology cca-realm\nipa-bits 48"));
		quiet(IssueCodes.ENCODING_PARAMETER_MISMATCH, platform("technology sev-snp-vtom\nshared-gpa-boundary 0x80_0000_0000"));
	}

	@Test
	void cBitOutsideThePhysicalAddressWidth() throws Exception {
		String text = platform("technology sev-snp\nc-bit 51\nphys-bits 48");
		error(COCO.getPlatform(), IssueCodes.C_BIT_OUT_OF_RANGE, text, "51", "outside the physical address width (48 bits)");
		quiet(IssueCodes.C_BIT_OUT_OF_RANGE, platform("technology sev-snp\nc-bit 47\nphys-bits 48"));
		quiet(IssueCodes.C_BIT_OUT_OF_RANGE, platform("technology sev-snp\nc-bit 51"));
	}

	@Test
	void overlayOfAnotherTechnology() throws Exception {
		String text = platform("technology tdx\noverlays ov-devsec, ov-cca-da");
		error(COCO.getPlatform(), IssueCodes.OVERLAY_NOT_APPLICABLE, text, "ov-cca-da", "overlay ov-cca-da does not apply to technology tdx");
		String scenario = platform("technology tdx") + "\nscenario \"s\" on P overlays ov-sev-tio {\n}\n";
		error(COCO.getScenario(), IssueCodes.OVERLAY_NOT_APPLICABLE, scenario, "ov-sev-tio");
		quiet(IssueCodes.OVERLAY_NOT_APPLICABLE, platform("technology cca-realm\noverlays ov-devsec, ov-cca-da"));
		quiet(IssueCodes.OVERLAY_NOT_APPLICABLE, platform("technology sme-host\noverlays ov-x86pt"));
	}

	@Test
	void settingOfAnotherTechnology() throws Exception {
		warning(COCO.getPlatform(), IssueCodes.SETTING_NOT_APPLICABLE, platform("technology tdx\nrmp-page 2M"), "rmp-page 2M",
				"rmp-page only matters on SEV-SNP");
		warning(COCO.getPlatform(), IssueCodes.SETTING_NOT_APPLICABLE, platform("technology non-cc\nt1-shared-access forbidden"),
				"t1-shared-access forbidden");
		quiet(IssueCodes.SETTING_NOT_APPLICABLE, platform("technology sev-snp\nrmp-page 2M\nt1-shared-access forbidden"));
	}

	@Test
	void heapTheKernelNeverRegisters() throws Exception {
		warning(COCO.getHeap(), IssueCodes.HEAP_NOT_REGISTERED, platform("technology non-cc\nheap system_cc_shared"),
				"system_cc_shared", "cc_platform_has(MEM_ENCRYPT) is false on non-cc");
		warning(COCO.getHeap(), IssueCodes.HEAP_NOT_REGISTERED, platform("technology tdx\nconfig HIGHMEM\nheap system_cc_shared"),
				"system_cc_shared", "CONFIG_HIGHMEM");
		warning(COCO.getHeap(), IssueCodes.HEAP_NOT_REGISTERED, platform("technology pkvm\nheap system_cc_shared"),
				"system_cc_shared", "without ov-pkvm");
		warning(COCO.getHeap(), IssueCodes.HEAP_NOT_REGISTERED, platform("technology s390-pv\nprofile ccs71\nheap system_cc_shared"),
				"system_cc_shared");
		quiet(IssueCodes.HEAP_NOT_REGISTERED, platform("technology sev-snp\nheap system_cc_shared"));
		quiet(IssueCodes.HEAP_NOT_REGISTERED, platform("technology sme-host\nheap system_cc_shared"));
		// registered in the configurations the platform is used in: ov-pkvm / series-v7 scenarios
		quiet(IssueCodes.HEAP_NOT_REGISTERED, platform("technology pkvm\nheap system_cc_shared")
				+ "\nscenario \"s\" on P profile ccs71 overlays ov-pkvm {\n    h = alloc heap system_cc_shared 64K\n}\n");
		quiet(IssueCodes.HEAP_NOT_REGISTERED, platform("technology s390-pv\nheap system_cc_shared")
				+ "\nscenario \"s\" on P profile series-v7 {\n    h = alloc heap system_cc_shared 64K\n}\n");
	}

	@Test
	void deprecatedHeapName() throws Exception {
		String text = platform("technology tdx\nheap system_cc_decrypted");
		warning(COCO.getHeap(), IssueCodes.DEPRECATED_HEAP_NAME, text, "system_cc_decrypted", "use system_cc_shared");
		String alloc = platform("technology tdx\nheap system_cc_shared")
				+ "\nscenario \"s\" on P profile ccs71 {\n    h = alloc heap system_cc_decrypted 64K\n}\n";
		warning(COCO.getHeapAlloc(), IssueCodes.DEPRECATED_HEAP_NAME, alloc, "system_cc_decrypted");
		quiet(IssueCodes.DEPRECATED_HEAP_NAME, platform("technology tdx\nheap system_cc_shared"));
	}

	@Test
	void deprecatedAttribute() throws Exception {
		String text = platform("technology tdx\nheap system_cc_shared\ndevice nic : pci {\n    dma-mask 64\n}")
				+ "\nscenario \"s\" on P profile ccs71 {\n    h = alloc heap system_cc_shared 64K\n"
				+ "    m = map h -> nic to-device attrs CC_DECRYPTED\n}\n";
		warning(COCO.getMapStep(), IssueCodes.DEPRECATED_ATTRIBUTE, text, "CC_DECRYPTED", "use CC_SHARED");
		quiet(IssueCodes.DEPRECATED_ATTRIBUTE, text.replace("CC_DECRYPTED", "CC_SHARED"));
	}

	private static final String SME_PT = "technology sme-host\nc-bit 47\niommu passthrough\nboot iommu=pt swiotlb=force";

	@Test
	void swiotlbForceIgnoredUnderOvX86pt() throws Exception {
		warning(COCO.getPlatform(), IssueCodes.SWIOTLB_FORCE_IGNORED, platform(SME_PT + "\noverlays ov-x86pt"), "swiotlb=force",
				"Ignoring swiotlb=force");
		quiet(IssueCodes.SWIOTLB_FORCE_IGNORED, platform(SME_PT));
		quiet(IssueCodes.SWIOTLB_FORCE_IGNORED, platform("technology sme-host\nc-bit 47\niommu translated\nboot swiotlb=force\noverlays ov-x86pt"));
	}

	@Test
	void swiotlbDisabledWhileADeviceMustBounce() throws Exception {
		String text = platform("technology tdx\nboot swiotlb=noforce\ndevice nic : pci {\n    dma-mask 64\n}");
		warning(COCO.getPlatform(), IssueCodes.SWIOTLB_DISABLED, text, "swiotlb=noforce", "device nic must bounce");
		quiet(IssueCodes.SWIOTLB_DISABLED, text.replace("tdx", "non-cc"));
		quiet(IssueCodes.SWIOTLB_DISABLED, text.replace("boot swiotlb=noforce", "boot swiotlb=force"));
	}

	@Test
	void privateRestrictedPoolWithoutPrivatePools() throws Exception {
		String body = "technology pkvm\noverlays ov-pkvm\nprofile ccs71\npool restricted rp size 4M at 0x9000_0000 private\n"
				+ "device d : platform {\n    restricted-pool rp\n}";
		warning(COCO.getRestrictedPool(), IssueCodes.PRIVATE_POOL_UNSUPPORTED, platform(body), "private", "make it shared");
		quiet(IssueCodes.PRIVATE_POOL_UNSUPPORTED, platform(body.replace("ccs71", "series-v7")));
		quiet(IssueCodes.PRIVATE_POOL_UNSUPPORTED, platform(body.replace(" private", "")));
	}

	@Test
	void restrictedPoolTheKernelRejects() throws Exception {
		String body = "technology cca-realm\npool restricted rp size 4M no-map\ndevice d : platform {\n    restricted-pool rp\n}";
		warning(COCO.getRestrictedPool(), IssueCodes.RESTRICTED_POOL_REJECTED, platform(body), "no-map", "rejects 'no-map'");
		warning(COCO.getRestrictedPool(), IssueCodes.RESTRICTED_POOL_REJECTED, platform(body.replace("no-map", "reusable")), "reusable");
		warning(COCO.getRestrictedPool(), IssueCodes.RESTRICTED_POOL_REJECTED, platform(body.replace("no-map", "highmem")), "highmem");
		quiet(IssueCodes.RESTRICTED_POOL_REJECTED, platform(body.replace(" no-map", "")));
	}

	@Test
	void overlappingRanges() throws Exception {
		String body = "technology cca-realm\npool restricted rp size 4M at 0x9000_0000\nmmio bar at 0x9010_0000 size 1M\n"
				+ "device d : platform {\n    restricted-pool rp\n}";
		error(COCO.getMmio(), IssueCodes.OVERLAPPING_RANGES, platform(body), "0x9010_0000", "overlaps pool rp");
		quiet(IssueCodes.OVERLAPPING_RANGES, platform(body.replace("0x9010_0000", "0x9040_0000")));
		// a declared default pool without size has the default 64M
		error(COCO.getMmio(), IssueCodes.OVERLAPPING_RANGES, platform("technology tdx\npool swiotlb default at 0x8000_0000\n"
				+ "mmio bar at 0x83f0_0000 size 1M"), "0x83f0_0000");
	}

	@Test
	void poolSizeNot2MAlignedOnSnp() throws Exception {
		String body = "technology sev-snp\npool swiotlb default size 3M at 0x8000_0000";
		warning(COCO.getSwiotlbPool(), IssueCodes.POOL_NOT_2M_ALIGNED, platform(body), "3M", "use 4M");
		quiet(IssueCodes.POOL_NOT_2M_ALIGNED, platform(body.replace("3M", "4M")));
		quiet(IssueCodes.POOL_NOT_2M_ALIGNED, platform(body.replace("sev-snp", "tdx")));
	}

	@Test
	void rmpPageVsIommuLeaf() throws Exception {
		String body = "technology sev-snp\nrmp-page 2M\ndevice nic : pci {\n    iommu-leaf 4K\n}";
		error(COCO.getDevice(), IssueCodes.RMP_LEAF_MISMATCH, platform(body), "4K", "RMP check fails");
		quiet(IssueCodes.RMP_LEAF_MISMATCH, platform(body.replace("4K", "1G")));
		quiet(IssueCodes.RMP_LEAF_MISMATCH, platform(body.replace("rmp-page 2M", "rmp-page 4K")));
	}

	@Test
	void realmDeviceMaskBelowTheSharedAlias() throws Exception {
		String body = "technology cca-realm\nipa-bits 48\ndevice narrow : pci {\n    dma-mask 32\n}";
		warning(COCO.getDevice(), IssueCodes.MASK_CANNOT_REACH_SHARED, platform(body), "32", "PROT_NS_SHARED");
		quiet(IssueCodes.MASK_CANNOT_REACH_SHARED, platform(body.replace("dma-mask 32", "dma-mask 48")));
		quiet(IssueCodes.MASK_CANNOT_REACH_SHARED, platform(body.replace("cca-realm\nipa-bits 48", "tdx")));
	}

	@Test
	void deviceMaskBelowItsPool() throws Exception {
		String body = "technology pkvm\npool restricted rp size 4M at 0x1_0000_0000\n"
				+ "device d : platform {\n    dma-mask 32\n    restricted-pool rp\n}";
		warning(COCO.getDevice(), IssueCodes.MASK_CANNOT_REACH_POOL, platform(body), "32", "cannot reach its restricted pool rp");
		quiet(IssueCodes.MASK_CANNOT_REACH_POOL, platform(body.replace("0x1_0000_0000", "0x9000_0000")));
		String def = "technology tdx\npool swiotlb default size 64M at 0x2_0000_0000\ndevice old : pci {\n    dma-mask 32\n}";
		warning(COCO.getDevice(), IssueCodes.MASK_CANNOT_REACH_POOL, platform(def), "32", "default swiotlb pool");
		quiet(IssueCodes.MASK_CANNOT_REACH_POOL, platform(def.replace("tdx", "non-cc")));
	}

	@Test
	void tdispWithoutGuestTsm() throws Exception {
		String body = "technology tdx\ndevice nic : pci {\n    tdisp state unlocked\n}";
		warning(COCO.getDevice(), IssueCodes.TDISP_UNSUPPORTED, platform(body), "tdisp", "no guest TSM overlay");
		quiet(IssueCodes.TDISP_UNSUPPORTED, platform(body.replace("technology tdx", "technology tdx\noverlays ov-devsec")));
		quiet(IssueCodes.TDISP_UNSUPPORTED, platform(body.replace("tdx", "sme-host"))); // host connect
		quiet(IssueCodes.TDISP_UNSUPPORTED, platform(body) + "\nscenario \"s\" on P overlays ov-devsec {\n    nic lock\n}\n");
	}

	@Test
	void t1DeviceOnASharedRestrictedPool() throws Exception {
		String body = "technology cca-realm\noverlays ov-cca-da\nprofile series-v7\npool restricted rp size 4M\n"
				+ "device nic : pci {\n    restricted-pool rp\n    tdisp state run accepted\n}";
		String text = platform(body);
		validation.assertWarning(parse(text), COCO.getDevice(), IssueCodes.T1_DEVICE_SHARED_POOL,
				text.indexOf("restricted-pool rp") + "restricted-pool ".length(), 2, "never bounces through a shared pool");
		quiet(IssueCodes.T1_DEVICE_SHARED_POOL, platform(body.replace("size 4M", "size 4M private")));
		quiet(IssueCodes.T1_DEVICE_SHARED_POOL, platform(body.replace("state run accepted", "state locked")));
	}

	// ------------------------------------------------------------------ scenarios

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
			}
			mmio bar at 0xfc00_0000 size 1M shared of nic""");

	private static String scenario(String header, String steps) {
		return SNP + "\nscenario \"s\" on P" + header + " {\n" + steps.indent(4) + "}\n";
	}

	@Test
	void tsmTransitionNotAllowedFromTheDevicesState() throws Exception {
		String text = scenario("", "nic accept expect ok");
		error(COCO.getTsmStep(), IssueCodes.TSM_TRANSITION_NOT_ALLOWED, text, "nic accept", "not locked", "insert nic lock");
		String bound = scenario("", "nic bind\nnic lock");
		validation.assertError(parse(bound), COCO.getTsmStep(), IssueCodes.TSM_TRANSITION_NOT_ALLOWED,
				bound.indexOf("nic lock"), "nic lock".length(), "a driver is bound", "insert nic unbind");
		quiet(IssueCodes.TSM_TRANSITION_NOT_ALLOWED, scenario("", "nic lock expect ok\nnic accept expect ok expect t1"));
		// the refusal is what the scenario is about
		quiet(IssueCodes.TSM_TRANSITION_NOT_ALLOWED, scenario("", "nic accept expect errno EINVAL"));
	}

	@Test
	void useAfterFree() throws Exception {
		String text = scenario("", "buf = alloc pages 8K\nfree buf\nm = map buf -> nic to-device");
		validation.assertError(parse(text), COCO.getMapTarget(), IssueCodes.USE_AFTER_FREE, text.indexOf("buf -> nic"), 3,
				"used after it was freed");
	}

	@Test
	void useAfterFreeRegion() throws Exception {
		String text = scenario("", "buf = alloc pages 8K\nfree buf\nfree buf");
		validation.assertError(parse(text), COCO.getFreeStep(), IssueCodes.USE_AFTER_FREE, text.lastIndexOf("buf"), 3,
				"buffer buf is used after it was freed");
		quiet(IssueCodes.USE_AFTER_FREE, scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device\nunmap m\nfree buf"));
		// a new allocation under the same name is a new buffer
		quiet(IssueCodes.USE_AFTER_FREE, scenario("", "buf = alloc pages 8K\nfree buf\nbuf = alloc pages 8K\nfree buf"));
	}

	@Test
	void unmapOfSomethingNeverMapped() throws Exception {
		String text = scenario("", "buf = alloc pages 8K\nunmap buf");
		validation.assertError(parse(text), COCO.getUnmapStep(), IssueCodes.UNMAP_NOT_MAPPED, text.lastIndexOf("buf"), 3,
				"an allocation, never mapped");
		String twice = scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device\nunmap m\nunmap m");
		validation.assertError(parse(twice), COCO.getUnmapStep(), IssueCodes.UNMAP_NOT_MAPPED, twice.lastIndexOf("m\n"), 1,
				"already unmapped");
		quiet(IssueCodes.UNMAP_NOT_MAPPED, scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device\nsync m for-cpu\nunmap m"));
	}

	@Test
	void ccSharedOnPrivateMemory() throws Exception {
		String text = scenario(" profile ccs71", "buf = alloc pages 8K\nm = map buf -> nic to-device attrs CC_SHARED");
		warning(COCO.getMapStep(), IssueCodes.CC_SHARED_ON_PRIVATE, text, "CC_SHARED", "private here");
		quiet(IssueCodes.CC_SHARED_ON_PRIVATE, text.replace("m = map", "set_memory_decrypted buf\nm = map".replace("\n", "\n    ")));
		quiet(IssueCodes.CC_SHARED_ON_PRIVATE, scenario(" profile ccs71",
				"h = alloc heap system_cc_shared 64K\nm = map h -> nic to-device attrs CC_SHARED"));
	}

	@Test
	void ccSharedMissingOnMemoryTheCallerDecrypted() throws Exception {
		String text = scenario(" profile ccs71", "buf = alloc pages 8K\nset_memory_decrypted buf\nm = map buf -> nic to-device");
		validation.assertWarning(parse(text), COCO.getMapStep(), IssueCodes.CC_SHARED_MISSING, text.indexOf("buf -> nic"), 3,
				"add CC_SHARED");
		quiet(IssueCodes.CC_SHARED_MISSING, text.replace("to-device", "to-device attrs CC_SHARED"));
		quiet(IssueCodes.CC_SHARED_MISSING, text.replace("set_memory_decrypted buf", "set_memory_encrypted buf"));
	}

	@Test
	void mmioOnPageMemory() throws Exception {
		String text = scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device attrs MMIO");
		error(COCO.getMapStep(), IssueCodes.MMIO_ON_PAGE_BUFFER, text, "MMIO", "refuses DMA_ATTR_MMIO");
		quiet(IssueCodes.MMIO_ON_PAGE_BUFFER, scenario("", "r = map resource bar -> nic bidirectional attrs MMIO"));
		quiet(IssueCodes.MMIO_ON_PAGE_BUFFER, text.replace("attrs MMIO", "attrs MMIO expect error"));
	}

	@Test
	void ccSharedOffTheDirectPath() throws Exception {
		String text = scenario(" profile ccs71", "h = alloc heap system_cc_shared 64K\nm = map h -> hba to-device attrs CC_SHARED");
		warning(COCO.getMapStep(), IssueCodes.CC_SHARED_NOT_DIRECT, text, "CC_SHARED", "only works on the direct path");
		quiet(IssueCodes.CC_SHARED_NOT_DIRECT, text.replace("-> hba", "-> nic"));
	}

	@Test
	void allocationAttributeTheProfileRejects() throws Exception {
		String text = scenario(" profile series-v7", "c = dma_alloc_coherent nic 8K attrs CC_SHARED");
		error(COCO.getCoherentAlloc(), IssueCodes.ALLOC_ATTR_REJECTED, text, "CC_SHARED", "returns NULL in series-v7");
		warning(COCO.getCoherentAlloc(), IssueCodes.ALLOC_ATTR_REJECTED, text.replace("series-v7", "ccs71"), "CC_SHARED", "ignores");
		quiet(IssueCodes.ALLOC_ATTR_REJECTED, text.replace("8K attrs CC_SHARED", "8K attrs CC_SHARED expect null"));
		quiet(IssueCodes.ALLOC_ATTR_REJECTED, text.replace(" attrs CC_SHARED", ""));
	}

	@Test
	void expectationTheInterpreterContradicts() throws Exception {
		// §4.2 series-v7 / base: private memory of a T=0 device bounces, it is not direct
		String text = scenario("", "buf = alloc pages 8K\nm = map buf -> nic to-device expect direct encrypted");
		Model model = parse(text);
		validation.assertError(model, COCO.getExpectDirect(), IssueCodes.EXPECTATION_CONTRADICTED,
				text.indexOf("expect direct encrypted"), "expect direct encrypted".length(), "expected direct encrypted but was BOUNCE");
		Issue issue = validation.validate(model).stream().filter(i -> IssueCodes.EXPECTATION_CONTRADICTED.equals(i.getCode()))
				.findFirst().orElseThrow();
		assertEquals(List.of("expect bounce via default"), List.of(issue.getData()));
		quiet(IssueCodes.EXPECTATION_CONTRADICTED, text.replace("expect direct encrypted", "expect bounce via default"));
	}

	// ------------------------------------------------------------------ general

	@Test
	void duplicateNames() throws Exception {
		String text = platform("technology tdx\ndevice nic : pci {\n}\ndevice nic : platform {\n}");
		validation.assertError(parse(text), COCO.getDevice(), IssueCodes.DUPLICATE_NAME, text.lastIndexOf("nic"), 3,
				"device nic is declared twice");
		String platforms = platform("technology tdx") + "\n" + platform("technology sev");
		validation.assertError(parse(platforms), COCO.getPlatform(), IssueCodes.DUPLICATE_NAME, platforms.lastIndexOf("P"), 1,
				"platform \"P\" is declared twice");
		String heaps = platform("technology tdx\nheap system_cc_shared\nheap system_cc_decrypted");
		validation.assertError(parse(heaps), COCO.getHeap(), IssueCodes.DUPLICATE_NAME, heaps.indexOf("system_cc_decrypted"),
				"system_cc_decrypted".length(), "declared twice");
		quiet(IssueCodes.DUPLICATE_NAME, platform("technology tdx\ndevice nic : pci {\n}\ndevice nvme : pci {\n}"));
	}

	@Test
	void unusedMembers() throws Exception {
		String text = platform("technology tdx\ndevice nic : pci {\n}\ndevice spare : pci {\n}")
				+ "\nscenario \"s\" on P {\n    buf = alloc pages 4K\n    m = map buf -> nic to-device\n}\n";
		warning(COCO.getDevice(), IssueCodes.UNUSED_MEMBER, text, "spare", "used by no scenario");
		// a platform no scenario runs is a library: nothing is unused yet
		quiet(IssueCodes.UNUSED_MEMBER, platform("technology tdx\ndevice nic : pci {\n}"));
		String pool = platform("technology cca-realm\npool restricted rp size 4M");
		warning(COCO.getRestrictedPool(), IssueCodes.UNUSED_MEMBER, pool, "rp", "attached to no device");
		quiet(IssueCodes.UNUSED_MEMBER, platform("technology cca-realm\npool restricted rp size 4M\n"
				+ "device d : platform {\n    restricted-pool rp\n}"));
	}

	@Test
	void unresolvedImport() throws Exception {
		String text = "package lab\n\nimport nowhere.*\n\n" + platform("technology tdx");
		error(COCO.getImport(), IssueCodes.UNRESOLVED_IMPORT, text, "nowhere.*", "names no package");
		quiet(IssueCodes.UNRESOLVED_IMPORT, "package lab.a\n\nimport lab.*\n\n" + platform("technology tdx"));
	}

	@Test
	void unresolvedDeviceSaysWhatToDeclareAndCarriesCreateData() throws Exception {
		String text = platform("technology tdx") + "\nscenario \"s\" on P {\n    c = dma_alloc_coherent gpu 4K\n}\n";
		Model model = parse(text);
		validation.assertError(model, COCO.getCoherentAlloc(), Diagnostic.LINKING_DIAGNOSTIC, text.indexOf("gpu"), 3,
				"Declare device gpu in platform P");
		Issue issue = validation.validate(model).stream().filter(i -> Diagnostic.LINKING_DIAGNOSTIC.equals(i.getCode()))
				.findFirst().orElseThrow();
		assertEquals(List.of("device", "gpu", Integer.toString(text.indexOf("}")), "    "), List.of(issue.getData()));
	}
}

package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.bounce;
import static org.coco.dsl.tests.semantics.Sem.direct;
import static org.coco.dsl.tests.semantics.Sem.error;
import static org.coco.dsl.tests.semantics.Sem.noWarn;
import static org.coco.dsl.tests.semantics.Sem.rule;
import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.coco.dsl.tests.semantics.Sem.warns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.Encoding;
import org.coco.dsl.semantics.Errno;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.Parameters;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §4.1 routing, §4.2 dma_direct_map_phys per profile, §4.3 overlays on the map path. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class DirectMapTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	/** The page allocator's first page (ZONE_NORMAL below 4 GiB) and the SNP pool used below. */
	static final long BUF = 0x4000_0000L, POOL = 0x8000_0000L, C51 = 1L << 51;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static String snp(String profile, String extra) {
		return "platform P {\n technology sev-snp\n c-bit 51\n profile " + profile + "\n " + extra + "\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n heap system\n heap system_cc_shared\n"
				+ " device d64 : pci { dma-mask 64 coherent-mask 64 }\n device d32 : pci { dma-mask 32 coherent-mask 32 }\n"
				+ " device nc : pci { dma-mask 64 non-coherent }\n"
				+ " mmio bar at 0xfe00_0000 size 64K\n}\n";
	}

	static String sme(String profile, String extra) {
		return "platform H {\n technology sme-host\n c-bit 47\n profile " + profile + "\n iommu passthrough\n " + extra + "\n"
				+ " heap system_cc_shared\n device d64 : pci { dma-mask 64 coherent-mask 64 }\n"
				+ " device d32 : pci { dma-mask 32 coherent-mask 32 }\n device d28 : pci { dma-mask 28 coherent-mask 28 }\n"
				+ " device viommu : pci { dma-mask 32 path iommu }\n mmio bar at 0xfe00_0000 size 64K\n}\n";
	}

	// ---------------------------------------------------------------- base

	@Test
	void baseForceBounceOnCcGuest() {
		Trace t = sem.run(scenario(snp("base", ""), "buf = alloc pages 8K\n m = map buf -> d64 to-device"));
		bounce(t, 1, "default", POOL); // unenc(tlb): C-bit clear
		rule(t, 1, "§4.4");
		assertTrue(step(t, 1).path().stream().anyMatch(r -> r.text().startsWith("§4.2 base step 1")), t.describe());
		warns(t, 1, "Memory encryption is active and system is using DMA bounce buffers");
	}

	@Test
	void baseMmioOnForceBouncedDeviceIsSilentError() {
		Trace t = sem.run(scenario(snp("base", ""), "m = map bar -> d64 bidirectional"));
		error(t, 0);
		rule(t, 0, "§4.2 base step 1");
		noWarn(t, 0);
	}

	@Test
	void baseSmeHostDirectWithCBit() {
		Trace t = sem.run(scenario(sme("base", ""), "buf = alloc pages 4K\n m = map buf -> d64 bidirectional"));
		direct(t, 1, Encoding.ENCRYPTED, BUF | (1L << 47));
		rule(t, 1, "§4.2 base step 4");
	}

	@Test
	void baseSmeHostFduDeviceFallsBackToDecryptedSwiotlb() {
		// PA|C does not fit 32 bits: dma_capable fails, swiotlb is active -> bounce, C-bit cleared
		Trace t = sem.run(scenario(sme("base", ""), "buf = alloc pages 4K\n m = map buf -> d32 bidirectional"));
		bounce(t, 1, "default", 0x0400_0000L);
		rule(t, 1, "§4.4");
		assertTrue(step(t, 1).path().stream().anyMatch(r -> r.text().startsWith("§4.2 base step 3")));
	}

	@Test
	void baseOverflowWithoutSwiotlbWarns() {
		Trace t = sem.run(scenario("platform N { technology non-cc\n ram above-4g\n boot swiotlb=noforce\n"
				+ " device d32 : pci { dma-mask 32 } }", "buf = alloc pages 4K\n m = map buf -> d32 to-device\n"
						+ "buf2 = alloc pages 4K\n m2 = map buf2 -> d32 to-device"));
		error(t, 1);
		warns(t, 1, "DMA addr 0x0000000100000000+4096 overflow (mask ffffffff, bus limit 0).");
		rule(t, 1, "§4.2 base step 3");
		// dev_WARN_ONCE: the second overflow is silent
		error(t, 3);
		noWarn(t, 3);
	}

	@Test
	void baseOverflowSilentBelow32BitMask() {
		Trace t = sem.run(scenario("platform N { technology non-cc\n device d28 : pci { dma-mask 28 } }",
				"buf = alloc pages 4K\n m = map buf -> d28 to-device"));
		error(t, 1);
		noWarn(t, 1);
	}

	@Test
	void baseMmioDirectRawAddress() {
		Trace t = sem.run(scenario(sme("base", ""), "m = map bar -> d64 bidirectional"));
		direct(t, 0, Encoding.RAW, 0xfe00_0000L);
		rule(t, 0, "§4.2 base step 2");
	}

	@Test
	void baseNonCcRangeOffset() {
		Trace t = sem.run(scenario("platform N { technology non-cc\n device d : platform { dma-mask 64 range-offset 0x1000_0000 } }",
				"buf = alloc pages 4K\n m = map buf -> d to-device"));
		direct(t, 1, Encoding.ENCRYPTED, BUF + 0x1000_0000L);
	}

	@Test
	void baseCcSharedAttributeDoesNotExist() {
		Trace t = sem.run(scenario(sme("base", ""), "buf = alloc pages 4K\n m = map buf -> d64 to-device attrs CC_SHARED"));
		direct(t, 1, Encoding.ENCRYPTED, BUF | (1L << 47));
		assertTrue(step(t, 1).notes().stream().anyMatch(n -> n.contains("does not exist in profile base")));
	}

	@Test
	void requireCoherentOnNonCoherentDeviceIsError() {
		Trace t = sem.run(scenario(snp("ccs71", ""), "buf = alloc pages 4K\n m = map buf -> nc to-device attrs REQUIRE_COHERENT"));
		error(t, 1);
		rule(t, 1, "§4 prelude");
	}

	// ---------------------------------------------------------------- ccs71

	@Test
	void ccs71CcSharedHeapOnForceBouncedGuestMapsDirectUnencrypted() {
		Trace t = sem.run(scenario(snp("ccs71", ""), "buf = alloc heap system_cc_shared 4K\n m = map buf -> d64 bidirectional"));
		Outcome.Sg sg = assertInstanceOf(Outcome.Sg.class, step(t, 1).outcome(), t.describe());
		Outcome.Direct d = assertInstanceOf(Outcome.Direct.class, sg.first());
		assertEquals(BUF, d.address(), "no C-bit: unencrypted alias");
		assertEquals(Encoding.UNENCRYPTED, d.encoding());
		assertTrue(step(t, 1).path().stream().anyMatch(r -> r.text().startsWith("§4.2 ccs71 step 3")), t.describe());
	}

	@Test
	void ccs71CcSharedWithoutForceBounceIsError() {
		Trace t = sem.run(scenario(sme("ccs71", ""), "buf = alloc pages 4K\n m = map buf -> d64 to-device attrs CC_SHARED"));
		error(t, 1);
		rule(t, 1, "§4.2 ccs71 step 1");
	}

	@Test
	void ccs71CcSharedOnlyOnDirectPath() {
		Trace t = sem.run(scenario(sme("ccs71", ""), "buf = alloc pages 4K\n m = map buf -> viommu to-device attrs CC_SHARED"));
		error(t, 1);
		rule(t, 1, "§4.1 step 2");
	}

	@Test
	void ccs71SgOnIommuIgnoresCcShared() {
		Trace t = sem.run(scenario(sme("ccs71", ""), "buf = alloc pages 4K\n m = map sg buf -> viommu to-device attrs CC_SHARED"));
		Outcome.Iova i = assertInstanceOf(Outcome.Iova.class, Sem.single(step(t, 1).outcome()), t.describe());
		assertEquals(0xFFFF_F000L, i.address(), "top-down below the 32-bit mask");
	}

	@Test
	void ccs71MmioCcSharedGetsRawPhysOnCca() {
		String cca = "platform R { technology cca-realm ipa-bits 48 profile ccs71\n device d : pci { dma-mask 64 }\n"
				+ " mmio bar at 0x10_0000_0000 size 4K }";
		Trace t = sem.run(scenario(cca, "m = map bar -> d bidirectional attrs CC_SHARED"));
		direct(t, 0, Encoding.RAW, 0x10_0000_0000L); // no shared bit (§4.2 ccs71 step 2, invariant 2 violation)
		rule(t, 0, "§4.2 ccs71 step 2");
	}

	@Test
	void ccs71SwiotlbForceDoesNotBounceCcShared() {
		Trace t = sem.run(scenario(sme("ccs71", "boot swiotlb=force"),
				"buf = alloc heap system_cc_shared 4K\n m = map single buf -> d64 to-device\n"
						+ "p = alloc pages 4K\n n = map p -> d64 to-device"));
		direct(t, 1, Encoding.UNENCRYPTED, BUF);
		bounce(t, 3, "default", 0x0400_0000L);
	}

	@Test
	void ccs71DecryptedIsTheSeedAlias() {
		Trace t = sem.run(scenario(snp("ccs71", ""), "buf = alloc pages 4K\n m = map buf -> d64 to-device attrs CC_DECRYPTED"));
		direct(t, 1, Encoding.UNENCRYPTED, BUF);
	}

	// ---------------------------------------------------------------- series

	@Test
	void v7PrivateMemoryOfFduDeviceBouncesViaDmaCapable() {
		Trace t = sem.run(scenario(snp("series-v7", ""), "buf = alloc pages 4K\n m = map buf -> d64 to-device"));
		bounce(t, 1, "default", POOL);
		assertTrue(step(t, 1).path().stream().anyMatch(r -> r.text().startsWith("§4.2 series-v7 step 5")), t.describe());
	}

	@Test
	void v7CcSharedMapsDirectOnAnyDevice() {
		Trace t = sem.run(scenario(sme("series-v7", ""), "buf = alloc pages 4K\n m = map buf -> d64 to-device attrs CC_SHARED"));
		direct(t, 1, Encoding.UNENCRYPTED, BUF);
		rule(t, 1, "§4.2 series-v7 step 6");
	}

	@Test
	void v7MmioImpliesSharedForFduDevices() {
		Trace t = sem.run(scenario(snp("series-v7", ""), "m = map bar -> d64 bidirectional"));
		direct(t, 0, Encoding.UNENCRYPTED, 0xfe00_0000L);
		assertTrue(step(t, 0).path().stream().anyMatch(r -> r.text().startsWith("§4.2 series-v7 step 1")));
		Trace never = sem.run(scenario(snp("series-v7", ""), "m = map bar -> d64 bidirectional"),
				RunOptions.defaults().withParameter(Parameters.MMIO_IMPLIES_SHARED, "never"));
		// without CC_SHARED the FDU device fails dma_capable; MMIO never bounces
		error(never, 0);
		rule(never, 0, "§4.2 series-v7 step 4");
		assertTrue(never.parameters().get(Parameters.MMIO_IMPLIES_SHARED).startsWith("never"));
	}

	@Test
	void v7PlainMmioOnSmeHostGetsCBitUnlessFduOrHost() {
		Trace t = sem.run(scenario(sme("series-v7", ""), "m = map bar -> d64 bidirectional"));
		direct(t, 0, Encoding.ENCRYPTED, 0xfe00_0000L | (1L << 47)); // Catalin's remark
		Trace host = sem.run(scenario(sme("series-v7", "mmio-implies-shared fdu-or-host"), "m = map bar -> d64 bidirectional"));
		direct(host, 0, Encoding.UNENCRYPTED, 0xfe00_0000L);
	}

	@Test
	void v7ForceBounceAlsoBouncesCcShared() {
		Trace t = sem.run(scenario(sme("series-v7", "boot swiotlb=force"),
				"buf = alloc heap system_cc_shared 4K\n m = map single buf -> d64 to-device"));
		bounce(t, 1, "default", 0x0400_0000L);
	}

	@Test
	void v7SmallMaskDeviceOnSmeHost() {
		Trace t = sem.run(scenario(sme("series-v7", ""), "buf = alloc pages 4K\n m = map buf -> d32 to-device"));
		bounce(t, 1, "default", 0x0400_0000L);
	}

	// ---------------------------------------------------------------- overlays §4.3

	static String snpTio(String profile, String overlays) {
		return "platform P {\n technology sev-snp\n c-bit 51\n profile " + profile + "\n overlays " + overlays + "\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device nic : pci { dma-mask 64 tdisp state run accepted }\n device nic32 : pci { dma-mask 32 tdisp state run accepted }\n}\n";
	}

	@Test
	void sevTioAcceptedDeviceMapsPrivateWithoutCBit() {
		Trace t = sem.run(scenario(snpTio("base", "ov-sev-tio"), "buf = alloc pages 4K\n m = map buf -> nic bidirectional"));
		direct(t, 1, Encoding.ENCRYPTED, BUF); // not forced, phys_to_dma without C-bit
		Trace no = sem.run(scenario(snpTio("base", "ov-devsec"), "buf = alloc pages 4K\n m = map buf -> nic bidirectional"));
		bounce(no, 1, "default", POOL);
	}

	@Test
	void tdiRfcWarnsOnce() {
		String cca = "platform R { technology cca-realm\n profile base\n overlays ov-tdi-rfc\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device nic : pci { dma-mask 64 tdisp state run accepted } }";
		Trace t = sem.run(scenario(cca, "a = alloc pages 4K\n m = map a -> nic to-device\n n = map a -> nic to-device"));
		direct(t, 1, Encoding.ENCRYPTED, BUF);
		warns(t, 1, "nic: (TIO) Disable SWIOTLB");
		noWarn(t, 2);
	}

	@Test
	void ccaDaAcceptedDeviceCannotBounce() {
		String cca = "platform R { technology cca-realm\n profile series-v7\n overlays ov-cca-da\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device nic : pci { dma-mask 32 tdisp state run accepted } }";
		Trace t = sem.run(scenario(cca, "a = alloc pages 4K\n m = map a -> nic to-device"));
		// 0x4000_0000 fits 32 bits: direct, private
		direct(t, 1, Encoding.ENCRYPTED, BUF);
		String low = cca.replace("dma-mask 32", "dma-mask 29");
		Trace t2 = sem.run(scenario(low, "a = alloc pages 4K\n m = map a -> nic to-device"));
		error(t2, 1); // needs bouncing, is_swiotlb_active is false
		rule(t2, 1, "§4.2 series-v7 step 5");
	}

	@Test
	void sgUnwindsAndReturnsEio() {
		// a 2 MiB heap buffer is two 1 MiB compound pages; the 1 MiB pool holds only one of them
		Trace t = sem.run(scenario(snp("base", ""), "buf = alloc heap system 2M\n m = map sg buf -> d64 to-device\n"
				+ "p = alloc pages 8K\n n = map p -> d64 to-device"));
		Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, step(t, 1).outcome(), t.describe());
		assertEquals(Errno.EIO, f.errno());
		// the first entry's slots were released again: the next mapping finds room
		assertInstanceOf(Outcome.Bounce.class, step(t, 3).outcome(), t.describe());
	}

	@Test
	void mapPageRefusesMmio() {
		Trace t = sem.run(scenario(snp("ccs71", ""), "buf = alloc pages 4K\n m = map single buf -> d64 to-device attrs MMIO"));
		error(t, 1);
		warns(t, 1, "WARN_ON_ONCE(attrs & DMA_ATTR_MMIO)");
	}
}

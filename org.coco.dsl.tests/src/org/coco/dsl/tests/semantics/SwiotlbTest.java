package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.bounce;
import static org.coco.dsl.tests.semantics.Sem.error;
import static org.coco.dsl.tests.semantics.Sem.noWarn;
import static org.coco.dsl.tests.semantics.Sem.passes;
import static org.coco.dsl.tests.semantics.Sem.rule;
import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.coco.dsl.tests.semantics.Sem.warns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.Encoding;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §4.4 swiotlb_map / swiotlb_tbl_map_single: slots, exhaustion, pool checks per profile; §4.8 bounce data. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class SwiotlbTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	static final long POOL = 0x8000_0000L;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static String tdx(String profile, String pool, String extra) {
		return "platform T {\n technology tdx\n profile " + profile + "\n " + extra + "\n " + pool + "\n"
				+ " device d : pci { dma-mask 64 coherent-mask 64 }\n}\n";
	}

	@Test
	void slotsAreTwoKiBAndPageAlignedForPageSizedMappings() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 1M at 0x8000_0000", ""),
				"a = alloc pages 8K\n b = alloc pages 4K\n"
						+ "m1 = map a -> d to-device size 2K\n m2 = map a -> d to-device size 2K\n"
						+ "m3 = map b -> d to-device\n m4 = map a -> d to-device"));
		Outcome.Bounce b1 = bounce(t, 2, "default", POOL);
		assertEquals(0, b1.slot());
		bounce(t, 3, "default", POOL + 0x800); // next 2 KiB slot
		bounce(t, 4, "default", POOL + 0x1000); // page-aligned stride (slots 2-3)
		Outcome.Bounce b4 = bounce(t, 5, "default", POOL + 0x2000); // 8 KiB = 4 slots
		assertEquals(4, b4.slot());
	}

	@Test
	void searchIsNextFitFromTheAreaIndex() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 1M at 0x8000_0000", ""),
				"a = alloc pages 4K\n m1 = map a -> d to-device\n unmap m1\n m2 = map a -> d to-device"));
		bounce(t, 1, "default", POOL);
		bounce(t, 3, "default", POOL + 0x1000); // not slot 0 again
	}

	@Test
	void exhaustionWarnsWithCounts() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 256K at 0x8000_0000", ""),
				"a = alloc pages 128K\n m1 = map a -> d to-device\n m2 = map a -> d to-device\n m3 = map a -> d to-device"));
		bounce(t, 1, "default", POOL);
		bounce(t, 2, "default", POOL + 0x2_0000);
		error(t, 3);
		warns(t, 3, "swiotlb buffer is full (sz: 131072 bytes), total 128 (slots), used 128 (slots)");
		rule(t, 3, "§4.4 step 3");
	}

	@Test
	void noWarnSuppressesFullMessage() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 256K at 0x8000_0000", ""),
				"a = alloc pages 256K\n m1 = map a -> d to-device\n m2 = map a -> d to-device attrs NO_WARN size 4K"));
		bounce(t, 1, "default", POOL);
		error(t, 2);
		assertFalse(step(t, 2).warnings().stream().anyMatch(w -> w.startsWith("swiotlb buffer is full")), t.describe());
	}

	@Test
	void mappingsAboveTheMaximumSizeFail() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 1M at 0x8000_0000", ""),
				"a = alloc pages 260K\n m = map a -> d to-device"));
		error(t, 1);
		warns(t, 1, "swiotlb buffer is full (sz: 266240 bytes), total 512 (slots), used 0 (slots)");
	}

	@Test
	void releaseFreesSlots() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 256K at 0x8000_0000", ""),
				"a = alloc pages 256K\n m1 = map a -> d to-device\n unmap m1\n m2 = map a -> d to-device"));
		bounce(t, 1, "default", POOL);
		bounce(t, 3, "default", POOL);
	}

	@Test
	void noSwiotlbAtAll() {
		Trace t = sem.run(scenario(tdx("base", "", "boot swiotlb=noforce"),
				"a = alloc pages 4K\n m = map a -> d to-device"));
		// not forced (no pool), FDU: enc == identity fits the mask -> DIRECT (base has no FDU check in dma_capable)
		assertInstanceOf(Outcome.Direct.class, step(t, 1).outcome(), t.describe());
		Trace v7 = sem.run(scenario(tdx("series-v7", "", "boot swiotlb=noforce"), "a = alloc pages 4K\n m = map a -> d to-device"));
		error(v7, 1);
		warns(v7, 1, "DMA addr 0x0000000040000000+4096 overflow (mask ffffffffffffffff, bus limit 0).");
	}

	@Test
	void noforceRemovesTheDefaultPool() {
		String p = "platform K { technology pkvm\n boot swiotlb=force\n pool swiotlb default size 64K at 0x8000_0000\n"
				+ " device d : platform { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "a = alloc pages 4K\n m = map a -> d to-device"));
		bounce(t, 1, "default", POOL);
		Trace none = sem.run(scenario(p.replace("boot swiotlb=force", "boot swiotlb=noforce"), "a = alloc pages 4K\n m = map a -> d to-device"));
		assertInstanceOf(Outcome.Direct.class, step(none, 1).outcome(), none.describe());
	}

	@Test
	void ccaSmallMaskDeviceCannotReachSharedAlias() {
		String cca = "platform R { technology cca-realm ipa-bits 48 profile base\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device d40 : pci { dma-mask 40 }\n device d64 : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(cca, "a = alloc pages 4K\n m = map a -> d64 to-device\n n = map a -> d40 to-device"));
		bounce(t, 1, "default", POOL | (1L << 47));
		error(t, 2);
		warns(t, 2, "swiotlb addr 0x0000800080001000+4096 overflow (mask ffffffffff, bus limit 0).");
		rule(t, 2, "§4.4 step 6");
		// slots of the failed mapping were released: the next mapping reuses the area index after m
		Trace t2 = sem.run(scenario(cca, "a = alloc pages 4K\n n = map a -> d40 to-device\n m = map a -> d64 to-device"));
		error(t2, 1);
		bounce(t2, 2, "default", (POOL + 0x1000) | (1L << 47));
	}

	@Test
	void memEncryptWarningOnlyOnce() {
		Trace t = sem.run(scenario(tdx("base", "pool swiotlb default size 1M at 0x8000_0000", ""),
				"a = alloc pages 4K\n m1 = map a -> d to-device\n m2 = map a -> d to-device"));
		warns(t, 1, "Memory encryption is active and system is using DMA bounce buffers");
		noWarn(t, 2);
		Trace host = sem.run(scenario("platform N { technology non-cc boot swiotlb=force\n device d : pci { dma-mask 64 } }",
				"a = alloc pages 4K\n m1 = map a -> d to-device"));
		bounce(host, 1, "default", 0x0400_0000L);
		noWarn(host, 1);
	}

	// ---------------------------------------------------------------- series pool checks

	static String smeForce(String profile) {
		return "platform H { technology sme-host c-bit 47 profile " + profile + "\n iommu passthrough\n boot swiotlb=force\n"
				+ " device d64 : pci { dma-mask 64 coherent-mask 64 } }";
	}

	@Test
	void smeHostSwiotlbForcePerProfile() {
		String steps = "a = alloc pages 4K\n m = map a -> d64 to-device";
		bounce(sem.run(scenario(smeForce("base"), steps)), 1, "default", 0x0400_0000L);
		Trace v6 = sem.run(scenario(smeForce("series-v6"), steps));
		error(v6, 1); // pool cc_shared (true) != FDU (false)
		rule(v6, 1, "§4.4 series-v6");
		Trace v7 = sem.run(scenario(smeForce("series-v7"), steps));
		Outcome.Bounce b = bounce(v7, 1, "default", 0x0400_0000L); // host branch, CC_SHARED forced
		assertEquals(Encoding.UNENCRYPTED, b.encoding());
	}

	@Test
	void v7GuestT1DeviceCannotBounceThroughSharedPool() {
		String p = "platform P { technology sev-snp c-bit 51 profile series-v7\n overlays ov-devsec\n boot swiotlb=force\n"
				+ " pool swiotlb default size 1M at 0x8000_0000\n device nic : pci { dma-mask 64 tdisp state run accepted } }";
		// ov-devsec alone does not change FDU: FDU true == pool shared -> bounce
		bounce(sem.run(scenario(p, "a = alloc pages 4K\n m = map a -> nic to-device")), 1, "default", POOL);
		// ov-cca-da style acceptance on SNP is ov-sev-tio: FDU false, not force bounced -> direct (no bounce needed)
		Trace tio = sem.run(scenario(p.replace("ov-devsec", "ov-sev-tio").replace("dma-mask 64", "dma-mask 29"),
				"a = alloc pages 4K\n m = map a -> nic to-device"));
		error(tio, 1);
		rule(tio, 1, "§4.4 series-v7 guest");
	}

	@Test
	void nonCcV7PoolNotSharedMeansEncryptedEncoding() {
		Trace t = sem.run(scenario("platform N { technology non-cc profile series-v7 boot swiotlb=force\n device d : pci { dma-mask 64 } }",
				"a = alloc pages 4K\n m = map a -> d to-device"));
		Outcome.Bounce b = bounce(t, 1, "default", 0x0400_0000L);
		assertEquals(Encoding.ENCRYPTED, b.encoding());
	}

	// ---------------------------------------------------------------- restricted & dynamic pools

	static String pkvm(String profile, String ov) {
		return "platform K { technology pkvm profile " + profile + "\n" + ov + "\n"
				+ " pool restricted rp size 256K at 0x9000_0000\n"
				+ " device emu : platform { dma-mask 64 coherent-mask 64 restricted-pool rp }\n"
				+ " device other : platform { dma-mask 64 } }";
	}

	@Test
	void restrictedPoolForceBouncesItsDevice() {
		Trace t = sem.run(scenario(pkvm("ccs71", ""), "a = alloc pages 4K\n m = map a -> emu to-device\n n = map a -> other to-device"));
		bounce(t, 1, "rp", 0x9000_0000L);
		assertInstanceOf(Outcome.Direct.class, step(t, 2).outcome());
		assertTrue(t.boot().stream().anyMatch(b -> b.startsWith("restricted pool rp 0x9000_0000")), t.boot().toString());
		assertTrue(t.boot().stream().anyMatch(b -> b.contains("0x9000_0000+256K private -> shared")), t.boot().toString());
	}

	@Test
	void restrictedPoolNeverGrows() {
		Trace t = sem.run(scenario(pkvm("base", "config SWIOTLB_DYNAMIC DMA_RESTRICTED_POOL DMA_COHERENT_POOL"),
				"a = alloc pages 256K\n m = map a -> emu to-device\n n = map a -> emu to-device size 4K"));
		bounce(t, 1, "rp", 0x9000_0000L);
		error(t, 2);
		warns(t, 2, "swiotlb buffer is full (sz: 4096 bytes), total 128 (slots), used 128 (slots)");
	}

	@Test
	void ccs71CcSharedSkipsTheRestrictedPool() {
		Trace t = sem.run(scenario(pkvm("ccs71", "overlays ov-pkvm\n heap system_cc_shared"),
				"h = alloc heap system_cc_shared 4K\n m = map single h -> emu to-device"));
		Sem.direct(t, 1, Encoding.UNENCRYPTED, 0x4000_0000L);
	}

	@Test
	void rejectedRestrictedPoolFallsBackToDefault() {
		String p = "platform K { technology pkvm\n pool restricted rp size 256K at 0x9000_0000 no-map\n"
				+ " device emu : platform { dma-mask 64 restricted-pool rp } }";
		Trace t = sem.run(scenario(p, "a = alloc pages 4K\n m = map a -> emu to-device"));
		assertInstanceOf(Outcome.Direct.class, step(t, 1).outcome(), t.describe());
		assertTrue(t.boot().stream().anyMatch(b -> b.contains("'no-map' is not allowed")));
	}

	@Test
	void dynamicTransientPoolWhenDefaultIsFull() {
		String p = "platform N { technology non-cc\n boot swiotlb=force\n config SWIOTLB_DYNAMIC\n"
				+ " pool swiotlb default size 8K at 0x8000_0000\n device d : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "a = alloc pages 8K\n m1 = map a -> d to-device\n m2 = map a -> d to-device\n unmap m2"));
		bounce(t, 1, "default", POOL);
		Outcome.Bounce b = assertInstanceOf(Outcome.Bounce.class, step(t, 2).outcome(), t.describe());
		assertEquals("transient1", b.pool());
		assertEquals(0x4000_2000L, b.address(), "pages right after the buffer");
		assertTrue(step(t, 3).notes().stream().anyMatch(n -> n.contains("transient swiotlb pool transient1 deleted")));
	}

	// ---------------------------------------------------------------- data (§4.4 step 4, §4.8)

	@Test
	void bouncePreservesDataExactlyAsTheReferenceSays() {
		String p = tdx("base", "pool swiotlb default size 1M at 0x8000_0000", "");
		Trace t = sem.run(scenario(p, String.join("\n",
				"buf = alloc pages 4K",
				"cpu writes buf 0xAA",
				"m = map buf -> d from-device",
				"check m device-sees 0xAA", // orig->tlb always, even FROM_DEVICE
				"device writes m 0x55",
				"check buf cpu-sees 0xAA", // not yet synced
				"sync m for-cpu",
				"check buf cpu-sees 0x55",
				"device writes m 0x66",
				"unmap m",
				"check buf cpu-sees 0x66")));
		passes(t);
	}

	@Test
	void toDeviceUnmapDoesNotCopyBack() {
		String p = tdx("base", "pool swiotlb default size 1M at 0x8000_0000", "");
		Trace t = sem.run(scenario(p, String.join("\n",
				"buf = alloc pages 4K", "cpu writes buf 0xAA", "m = map buf -> d to-device", "device writes m 0x55",
				"unmap m", "check buf cpu-sees 0x55")));
		assertFalse(t.passed());
		Outcome.Data d = assertInstanceOf(Outcome.Data.class, step(t, 5).outcome());
		assertEquals(0xAA, d.pattern());
	}

	@Test
	void syncForDeviceCopiesOrigToTlb() {
		String p = tdx("base", "pool swiotlb default size 1M at 0x8000_0000", "");
		Trace t = sem.run(scenario(p, String.join("\n",
				"buf = alloc pages 4K", "cpu writes buf 0x11", "m = map buf -> d bidirectional", "cpu writes buf 0x22",
				"check m device-sees 0x11", "sync m for-device", "check m device-sees 0x22")));
		passes(t);
	}

	@Test
	void skipCpuSyncUnmapDoesNotCopyBack() {
		String p = tdx("base", "pool swiotlb default size 1M at 0x8000_0000", "");
		Trace t = sem.run(scenario(p, String.join("\n",
				"buf = alloc pages 4K", "cpu writes buf 0x11", "m = map buf -> d bidirectional", "device writes m 0x22",
				"unmap m attrs SKIP_CPU_SYNC", "check buf cpu-sees 0x11")));
		passes(t);
	}

	@Test
	void doubleUnmapIsReported() {
		String p = tdx("base", "pool swiotlb default size 1M at 0x8000_0000", "");
		Trace t = sem.run(scenario(p, "buf = alloc pages 4K\n m = map buf -> d to-device\n unmap m\n unmap m"));
		error(t, 3);
	}
}

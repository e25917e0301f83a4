package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.allocated;
import static org.coco.dsl.tests.semantics.Sem.noWarn;
import static org.coco.dsl.tests.semantics.Sem.passes;
import static org.coco.dsl.tests.semantics.Sem.rule;
import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.coco.dsl.tests.semantics.Sem.warns;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** §4.5 dma_alloc_attrs / dma_direct_alloc and §4.6 dma_alloc_pages. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class CoherentAllocTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static String snp(String profile, String extra) {
		return "platform P {\n technology sev-snp\n c-bit 51\n profile " + profile + "\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ extra + "\n device d64 : pci { dma-mask 64 coherent-mask 64 }\n device d32 : pci { dma-mask 32 coherent-mask 32 }\n"
				+ " device d24 : pci { dma-mask 24 coherent-mask 24 }\n device nc : pci { dma-mask 64 coherent-mask 64 non-coherent }\n}\n";
	}

	static Outcome.Allocated handle(Trace t, int i, Encoding e, long addr) {
		Outcome.Allocated a = allocated(t, i);
		assertEquals(e, a.encoding(), t.describe());
		assertEquals(addr, (long) a.handle(), () -> Long.toHexString(a.handle()) + "\n" + t.describe());
		return a;
	}

	@Test
	void guestBlockingAllocationIsDecryptedWithUnencryptedHandle() {
		Trace t = sem.run(scenario(snp("base", ""),
				"x = dma_alloc_coherent d64 8K expect direct unencrypted addr 0x4000_0000 expect state shared"));
		passes(t);
		handle(t, 0, Encoding.UNENCRYPTED, 0x4000_0000L);
		assertEquals("pages", allocated(t, 0).source());
		rule(t, 0, "§4.5 step 9");
		assertEquals(1, step(t, 0).stateChanges().size());
	}

	@Test
	void decryptFailureLeaksAndReturnsNull() {
		Trace t = sem.run(scenario(snp("ccs71", ""),
				"x = dma_alloc_coherent d64 8K decrypt-fails expect null expect leak expect state unknown"));
		passes(t);
		assertEquals(2, step(t, 0).leakedPages());
		rule(t, 0, "§4.5 step 7");
		// the leaked pages are never handed out again
		Trace t2 = sem.run(scenario(snp("ccs71", ""), "x = dma_alloc_coherent d64 8K decrypt-fails\n y = alloc pages 4K"));
		assertEquals(0x4000_2000L, allocated(t2, 1).phys());
	}

	@Test
	void atomicAllocationComesFromTheAtomicPoolOfTheMaskZone() {
		Trace t = sem.run(scenario(snp("base", ""), "x = dma_alloc_coherent d32 4K atomic expect direct unencrypted addr 0x0200_0000"));
		passes(t);
		assertEquals("atomic_pool_dma32", allocated(t, 0).source());
		rule(t, 0, "§4.5 step 4");
		Trace k = sem.run(scenario(snp("base", ""), "x = dma_alloc_coherent d64 4K atomic"));
		assertEquals("atomic_pool_kernel", allocated(k, 0).source());
	}

	@Test
	void atomicPoolExhaustion() {
		String p = snp("base", " pool atomic dma size 8K");
		Trace t = sem.run(scenario(p, "a = dma_alloc_coherent d24 4K atomic\n b = dma_alloc_coherent d24 4K atomic\n"
				+ "c = dma_alloc_coherent d24 4K atomic expect null expect warn \"DMA pool exhausted for d24\"\n"
				+ "e = dma_alloc_coherent d24 4K atomic attrs NO_WARN expect null expect no-warn"));
		passes(t);
		handle(t, 1, Encoding.UNENCRYPTED, 0x00C0_1000L);
		warns(t, 2, "DMA pool exhausted for d24");
		noWarn(t, 3);
	}

	@Test
	void nonCoherentOnX86IsNotSupported() {
		Trace t = sem.run(scenario(snp("base", ""), "x = dma_alloc_coherent nc 4K expect null"));
		passes(t);
		warns(t, 0, "coherent DMA allocations not supported on this platform");
	}

	@Test
	void v7RejectsAllocationAttributes() {
		Trace t = sem.run(scenario(snp("series-v7", ""), "x = dma_alloc_coherent d64 4K attrs CC_SHARED expect null\n"
				+ "y = dma_alloc_coherent d64 4K attrs __ALLOC_CC_SHARED expect null\n z = dma_alloc_coherent d64 4K"));
		passes(t);
		rule(t, 0, "§4.5 series-v7");
		handle(t, 2, Encoding.UNENCRYPTED, 0x4000_0000L);
	}

	static String smeRemap(String profile) {
		return "platform H { technology sme-host c-bit 47 profile " + profile + "\n config DMA_DIRECT_REMAP DMA_COHERENT_POOL\n"
				+ " device nc64 : pci { dma-mask 64 coherent-mask 64 non-coherent } }";
	}

	@Test
	void atomicPoolStateMustMatchInTheSeries() {
		Trace base = sem.run(scenario(smeRemap("base"), "x = dma_alloc_coherent nc64 4K atomic"));
		// base: decrypted pool memory handed out with the C-bit (encrypted handle)
		handle(base, 0, Encoding.ENCRYPTED, 0x0280_0000L | (1L << 47));
		Trace v7 = sem.run(scenario(smeRemap("series-v7"), "x = dma_alloc_coherent nc64 4K atomic expect null"));
		passes(v7);
		warns(v7, 0, "Failed to get suitable pool for nc64");
	}

	static String cca(String profile, String extra) {
		return "platform R { technology cca-realm ipa-bits 48 profile " + profile + "\n" + extra + "\n"
				+ " device nc : platform { dma-mask 64 coherent-mask 64 non-coherent }\n device c32 : pci { dma-mask 32 coherent-mask 32 } }";
	}

	@Test
	void remapPathDoesNotConvertTheLinearMapInBase() {
		Trace t = sem.run(scenario(cca("base", ""), "x = dma_alloc_coherent nc 4K expect state private"));
		passes(t);
		handle(t, 0, Encoding.UNENCRYPTED, 0x8000_4000_0000L);
		assertTrue(allocated(t, 0).source().contains("remapped"));
		Trace v7 = sem.run(scenario(cca("series-v7", ""), "x = dma_alloc_coherent nc 4K expect state shared"));
		passes(v7);
		Trace ms = sem.run(scenario(cca("base", " overlays ov-ms"), "x = dma_alloc_coherent nc 4K expect state shared"));
		passes(ms);
	}

	@Test
	void ccaSmallCoherentMaskCannotExpressSharedAlias() {
		Trace t = sem.run(scenario(cca("base", ""), "x = dma_alloc_coherent c32 4K expect null"));
		passes(t);
		rule(t, 0, "§4.5 step 5");
	}

	static String pkvm(String profile, String overlays) {
		return "platform K { technology pkvm profile " + profile + "\n" + overlays + "\n pool restricted rp size 256K at 0x9000_0000\n"
				+ " device emu : platform { dma-mask 64 coherent-mask 64 restricted-pool rp } }";
	}

	@Test
	void restrictedPoolServesCoherentAllocations() {
		Trace t = sem.run(scenario(pkvm("base", ""), "x = dma_alloc_coherent emu 4K expect state shared\n y = dma_alloc_coherent emu 2K"));
		passes(t);
		handle(t, 0, Encoding.ENCRYPTED, 0x9000_0000L);
		assertEquals("restricted pool rp", allocated(t, 0).source());
		handle(t, 1, Encoding.ENCRYPTED, 0x9000_1000L); // page-aligned slots
	}

	@Test
	void baseDoubleDecryptsRestrictedPoolWhenFdu() {
		Trace t = sem.run(scenario(pkvm("base", " overlays ov-pkvm"), "x = dma_alloc_coherent emu 4K"));
		handle(t, 0, Encoding.UNENCRYPTED, 0x9000_0000L);
		assertTrue(step(t, 0).notes().stream().anyMatch(n -> n.contains("double decryption")), t.describe());
		Trace v7 = sem.run(scenario(pkvm("series-v7", " overlays ov-pkvm"), "x = dma_alloc_coherent emu 4K"));
		handle(v7, 0, Encoding.UNENCRYPTED, 0x9000_0000L);
		assertTrue(step(v7, 0).notes().stream().anyMatch(n -> n.contains("not decrypted again")), v7.describe());
	}

	@Test
	void v7RestrictedPoolStateMismatch() {
		// v7, pKVM without ov-pkvm: MEM_ENCRYPT false, so the pool stays private and dec is false -> match
		Trace ok = sem.run(scenario(pkvm("series-v7", ""), "x = dma_alloc_coherent emu 4K expect state private"));
		passes(ok);
	}

	@Test
	void ovMsHandleForExternallyDecryptedPool() {
		// pKVM base: FDU false but the restricted pool is decrypted; ov-ms makes the handle unencrypted
		Trace t = sem.run(scenario(pkvm("base", " overlays ov-ms"), "x = dma_alloc_coherent emu 4K"));
		assertTrue(step(t, 0).notes().stream().anyMatch(n -> n.contains("is_dma_decrypted")), t.describe());
	}

	@Test
	void perDeviceCoherentPoolFirst() {
		String p = "platform N { technology non-cc\n device d : platform { dma-mask 64 coherent-mask 64 }\n"
				+ " pool coherent cp size 8K at 0x7000_0000 for d }";
		Trace t = sem.run(scenario(p, "a = dma_alloc_coherent d 4K\n b = dma_alloc_coherent d 4K\n c = dma_alloc_coherent d 4K"));
		handle(t, 0, Encoding.RAW, 0x7000_0000L);
		handle(t, 1, Encoding.RAW, 0x7000_1000L);
		handle(t, 2, Encoding.ENCRYPTED, 0x4000_0000L); // pool full: dma_direct_alloc
	}

	@Test
	void iommuDeviceGetsIova() {
		String p = "platform H { technology sme-host c-bit 47\n iommu translated\n device v : pci { dma-mask 32 coherent-mask 32 } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent v 8K"));
		handle(t, 0, Encoding.IOVA, 0xFFFF_E000L);
	}

	@Test
	void noKernelMappingFastPath() {
		String p = "platform H { technology sme-host c-bit 47\n device d : pci { dma-mask 64 coherent-mask 64 } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent d 4K attrs NO_KERNEL_MAPPING"));
		handle(t, 0, Encoding.ENCRYPTED, 0x4000_0000L | (1L << 47));
		rule(t, 0, "§4.5 step 2");
	}

	// ---------------------------------------------------------------- §4.6

	@Test
	void dmaAllocPages() {
		Trace t = sem.run(scenario(snp("base", ""), "p = dma_alloc_pages d64 4K expect direct unencrypted addr 0x4000_0000 expect state shared\n"
				+ "q = dma_alloc_pages d64 4K decrypt-fails expect null expect leak\n"
				+ "r = dma_alloc_pages d32 4K atomic expect direct unencrypted addr 0x0200_0000"));
		passes(t);
		rule(t, 0, "§4.6 step 4");
		rule(t, 1, "§4.6 step 3");
		rule(t, 2, "§4.6 step 1");
	}

	@Test
	void smeHostFduDependsOnCoherentMask() {
		String p = "platform H { technology sme-host c-bit 47\n device a : pci { dma-mask 64 coherent-mask 47 }\n"
				+ " device b : pci { dma-mask 64 coherent-mask 48 } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent a 4K expect state shared\n y = dma_alloc_coherent b 4K expect state private"));
		passes(t);
		handle(t, 0, Encoding.UNENCRYPTED, 0x4000_0000L);
		handle(t, 1, Encoding.ENCRYPTED, 0x4000_1000L | (1L << 47));
	}

	@Test
	void zoneFallbackForSmallMasks() {
		String p = "platform N { technology non-cc\n ram above-4g\n device d30 : pci { dma-mask 30 coherent-mask 30 } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent d30 4K"));
		// starts in ZONE_DMA32 (0x1000_0000 fits 30 bits)
		handle(t, 0, Encoding.ENCRYPTED, 0x1000_0000L);
		assertInstanceOf(Outcome.Allocated.class, step(t, 0).outcome());
	}
}

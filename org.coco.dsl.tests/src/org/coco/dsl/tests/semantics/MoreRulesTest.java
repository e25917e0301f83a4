package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.allocated;
import static org.coco.dsl.tests.semantics.Sem.bounce;
import static org.coco.dsl.tests.semantics.Sem.direct;
import static org.coco.dsl.tests.semantics.Sem.error;
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

/** Remaining rules: ops bypass / legacy ops, dynamic pools, ov-x86pt, ov-cca-da allocations, remap free, limits. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class MoreRulesTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	@Test
	void opsBypassNeedsAMaskCoveringRam() {
		String p = "platform N { technology non-cc\n device wide : pci { dma-mask 64 path bypass }\n"
				+ " device narrow : pci { dma-mask 31 path bypass }\n device legacy : pci { dma-mask 64 path ops }\n"
				+ " mmio bar at 0xfe00_0000 size 4K }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> wide to-device\n n = map b -> narrow to-device\n"
				+ "o = map b -> legacy to-device\n r = map bar -> legacy bidirectional"));
		direct(t, 1, Encoding.ENCRYPTED, 0x4000_0000L);
		assertInstanceOf(Outcome.Ops.class, step(t, 2).outcome(), t.describe());
		rule(t, 2, "§4.1 step 4");
		assertInstanceOf(Outcome.Ops.class, step(t, 3).outcome());
		error(t, 4);
	}

	@Test
	void declaredDynamicPoolIsSearchedAfterTheDefault() {
		String p = "platform N { technology non-cc\n boot swiotlb=force\n config SWIOTLB_DYNAMIC\n"
				+ " pool swiotlb default size 8K at 0x8000_0000\n pool swiotlb dynamic extra size 64K at 0x8100_0000\n"
				+ " device d : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "a = alloc pages 8K\n m1 = map a -> d to-device\n m2 = map a -> d to-device expect bounce via extra"));
		passes(t);
		bounce(t, 2, "extra", 0x8100_0000L);
		Trace off = sem.run(scenario(p.replace("config SWIOTLB_DYNAMIC", "config DMA_COHERENT_POOL"),
				"a = alloc pages 8K\n m1 = map a -> d to-device\n m2 = map a -> d to-device"));
		error(off, 2);
		assertTrue(off.boot().stream().anyMatch(b -> b.contains("dynamic swiotlb pool extra ignored")));
	}

	@Test
	void x86ptDropsSwiotlbForceAtBoot() {
		String p = "platform H { technology sme-host c-bit 47\n overlays ov-x86pt\n boot swiotlb=force iommu=pt\n"
				+ " device d64 : pci { dma-mask 64 coherent-mask 64 } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> d64 to-device"));
		assertTrue(t.boot().contains("WARN Ignoring swiotlb=force with host memory encryption and IOMMU passthrough [§0.1 ov-x86pt]"),
				t.boot().toString());
		direct(t, 1, Encoding.ENCRYPTED, 0x4000_0000L | (1L << 47));
	}

	@Test
	void ccaDaAcceptedDevicesAllocatePrivateMemory() {
		String p = "platform R { technology cca-realm profile series-v7\n overlays ov-cca-da, ov-devsec\n"
				+ " pool restricted rp size 64K at 0x9000_0000\n"
				+ " device nic : pci { dma-mask 64 coherent-mask 64 tdisp state run accepted restricted-pool rp }\n"
				+ " device plain : pci { dma-mask 64 coherent-mask 64 } }";
		Trace t = sem.run(scenario(p, "a = dma_alloc_coherent nic 4K atomic expect direct encrypted addr 0x4000_0000 expect state private\n"
				+ "b = dma_alloc_coherent plain 4K atomic expect direct unencrypted expect state shared"));
		passes(t);
		assertEquals("pages", allocated(t, 0).source());
		assertTrue(allocated(t, 1).source().startsWith("atomic_pool"));
	}

	@Test
	void noCoherentPoolConfig() {
		String p = "platform S { technology sev c-bit 47\n config SWIOTLB_DYNAMIC\n device d : pci { dma-mask 64 coherent-mask 64 } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent d 4K atomic expect null"));
		passes(t);
		warns(t, 0, "WARN_ON_ONCE(!IS_ENABLED(CONFIG_DMA_COHERENT_POOL))");
	}

	@Test
	void remapFreeReEncryptsOnlyWhereTheAllocationDecrypted() {
		String p = "platform R { technology cca-realm profile %s\n device nc : platform { dma-mask 64 coherent-mask 64 non-coherent } }";
		Trace base = sem.run(scenario(p.formatted("base"), "x = dma_alloc_coherent nc 4K\n free x encrypt-fails expect ok expect no-warn"));
		passes(base);
		Trace v7 = sem.run(scenario(p.formatted("series-v7"), "x = dma_alloc_coherent nc 4K\n free x encrypt-fails expect leak"
				+ " expect warn \"leaking DMA memory that can't be re-encrypted\""));
		passes(v7);
	}

	@Test
	void directMappingSharesMemoryWithoutCopies() {
		String p = "platform N { technology non-cc\n device d : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n cpu writes b 0x11\n m = map b -> d bidirectional\n device writes m 0x22\n"
				+ "check b cpu-sees 0x22\n sync m for-cpu\n unmap m\n check b cpu-sees 0x22"));
		passes(t);
	}

	@Test
	void mmioOverflowWarnsInBaseStep2() {
		String p = "platform N { technology non-cc\n device d : pci { dma-mask 32 }\n mmio bar at 0x1_0000_0000 size 4K }";
		Trace t = sem.run(scenario(p, "r = map bar -> d bidirectional"));
		error(t, 0);
		warns(t, 0, "DMA addr 0x0000000100000000+4096 overflow (mask ffffffff, bus limit 0).");
		rule(t, 0, "§4.2 base step 2");
	}

	@Test
	void busLimitIsPartOfTheLimit() {
		String p = "platform N { technology non-cc\n ram above-4g\n boot swiotlb=noforce\n"
				+ " device d : pci { dma-mask 64 bus-limit 0xffff_ffff } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> d to-device"));
		error(t, 1);
		warns(t, 1, "DMA addr 0x0000000100000000+4096 overflow (mask ffffffffffffffff, bus limit ffffffff).");
	}

	@Test
	void seriesV6MapPathIsV7s() {
		String p = "platform P { technology sev-snp c-bit 51 profile series-v6\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device d : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> d to-device"));
		bounce(t, 1, "default", 0x8000_0000L);
		assertTrue(step(t, 1).path().stream().anyMatch(r -> r.text().startsWith("§4.2 series-v6 step 5")), t.describe());
	}

	@Test
	void highmemPages() {
		String p = "platform N { technology non-cc\n config HIGHMEM\n device d : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K highmem"));
		assertEquals(0x3800_0000L, allocated(t, 0).phys());
	}

	@Test
	void privateRestrictedPoolOnlyInTheSeries() {
		String p = "platform K { technology pkvm profile %s\n %s\n pool restricted rp size 64K at 0x9000_0000 private\n"
				+ " device emu : platform { dma-mask 64 restricted-pool rp } }";
		Trace v7 = sem.run(scenario(p.formatted("series-v7", ""), "b = alloc pages 4K\n m = map b -> emu to-device expect state private"));
		passes(v7);
		Outcome.Bounce bb = bounce(v7, 1, "rp", 0x9000_0000L);
		assertEquals(Encoding.ENCRYPTED, bb.encoding());
		Trace base = sem.run(scenario(p.formatted("base", ""), "b = alloc pages 4K\n m = map b -> emu to-device expect state shared"));
		passes(base);
		assertTrue(base.boot().stream().anyMatch(s -> s.contains("'private' not honoured")));
		// v7 with ov-pkvm: FDU device, private pool: no guest branch (no GUEST_MEM_ENCRYPT), but dma_capable
		// with attrs refuses the encrypted slot address (!CC_SHARED && FDU) -> slots released, WARN, ERROR
		Trace fdu = sem.run(scenario(p.formatted("series-v7", "overlays ov-pkvm"), "b = alloc pages 4K\n m = map b -> emu to-device"));
		error(fdu, 1);
		warns(fdu, 1, "swiotlb addr 0x0000000090000000+4096 overflow (mask ffffffffffffffff, bus limit 0).");
	}
}

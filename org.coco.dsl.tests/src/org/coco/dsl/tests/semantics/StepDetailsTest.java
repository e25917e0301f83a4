package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.allocated;
import static org.coco.dsl.tests.semantics.Sem.passes;
import static org.coco.dsl.tests.semantics.Sem.rule;
import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Smaller numbered steps: CPU sync (§4.2 step 4, §4.4 step 7), §4.5 steps 1, 8, 10, §4.1 step 5. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class StepDetailsTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static final String ARM = "platform A { technology non-cc\n device nc : platform { dma-mask 64 coherent-mask 64 non-coherent }\n"
			+ " device c : platform { dma-mask 64 coherent-mask 64 } }";

	private static boolean noted(Trace t, int i, String text) {
		return step(t, i).notes().stream().anyMatch(n -> n.contains(text));
	}

	@Test
	void nonCoherentDevicesGetArchSyncUnlessSkipped() {
		Trace t = sem.run(scenario(ARM, "b = alloc pages 4K\n m = map b -> nc to-device\n n = map b -> nc to-device attrs SKIP_CPU_SYNC\n"
				+ "o = map b -> c to-device\n unmap m"));
		assertTrue(noted(t, 1, "arch_sync_dma_for_device"), t.describe());
		assertFalse(noted(t, 2, "arch_sync_dma_for_device"), t.describe());
		assertFalse(noted(t, 3, "arch_sync_dma_for_device"), t.describe());
		assertTrue(noted(t, 4, "arch_sync_dma_for_cpu"), t.describe());
	}

	@Test
	void bouncedNonCoherentSyncsTheSlot() {
		String p = ARM.replace("technology non-cc", "technology non-cc\n boot swiotlb=force");
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> nc to-device"));
		assertTrue(noted(t, 1, "arch_sync_dma_for_device on the tlb slot"), t.describe());
	}

	@Test
	void coherentAllocationIsPageAlignedAndZeroed() {
		Trace t = sem.run(scenario(ARM, "x = dma_alloc_coherent c 2K\n check x cpu-sees 0x0\n y = alloc pages 4K"));
		passes(t);
		assertEquals(4096, allocated(t, 0).size());
		assertEquals(0x4000_1000L, allocated(t, 2).phys());
	}

	@Test
	void defaultSwiotlbIsNeverUsedForCoherentAllocations() {
		String p = "platform T { technology tdx\n boot swiotlb=force\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " device d : pci { dma-mask 64 coherent-mask 64 } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent d 4K\n p = dma_alloc_pages d 4K"));
		assertEquals(0x4000_0000L, allocated(t, 0).phys());
		assertEquals(0x4000_1000L, allocated(t, 1).phys());
	}

	@Test
	void iommuUnmapMirrorsTheRouting() {
		String p = "platform H { technology sme-host c-bit 47\n iommu translated\n device v : pci { dma-mask 64 } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> v to-device\n unmap m expect ok"));
		passes(t);
		rule(t, 2, "§4.1 step 5");
	}

	@Test
	void unmapOfAFailedMapping() {
		String p = "platform N { technology non-cc\n device d : pci { dma-mask 24 } }";
		Trace t = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> d to-device expect error\n unmap m expect error"));
		passes(t);
		assertTrue(step(t, 2).outcome().describe().contains("nothing to unmap"), t.describe());
	}
}

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
import org.coco.dsl.semantics.Errno;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.PageState;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §4.7 free paths, §3 heaps (registration, allocate, release, mmap), set_memory_* failure injection. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class FreeAndHeapTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	static String snp(String profile) {
		return "platform P {\n technology sev-snp\n c-bit 51\n profile " + profile + "\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " heap system\n heap system_cc_shared\n"
				+ " device d64 : pci { dma-mask 64 coherent-mask 64 }\n device d32 : pci { dma-mask 32 coherent-mask 32 }\n}\n";
	}

	// ---------------------------------------------------------------- dma_direct_free / free_pages

	@Test
	void freeReEncrypts() {
		Trace t = sem.run(scenario(snp("base"), "x = dma_alloc_coherent d64 8K\n free x expect ok expect state private"));
		passes(t);
		rule(t, 1, "§4.7");
		assertEquals(PageState.PRIVATE, step(t, 1).stateChanges().get(0).to());
	}

	@Test
	void reEncryptFailureLeaksWithMessage() {
		Trace t = sem.run(scenario(snp("ccs71"), "x = dma_alloc_coherent d64 8K\n free x encrypt-fails expect leak expect state unknown\n"
				+ "y = alloc pages 4K"));
		passes(t);
		warns(t, 1, "leaking DMA memory that can't be re-encrypted");
		Outcome.Leak l = assertInstanceOf(Outcome.Leak.class, step(t, 1).outcome());
		assertEquals(0x4000_0000L, l.phys());
		assertEquals(2, l.pages());
		assertEquals(0x4000_2000L, allocated(t, 2).phys(), "leaked pages are not reused");
	}

	@Test
	void freedPagesAreReused() {
		Trace t = sem.run(scenario(snp("ccs71"), "x = dma_alloc_coherent d64 8K\n free x\n y = alloc pages 4K"));
		assertEquals(0x4000_0000L, allocated(t, 2).phys());
	}

	@Test
	void atomicPoolFreeNeverReEncrypts() {
		Trace t = sem.run(scenario(snp("base"), "x = dma_alloc_coherent d32 4K atomic\n free x encrypt-fails expect ok expect state shared"));
		passes(t);
		noWarn(t, 1);
		assertTrue(step(t, 1).rule().function().contains("dma_free_from_pool"));
	}

	@Test
	void dmaFreePagesLeaksOnFailure() {
		Trace t = sem.run(scenario(snp("base"), "p = dma_alloc_pages d64 4K\n free p encrypt-fails expect leak"));
		passes(t);
		warns(t, 1, "leaking DMA memory that can't be re-encrypted");
		assertTrue(step(t, 1).rule().function().startsWith("dma_direct_free_pages"));
	}

	@Test
	void baseReEncryptsRestrictedPoolSlots() {
		String p = "platform K { technology pkvm profile %s\n overlays ov-pkvm\n pool restricted rp size 256K at 0x9000_0000\n"
				+ " device emu : platform { dma-mask 64 coherent-mask 64 restricted-pool rp } }";
		Trace base = sem.run(scenario(p.formatted("base"), "x = dma_alloc_coherent emu 4K\n free x expect state private"));
		passes(base); // ownership bug: the pool's memory is now private
		assertTrue(step(base, 1).notes().stream().anyMatch(n -> n.contains("re-encrypts restricted-pool slots")), base.describe());
		Trace v7 = sem.run(scenario(p.formatted("series-v7"), "x = dma_alloc_coherent emu 4K\n free x expect state shared"));
		passes(v7);
	}

	@Test
	void fduChangeBetweenAllocAndFreeSkipsReEncryption() {
		String p = "platform P { technology sev-snp c-bit 51 profile ccs71\n overlays ov-sev-tio, ov-devsec\n"
				+ " device nic : pci { dma-mask 64 coherent-mask 64 tdisp state unlocked } }";
		Trace t = sem.run(scenario(p, "x = dma_alloc_coherent nic 4K expect state shared\n nic lock\n nic accept expect t1\n"
				+ "free x expect state shared"));
		passes(t); // decrypted memory goes back to the allocator (§6 inv. 3 finding)
		assertTrue(step(t, 3).notes().stream().anyMatch(n -> n.contains("FDU changed")));
	}

	@Test
	void doubleFree() {
		Trace t = sem.run(scenario(snp("base"), "x = alloc pages 4K\n free x\n free x expect error"));
		passes(t);
	}

	// ---------------------------------------------------------------- heaps

	@Test
	void heapAllocateDecryptsEveryCompoundPage() {
		Trace t = sem.run(scenario(snp("ccs71"), "h = alloc heap system_cc_shared 1092K expect state shared"));
		passes(t);
		Outcome.Allocated a = allocated(t, 0);
		assertTrue(a.source().contains("3 compound pages"), a.source()); // 1M + 64K + 4K
		assertEquals(3, step(t, 0).stateChanges().size());
		assertEquals(0x4010_0000L, step(t, 0).stateChanges().get(1).phys());
	}

	@Test
	void heapDecryptFailureTearsDownTheBuffer() {
		Trace t = sem.run(scenario(snp("ccs71"), "h = alloc heap system_cc_shared 8K decrypt-fails expect errno EIO expect state private\n"
				+ "y = alloc pages 4K"));
		passes(t);
		warns(t, 0, "dma-buf system heap: failed to decrypt page at 0x4000_0000");
		Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, step(t, 0).outcome());
		assertEquals(Errno.EIO, f.errno());
		assertEquals(0x4000_0000L, allocated(t, 1).phys(), "pages re-encrypted and freed");
	}

	@Test
	void heapReleaseLeaksPagesThatCannotBeReEncrypted() {
		Trace t = sem.run(scenario(snp("ccs71"), "h = alloc heap system_cc_shared 8K\n free h encrypt-fails expect leak"));
		passes(t);
		warns(t, 1, "dma-buf system heap: failed to re-encrypt page at 0x4000_0000, leaking memory");
		warns(t, 1, "dma-buf system heap: failed to re-encrypt page at 0x4000_1000, leaking memory");
		assertEquals(2, step(t, 1).leakedPages());
		Trace ok = sem.run(scenario(snp("ccs71"), "h = alloc heap system_cc_shared 8K\n free h expect ok expect state private"));
		passes(ok);
	}

	@Test
	void heapRegistration() {
		passes(sem.run(scenario(snp("base"), "h = alloc heap system_cc_shared 4K expect error\n s = alloc heap system 4K expect ok")));
		String s390 = "platform Z { technology s390-pv profile %s\n heap system_cc_shared\n device d : pci { dma-mask 64 } }";
		passes(sem.run(scenario(s390.formatted("ccs71"), "h = alloc heap system_cc_shared 4K expect error")));
		passes(sem.run(scenario(s390.formatted("series-v6"), "h = alloc heap system_cc_shared 4K expect ok expect state shared")));
		String undeclared = "platform T { technology tdx profile ccs71\n device d : pci { dma-mask 64 } }";
		passes(sem.run(scenario(undeclared, "h = alloc heap system_cc_shared 4K expect error")));
	}

	@Test
	void deprecatedAliasWorks() {
		Trace t = sem.run(scenario(snp("ccs71"), "h = alloc heap system_cc_decrypted 4K expect state shared\n mmap h expect ok"));
		passes(t);
		assertTrue(step(t, 0).notes().stream().anyMatch(n -> n.contains("deprecated")));
		assertTrue(step(t, 1).outcome().describe().contains("pgprot_decrypted"));
	}

	@Test
	void systemHeapIsPrivateAndMapsWithoutAttribute() {
		Trace t = sem.run(scenario(snp("ccs71"), "h = alloc heap system 4K expect state private\n vmap h\n m = map h -> d64 to-device"));
		passes(t);
		assertTrue(step(t, 1).outcome().describe().contains("default pgprot"));
		Outcome.Sg sg = assertInstanceOf(Outcome.Sg.class, step(t, 2).outcome());
		assertInstanceOf(Outcome.Bounce.class, sg.first());
	}

	// ---------------------------------------------------------------- set_memory_*

	@Test
	void conversionFailureLeavesStateUnknown() {
		Trace t = sem.run(scenario(snp("base"), "b = alloc pages 4K\n set_memory_decrypted b fails expect errno EIO expect state unknown\n"
				+ "c = alloc pages 4K\n set_memory_decrypted c expect ok expect state shared\n set_memory_encrypted c expect state private"));
		passes(t);
	}

	@Test
	void conversionIsANoOpOnNonCc() {
		Trace t = sem.run(scenario("platform N { technology non-cc\n device d : pci { dma-mask 64 } }",
				"b = alloc pages 4K\n set_memory_decrypted b fails expect ok expect state private"));
		passes(t);
		assertTrue(step(t, 1).notes().stream().anyMatch(n -> n.contains("no-op")));
	}

	@Test
	void freeingDecryptedPagesIsNoted() {
		Trace t = sem.run(scenario(snp("base"), "b = alloc pages 4K\n set_memory_decrypted b\n free b"));
		assertTrue(step(t, 2).notes().stream().anyMatch(n -> n.contains("state shared")), t.describe());
	}
}

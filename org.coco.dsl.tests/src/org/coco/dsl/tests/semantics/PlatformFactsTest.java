package org.coco.dsl.tests.semantics;

import static org.coco.dsl.semantics.CcAttr.GUEST_MEM_ENCRYPT;
import static org.coco.dsl.semantics.CcAttr.GUEST_SEV_SNP;
import static org.coco.dsl.semantics.CcAttr.GUEST_STATE_ENCRYPT;
import static org.coco.dsl.semantics.CcAttr.HOST_MEM_ENCRYPT;
import static org.coco.dsl.semantics.CcAttr.MEM_ENCRYPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.HeapKind;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.T1SharedAccess;
import org.coco.dsl.semantics.CcAttr;
import org.coco.dsl.semantics.Encodings;
import org.coco.dsl.semantics.Parameters;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §1.1: one test per platform row (cc_platform_has, FDU, encodings, swiotlb forcing/decryption, heap). */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class PlatformFactsTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	private Platform platform(String tech, String extra) {
		return sem.platform("platform P {\n technology " + tech + "\n " + extra + "\n heap system\n heap system_cc_shared\n"
				+ " device d : pci { dma-mask 64 coherent-mask 64 }\n device d32 : pci { dma-mask 32 coherent-mask 32 }\n}\n");
	}

	private static Device dev(Platform p, String name) {
		return p.getMembers().stream().filter(Device.class::isInstance).map(Device.class::cast)
				.filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
	}

	private static PlatformFacts facts(Platform p, Profile prof, Overlay... ovs) {
		return PlatformFacts.of(p, prof, Set.of(ovs));
	}

	@Test
	void nonCc() {
		Platform p = platform("non-cc", "");
		PlatformFacts f = facts(p, Profile.CCS71);
		assertEquals(Set.of(), f.ccPlatformHas());
		assertFalse(f.fdu(dev(p, "d")));
		assertFalse(f.swiotlbForced());
		assertFalse(f.defaultPoolExists());
		assertFalse(f.defaultPoolDecrypted());
		assertFalse(f.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
		Encodings e = new Encodings(f, Parameters.VtomDeviceAlias.KERNEL_PA);
		assertEquals(0x1234_5000L, e.enc(0x1234_5000L));
		assertEquals(0x1234_5000L, e.unenc(0x1234_5000L));
	}

	@Test
	void nonCcSwiotlbOnlyByForce() {
		PlatformFacts f = facts(platform("non-cc", "boot swiotlb=force"), Profile.BASE);
		assertTrue(f.swiotlbForced());
		assertTrue(f.defaultPoolExists());
		assertFalse(f.defaultPoolDecrypted());
	}

	@Test
	void smeHostFactsAndMaskRule() {
		Platform p = sem.platform("platform H { technology sme-host c-bit 47\n heap system_cc_shared\n"
				+ " device a : pci { coherent-mask 47 }\n device b : pci { coherent-mask 48 }\n"
				+ " device c : pci { coherent-mask 64 bus-limit 0x7fff_ffff_ffff }\n device e : pci { coherent-mask 64 } }");
		PlatformFacts f = facts(p, Profile.CCS71);
		assertEquals(Set.of(MEM_ENCRYPT, HOST_MEM_ENCRYPT), f.ccPlatformHas());
		// FDU iff min_not_zero(coherent_dma_mask, bus_dma_limit) <= DMA_BIT_MASK(47)
		assertTrue(f.fdu(dev(p, "a")));
		assertFalse(f.fdu(dev(p, "b")));
		assertTrue(f.fdu(dev(p, "c")), "bus limit counts");
		assertFalse(f.fdu(dev(p, "e")));
		assertFalse(f.swiotlbForced(), "SME host: swiotlb enabled but not forced");
		assertTrue(f.defaultPoolExists());
		assertTrue(f.defaultPoolDecrypted());
		assertTrue(f.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED), "corner case: registered on SME hosts");
		Encodings e = new Encodings(f, Parameters.VtomDeviceAlias.KERNEL_PA);
		assertEquals(0x8000_4000_0000L, e.enc(0x4000_0000L));
		assertEquals(0x4000_0000L, e.unenc(0x4000_0000L));
		assertEquals(0x4000_0000L, e.canon(0x8000_4000_0000L));
	}

	@Test
	void sevGuestsCBit() {
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), facts(platform("sev", "c-bit 47"), Profile.BASE).ccPlatformHas());
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT, GUEST_STATE_ENCRYPT),
				facts(platform("sev-es", "c-bit 47"), Profile.BASE).ccPlatformHas());
		Platform p = platform("sev-snp", "c-bit 51");
		PlatformFacts f = facts(p, Profile.BASE);
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT, GUEST_STATE_ENCRYPT, GUEST_SEV_SNP), f.ccPlatformHas());
		assertTrue(f.fdu(dev(p, "d")), "all devices");
		assertTrue(f.swiotlbForced(), "base: SWIOTLB_FORCE");
		assertFalse(facts(p, Profile.SERIES_V7).swiotlbForced(), "series-v7: no flag");
		assertTrue(f.defaultPoolDecrypted());
		assertTrue(facts(p, Profile.CCS71).heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
		assertFalse(f.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED), "no such heap in base");
		Encodings e = new Encodings(f, Parameters.VtomDeviceAlias.KERNEL_PA);
		assertEquals((1L << 51) | 0x1000, e.enc(0x1000));
		assertEquals(0x1000, e.unenc(0x1000));
	}

	@Test
	void sevTioAcceptedDeviceIsNotFdu() {
		Platform p = platform("sev-snp", "c-bit 51");
		PlatformFacts f = facts(p, Profile.SERIES_V7, Overlay.SEV_TIO);
		assertFalse(f.fdu(dev(p, "d"), true));
		assertTrue(f.fdu(dev(p, "d"), false));
		assertTrue(facts(p, Profile.SERIES_V7).fdu(dev(p, "d"), true), "without the overlay acceptance changes nothing");
	}

	@Test
	void tdxGuest() {
		Platform p = platform("tdx", "");
		PlatformFacts f = facts(p, Profile.CCS71);
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), f.ccPlatformHas());
		assertTrue(f.fdu(dev(p, "d")));
		assertTrue(f.swiotlbForced());
		assertTrue(f.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
		Encodings e = new Encodings(f, Parameters.VtomDeviceAlias.KERNEL_PA);
		assertEquals(0x4000_0000L, e.enc(0x4000_0000L), "no bit in TDX DMA addresses");
		assertEquals(0x4000_0000L, e.unenc(0x4000_0000L));
	}

	@Test
	void ccaRealm() {
		Platform p = platform("cca-realm", "ipa-bits 48");
		PlatformFacts base = facts(p, Profile.BASE);
		assertEquals(Set.of(MEM_ENCRYPT), base.ccPlatformHas());
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), facts(p, Profile.SERIES_V7).ccPlatformHas());
		assertTrue(base.fdu(dev(p, "d")));
		assertTrue(base.swiotlbForced());
		assertFalse(facts(p, Profile.SERIES_V7).swiotlbForced());
		assertTrue(base.defaultPoolExists());
		assertFalse(facts(p, Profile.BASE, Overlay.CCA_DA).fdu(dev(p, "d"), true));
		assertFalse(facts(p, Profile.BASE, Overlay.TDI_RFC).fdu(dev(p, "d"), true));
		Encodings e = new Encodings(base, Parameters.VtomDeviceAlias.KERNEL_PA);
		assertEquals(0x8000_4000_0000L, e.unenc(0x4000_0000L), "PROT_NS_SHARED = BIT(47)");
		assertEquals(0x4000_0000L, e.enc(0x4000_0000L));
		assertEquals(0x4000_0000L, e.canon(0x8000_4000_0000L));
		assertEquals(T1SharedAccess.ALLOWED_IF_MAPPED, base.recommendedT1SharedAccess());
	}

	@Test
	void pkvm() {
		Platform p = platform("pkvm", "");
		PlatformFacts f = facts(p, Profile.CCS71);
		assertEquals(Set.of(), f.ccPlatformHas());
		assertFalse(f.fdu(dev(p, "d")));
		assertFalse(f.swiotlbForced());
		assertFalse(f.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
		PlatformFacts ov = facts(p, Profile.CCS71, Overlay.PKVM);
		assertEquals(Set.of(MEM_ENCRYPT), ov.ccPlatformHas());
		assertTrue(ov.fdu(dev(p, "d")));
		assertTrue(ov.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
	}

	@Test
	void ppcSecureVm() {
		Platform p = platform("ppc-svm", "");
		assertEquals(Set.of(MEM_ENCRYPT), facts(p, Profile.BASE).ccPlatformHas());
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), facts(p, Profile.SERIES_V7).ccPlatformHas());
		assertTrue(facts(p, Profile.BASE).fdu(dev(p, "d")));
		assertTrue(facts(p, Profile.BASE).swiotlbForced());
		assertFalse(facts(p, Profile.SERIES_V7).swiotlbForced(), "SWIOTLB_ANY only");
	}

	@Test
	void s390ProtectedVirtualization() {
		Platform p = platform("s390-pv", "");
		PlatformFacts ccs = facts(p, Profile.CCS71);
		assertEquals(Set.of(), ccs.ccPlatformHas());
		assertTrue(ccs.fdu(dev(p, "d")), "is_prot_virt_guest()");
		assertTrue(ccs.swiotlbForced());
		assertFalse(ccs.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED), "base/ccs71: NOT registered");
		assertEquals(Set.of(MEM_ENCRYPT), facts(p, Profile.SERIES_V6).ccPlatformHas());
		assertTrue(facts(p, Profile.SERIES_V6).heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), facts(p, Profile.SERIES_V7).ccPlatformHas());
	}

	@Test
	void hyperVVtom() {
		Platform p = platform("sev-snp-vtom", "shared-gpa-boundary 0x80_0000_0000");
		PlatformFacts f = facts(p, Profile.CCS71);
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), f.ccPlatformHas());
		assertTrue(f.fdu(dev(p, "d")));
		assertTrue(f.swiotlbForced());
		assertEquals(0, f.smeMeMask(), "sme_me_mask = 0 under vTOM");
		assertEquals(0x4000_0000L, new Encodings(f, Parameters.VtomDeviceAlias.KERNEL_PA).unenc(0x4000_0000L));
		assertEquals(0x80_4000_0000L, new Encodings(f, Parameters.VtomDeviceAlias.VTOM_ALIAS).unenc(0x4000_0000L));
		PlatformFacts t = facts(platform("hyperv-tdx", ""), Profile.CCS71);
		assertEquals(Set.of(MEM_ENCRYPT, GUEST_MEM_ENCRYPT), t.ccPlatformHas());
		assertTrue(t.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
	}

	@Test
	void heapNeedsNoHighmem() {
		PlatformFacts f = facts(platform("tdx", "config HIGHMEM DMA_COHERENT_POOL"), Profile.CCS71);
		assertFalse(f.heapRegisteredByKernel(HeapKind.SYSTEM_CC_SHARED));
		assertFalse(f.heapAvailable(HeapKind.SYSTEM_CC_DECRYPTED), "the alias follows the same test");
	}

	@Test
	void x86ptClearsForceOnlyWithPassthrough() {
		PlatformFacts pt = facts(platform("sme-host", "boot swiotlb=force iommu=pt"), Profile.BASE, Overlay.X86PT);
		assertTrue(pt.x86ptClearsForce());
		assertFalse(pt.swiotlbForced());
		PlatformFacts tr = facts(platform("sme-host", "boot swiotlb=force\n iommu translated"), Profile.BASE, Overlay.X86PT);
		assertTrue(tr.swiotlbForced());
		assertTrue(facts(platform("sme-host", "boot swiotlb=force iommu=pt"), Profile.BASE).swiotlbForced(),
				"without the overlay swiotlb=force stays");
	}

	@Test
	void ccAttrsAreAnEnum() {
		assertEquals(5, CcAttr.values().length);
	}
}

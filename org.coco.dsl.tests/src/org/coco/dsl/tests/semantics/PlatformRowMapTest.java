package org.coco.dsl.tests.semantics;

import static org.coco.dsl.tests.semantics.Sem.scenario;
import static org.coco.dsl.tests.semantics.Sem.single;
import static org.coco.dsl.tests.semantics.Sem.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.inject.Inject;

/**
 * §1.1, one row per platform, end to end: a private page mapped in base (forced swiotlb or not, the
 * C-bit / top-IPA-bit encoding) and a system_cc_shared heap page mapped in ccs71 and series-v7 (heap
 * registration, the "shared DMA address" column).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class PlatformRowMapTest {
	@Inject
	private ParseHelper<Model> parser;
	private Sem sem;

	@BeforeEach
	void setUp() {
		sem = new Sem(parser);
	}

	private static String platform(String tech, String extra) {
		return "platform P { technology " + tech + " " + extra + "\n pool swiotlb default size 1M at 0x8000_0000\n"
				+ " heap system_cc_shared\n device d : pci { dma-mask 64 coherent-mask 64 } }";
	}

	/** "direct:HEX", "bounce:HEX" or "error" (map or allocation failed). */
	private static String summary(Trace t) {
		for (var s : t.steps()) {
			Outcome o = single(s.outcome());
			if (!o.success()) {
				return "error";
			}
		}
		Outcome o = single(step(t, t.steps().size() - 1).outcome());
		if (o instanceof Outcome.Direct d) {
			return "direct:" + Long.toHexString(d.address());
		}
		if (o instanceof Outcome.Bounce b) {
			return "bounce:" + Long.toHexString(b.address());
		}
		return o.describe();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', value = {
			"non-cc       | ''                                  | direct:40000000     | error               | error",
			"sme-host     | c-bit 47                            | direct:800040000000 | error               | direct:40000000",
			"sev          | c-bit 47                            | bounce:80000000     | direct:40000000     | direct:40000000",
			"sev-es       | c-bit 47                            | bounce:80000000     | direct:40000000     | direct:40000000",
			"sev-snp      | c-bit 51                            | bounce:80000000     | direct:40000000     | direct:40000000",
			"tdx          | ''                                  | bounce:80000000     | direct:40000000     | direct:40000000",
			"cca-realm    | ipa-bits 48                         | bounce:800080000000 | direct:800040000000 | direct:800040000000",
			"pkvm         | ''                                  | direct:40000000     | error               | error",
			"pkvm         | overlays ov-pkvm                    | direct:40000000     | error               | direct:40000000",
			"ppc-svm      | ''                                  | bounce:80000000     | direct:40000000     | direct:40000000",
			"s390-pv      | ''                                  | bounce:80000000     | error               | direct:40000000",
			"sev-snp-vtom | shared-gpa-boundary 0x80_0000_0000  | bounce:80000000     | direct:40000000     | direct:40000000",
			"hyperv-tdx   | ''                                  | bounce:80000000     | direct:40000000     | direct:40000000" })
	void platformRow(String tech, String extra, String privateBase, String sharedCcs71, String sharedV7) {
		String p = platform(tech, extra);
		Trace priv = sem.run(scenario(p, "b = alloc pages 4K\n m = map b -> d to-device"), RunOptions.defaults().withProfile(Profile.BASE));
		assertEquals(privateBase, summary(priv), priv.describe());
		String shared = "h = alloc heap system_cc_shared 4K\n m = map h -> d to-device";
		Trace ccs = sem.run(scenario(p, shared), RunOptions.defaults().withProfile(Profile.CCS71));
		assertEquals(sharedCcs71, summary(ccs), ccs.describe());
		Trace v7 = sem.run(scenario(p, shared), RunOptions.defaults().withProfile(Profile.SERIES_V7));
		assertEquals(sharedV7, summary(v7), v7.describe());
		if (privateBase.startsWith("bounce")) {
			assertTrue(priv.steps().get(1).path().stream().anyMatch(r -> r.text().equals("§4.2 base step 1, is_swiotlb_force_bounce")),
					"base: the CC guest arch sets SWIOTLB_FORCE\n" + priv.describe());
		}
	}
}

package org.coco.dsl.tests.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.diff.DiffReport;
import org.coco.dsl.semantics.diff.ProfileDiff;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** §1.2: SME host, IOMMU passthrough, swiotlb=force — base bounces everything; series-v6 refuses FDU=false devices. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ProfileDiffTest {
	@Inject
	private ParseHelper<Model> parser;

	@Test
	void smeHostSwiotlbForceBaseVsSeriesV6() {
		String text = ExplorationFixtures.example("sme-host.coco") + """

				scenario "forced bounce, both kinds of device" on SmeHostForced {
				    a = alloc pages 8K
				    m1 = map a -> nvme bidirectional
				    m2 = map a -> legacy bidirectional
				    unmap m2
				    c = dma_alloc_coherent legacy 4K
				    free c
				    free a
				}
				""";
		Model m = new ExplorationFixtures(parser).parse(text);
		DiffReport r = ProfileDiff.diff(ExplorationFixtures.scenario(m, "forced bounce, both kinds of device"),
				RunOptions.defaults().withProfile(Profile.BASE), RunOptions.defaults().withProfile(Profile.SERIES_V6));
		DiffReport.ScenarioDiff s = r.scenarios().get(0);
		// exactly the map of the device that can carry the C-bit (FDU false) differs
		assertEquals(List.of(2), s.rows().stream().map(DiffReport.StepDiff::step).toList(), r::render);
		DiffReport.StepDiff d = s.rows().get(0);
		assertEquals("m1 = map a -> nvme bidirectional", d.text());
		assertEquals("Bounce", d.a().kind(), r::render);
		assertEquals("unencrypted", d.a().encoding(), r::render);
		assertEquals("Error", d.b().kind(), r::render);
		assertTrue(d.differences().contains("outcome"), r::render);
		String out = r.render();
		assertTrue(out.contains("#2 m1 = map a -> nvme bidirectional"), out);
		assertTrue(out.contains("base") && out.contains("series-v6"), out);
	}

	@Test
	void identicalRunsHaveNoRows() {
		Model m = new ExplorationFixtures(parser).parse(ExplorationFixtures.example("sme-host.coco"));
		DiffReport r = ProfileDiff.diff(m, RunOptions.defaults().withProfile(Profile.BASE),
				RunOptions.defaults().withProfile(Profile.BASE));
		assertTrue(r.identical(), r::render);
		assertEquals("no differences\n", r.render());
	}
}

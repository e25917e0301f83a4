package org.coco.dsl.tests;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/** Settings in any order, but `technology` once and every single-valued setting at most once. */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class PlatformSettingsValidatorTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private ValidationTestHelper validation;

	@Test
	void settingsInAnyOrderAndListsSplitOverLines() throws Exception {
		validation.assertNoErrors(parser.parse("""
				platform P {
				    overlays ov-devsec
				    c-bit 51
				    technology sev-snp
				    overlays ov-sev-tio
				    boot iommu=pt
				    boot swiotlb=force
				}
				"""));
	}

	@Test
	void technologyIsRequired() throws Exception {
		String text = "platform P {\n    c-bit 51\n}\n";
		validation.assertError(parser.parse(text), CocoPackage.Literals.PLATFORM, IssueCodes.MISSING_SETTING,
				text.indexOf("P"), 1, "platform P needs a technology");
	}

	@Test
	void aSettingGivenTwiceIsAnErrorOnTheSecond() throws Exception {
		String text = "platform P {\n    technology sev\n    c-bit 47\n    c-bit 51\n}\n";
		validation.assertError(parser.parse(text), CocoPackage.Literals.PLATFORM, IssueCodes.DUPLICATE_SETTING,
				text.indexOf("51"), 2, "'c-bit' is given twice in platform P");
	}
}

package org.coco.dsl.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/**
 * coco's validation, one small validator per topic (docs/rules.md lists every code). The settings
 * validator is composed through GenerateCoco.mwe2 into AbstractCocoValidator; the rest here.
 */
@ComposedChecks(validators = { PlatformValidator.class, MemoryLayoutValidator.class, DeviceValidator.class,
		ScenarioValidator.class, ScenarioRunValidator.class, NamesValidator.class })
public class CocoValidator extends AbstractCocoValidator {
}

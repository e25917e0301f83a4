package org.coco.dsl.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of parse → validate → interpret → generate (Jazzer). In `./mvnw verify`
 * this runs in regression mode: every seed (the examples, copied into
 * target/test-classes/org/coco/dsl/cli/CocoFuzzTestInputs/pipeline by the build) and every crash
 * file kept there goes through the pipeline once. To fuzz for real, five minutes (docs/performance.md):
 *
 *   JAZZER_FUZZ=1 ./mvnw -B -o -pl org.coco.dsl.cli verify -Dtest=CocoFuzzTest
 *
 * A finding is written under src/test/resources/org/coco/dsl/cli/CocoFuzzTestInputs/pipeline and
 * so becomes a regression input; give it a readable test in HostileInputTest as well.
 */
class CocoFuzzTest {

	@FuzzTest(maxDuration = "5m")
	void pipeline(byte[] input) {
		FuzzPipeline.check(input);
	}
}

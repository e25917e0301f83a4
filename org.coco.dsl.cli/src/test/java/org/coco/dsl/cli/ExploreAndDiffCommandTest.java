package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `coco explore` and `coco diff`, end to end with the real jar and the examples. */
class ExploreAndDiffCommandTest {

	@TempDir
	Path tmp;

	private static String cca() {
		return CliProcess.examples().resolve("cca-realm.coco").toString();
	}

	@Test
	void exploreFindsTheBaseViolationsAndPrintsRunnableCounterexamples() throws Exception {
		var r = CliProcess.run(tmp, "explore", cca(), "--depth", "2", "--profile", "base", "--devices", "virtio_blk");
		assertEquals(1, r.exit(), () -> r.out() + r.err());
		assertTrue(r.out().contains("// §6.4 pool memory is owned by the pool violated after 1 step(s)"), r.out());
		assertTrue(r.out().contains("scenario \"counterexample §6.4 on CcaRealm\" on CcaRealm profile base {\n"
				+ "    b1 = dma_alloc_coherent virtio_blk 4K\n}"), r.out());
		assertTrue(r.out().contains("states/s"), r.out());
		assertTrue(r.err().contains("invariant violation(s)"), r.err());
		// the counterexamples, pasted next to the platform, validate and run
		Path file = tmp.resolve("cex.coco");
		Files.writeString(file, Files.readString(Path.of(cca())) + "\n" + r.out());
		var v = CliProcess.run(tmp, "validate", file.toString());
		assertEquals(0, v.exit(), () -> v.out() + v.err());
	}

	@Test
	void exploreUnderTheFixingProfileFindsNoOwnershipViolation() throws Exception {
		var r = CliProcess.run(tmp, "explore", cca(), "--depth", "2", "--profile", "series-v7", "--devices", "virtio_blk",
				"--invariants", "4,5");
		assertEquals(0, r.exit(), () -> r.out() + r.err());
		assertTrue(r.out().contains("0 violation(s)"), r.out());
		assertTrue(r.out().contains("complete"), r.out());
	}

	@Test
	void exploreReportsProgressAndAPartialResultAtTheTimeLimit() throws Exception {
		var r = CliProcess.run(tmp, "explore", cca(), "--depth", "20", "--time-limit", "2.5", "--invariants", "4");
		assertTrue(r.err().contains("coco explore: CcaRealm: explored "), r.err());
		assertTrue(r.out().contains("partial: time limit"), r.out());
	}

	@Test
	void exploreOnOneOrSeveralThreadsPrintsTheSameResults() throws Exception {
		var one = CliProcess.run(tmp, "explore", cca(), "--depth", "3", "--profile", "base", "--threads", "1");
		var three = CliProcess.run(tmp, "explore", cca(), "--depth", "3", "--profile", "base", "--threads", "3");
		assertEquals(1, one.exit(), () -> one.out() + one.err());
		assertTrue(one.out().contains("states explored"), one.out());
		String timing = ", [0-9.]+ s, [0-9]+ states/s";
		assertEquals(one.out().replaceAll(timing, ""), three.out().replaceAll(timing, ""));
		var bad = CliProcess.run(tmp, "explore", cca(), "--depth", "2", "--threads", "0");
		assertEquals(2, bad.exit());
		assertTrue(bad.err().contains("--threads must be between 1 and 256"), bad.err());
	}

	@Test
	void exploreBadUsageIsExitTwoWithAMessage() throws Exception {
		var r = CliProcess.run(tmp, "explore", cca(), "--depth", "2", "--profile", "nope");
		assertEquals(2, r.exit());
		assertTrue(r.err().contains("unknown profile 'nope': use one of base, ccs71, series-v6, series-v7"), r.err());
		var p = CliProcess.run(tmp, "explore", cca(), "--depth", "2", "--platform", "Nowhere");
		assertEquals(2, p.exit());
		assertTrue(p.err().contains("no platform named [Nowhere]"), p.err());
		assertFalse(p.err().contains("\tat "), p.err());
	}

	@Test
	void diffListsTheStepsThatDifferSideBySide() throws Exception {
		Path file = tmp.resolve("forced.coco");
		Files.writeString(file, Files.readString(CliProcess.examples().resolve("sme-host.coco")) + """

				scenario "forced bounce" on SmeHostForced {
				    a = alloc pages 8K
				    m1 = map a -> nvme bidirectional
				    m2 = map a -> legacy bidirectional
				}
				""");
		var r = CliProcess.run(tmp, "diff", file.toString(), "--profile", "base", "--profile", "series-v6", "--scenario",
				"forced bounce");
		assertEquals(1, r.exit(), () -> r.out() + r.err());
		assertTrue(r.out().startsWith("scenario \"forced bounce\" on SmeHostForced: 1 of 3 step(s) differ\n"), r.out());
		assertTrue(r.out().contains("  #2 m1 = map a -> nvme bidirectional   [outcome, encoding"), r.out());
		assertTrue(r.out().contains("BOUNCE via default"), r.out());
		assertTrue(r.out().contains("| ERROR"), r.out());
	}

	@Test
	void diffOfIdenticalRunsExitsZero() throws Exception {
		var r = CliProcess.run(tmp, "diff", CliProcess.examples().resolve("non-cc-bare-metal.coco").toString(), "--profile",
				"base", "--profile", "ccs71");
		assertTrue(r.exit() == 0 || r.exit() == 1, () -> r.out() + r.err());
		var same = CliProcess.run(tmp, "diff", cca(), "--profile", "base", "--overlays", "ov-ms", "--overlays", "ov-ms");
		assertEquals(0, same.exit(), () -> same.out() + same.err());
		assertEquals("no differences\n", same.out());
		// base vs series-v7 on the restricted-pool scenario differs only in invariant findings
		var inv = CliProcess.run(tmp, "diff", cca(), "--profile", "base", "--profile", "series-v7", "--scenario",
				"coherent allocation comes from the restricted pool");
		assertEquals(1, inv.exit(), () -> inv.out() + inv.err());
		assertTrue(inv.out().contains("[invariants]"), inv.out());
		var off = CliProcess.run(tmp, "diff", cca(), "--profile", "base", "--profile", "series-v7", "--scenario",
				"coherent allocation comes from the restricted pool", "--no-invariants");
		assertEquals(0, off.exit(), () -> off.out() + off.err());
		var bad = CliProcess.run(tmp, "diff", cca(), "--profile", "base");
		assertEquals(2, bad.exit());
		assertTrue(bad.err().contains("nothing to compare"), bad.err());
	}
}

package org.coco.dsl.bench;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.coco.dsl.cli.CocoCli;

/**
 * `coco validate FILE` run N times in one JVM, each timed: what validation costs once the JIT has compiled it,
 * against the whole-process figure of a cold JVM (docs/performance.md, "What misses").
 * <p>
 * java -Xms4g -cp org.coco.dsl.bench/target/classes:org.coco.dsl.bench/target/lib/* org.coco.dsl.bench.WarmValidate FILE [N]
 */
public final class WarmValidate {

	private WarmValidate() {
	}

	public static void main(String[] args) {
		if (args.length < 1) {
			System.err.println("usage: WarmValidate FILE [RUNS]");
			System.exit(2);
		}
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
		for (int i = 1; i <= runs; i++) {
			StringWriter out = new StringWriter();
			long start = System.nanoTime();
			int exit = CocoCli.run(new String[] { "validate", args[0] }, new PrintWriter(out), new PrintWriter(System.err, true));
			System.out.printf("run %d: %.3f s (exit %d)%n", i, (System.nanoTime() - start) / 1e9, exit);
		}
	}
}

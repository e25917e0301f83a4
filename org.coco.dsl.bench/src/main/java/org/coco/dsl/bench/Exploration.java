package org.coco.dsl.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.coco.dsl.CocoStandaloneSetup;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.explore.Bounds;
import org.coco.dsl.semantics.explore.Counterexample;
import org.coco.dsl.semantics.explore.ExplorationResult;
import org.coco.dsl.semantics.explore.Explorer;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResourceSet;

/**
 * Exploration throughput in-process: the explorer over an example platform with fixed bounds, after
 * warm-up, as explored successors (one copy + step each) and distinct states per second, wall and per
 * CPU-second of the process. {@code main} also prints the results (counts and counterexamples, no
 * timings) of every example platform, to diff before and after a change of the explorer.
 *
 * Usage: Exploration [--root DIR] [--threads N] [--warmup SECONDS] [--seconds SECONDS] | [--root DIR] results OUT.txt
 */
public final class Exploration {

	/** The benchmark's platform and bounds: the CCA realm example under base, default alphabet. */
	static final String FILE = "examples/cca-realm.coco";
	static final String PLATFORM = "CcaRealm";
	static final int DEPTH = 5;

	/** Explored successors and distinct states per wall second and per process CPU-second, over whole explorations. */
	record Rate(double exploredPerSecond, double distinctPerSecond, double exploredPerCpuSecond, long explored, long distinct,
			int runs, double seconds) {
	}

	private final XtextResourceSet rs;
	private final java.util.Map<Path, Model> loaded = new java.util.HashMap<>();

	Exploration() {
		rs = new CocoStandaloneSetup().createInjectorAndDoEMFRegistration().getInstance(XtextResourceSet.class);
	}

	Model load(Path file) throws IOException {
		Model known = loaded.get(file.toAbsolutePath().normalize());
		if (known != null) {
			return known;
		}
		Resource r = rs.createResource(URI.createFileURI(file.toAbsolutePath().toString()));
		r.load(Files.newInputStream(file), rs.getLoadOptions());
		EcoreUtil.resolveAll(rs);
		if (!r.getErrors().isEmpty()) {
			throw new IllegalStateException(file + " does not parse: " + r.getErrors().get(0));
		}
		Model m = (Model) r.getContents().get(0);
		loaded.put(file.toAbsolutePath().normalize(), m);
		return m;
	}

	static List<Platform> platforms(Model m) {
		return m.getElements().stream().filter(Platform.class::isInstance).map(Platform.class::cast).toList();
	}

	static Bounds benchBounds(int depth) {
		return Bounds.of(depth).withTimeLimit(0).withOptions(RunOptions.defaults().withProfile(Profile.BASE));
	}

	/** Whole explorations of the benchmark platform for about `millis` ms, after `warmupMillis` of the same. */
	Rate measure(Path root, long warmupMillis, long millis, Explorer.Strategy strategy) throws IOException {
		Platform p = platforms(load(root.resolve(FILE))).stream().filter(x -> x.getName().equals(PLATFORM)).findFirst()
				.orElseThrow();
		Bounds b = benchBounds(DEPTH);
		long end = System.nanoTime() + warmupMillis * 1_000_000;
		while (System.nanoTime() < end) {
			Explorer.explore(p, b, null, strategy);
		}
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long cpu0 = os.getProcessCpuTime();
		long start = System.nanoTime();
		end = start + millis * 1_000_000;
		long explored = 0, distinct = 0;
		int runs = 0;
		long now;
		do {
			ExplorationResult r = Explorer.explore(p, b, null, strategy);
			explored += r.explored();
			distinct += r.distinct();
			runs++;
			now = System.nanoTime();
		} while (now < end);
		double secs = (now - start) / 1e9;
		double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
		return new Rate(explored / secs, distinct / secs, explored / cpu, explored / runs, distinct / runs, runs, secs);
	}

	/**
	 * The results of exploring every platform of every example (depth 3, its own profile) and the benchmark
	 * platform deeper: counts, stop reason and counterexamples, without timings.
	 */
	String results(Path root) throws IOException {
		StringBuilder out = new StringBuilder();
		List<Path> files;
		try (Stream<Path> s = Files.list(root.resolve("examples"))) {
			files = s.filter(f -> f.toString().endsWith(".coco")).sorted().toList();
		}
		for (Path f : files) {
			for (Platform p : platforms(load(f))) {
				describe(out, f.getFileName() + " depth 3", Explorer.explore(p, Bounds.of(3).withTimeLimit(0), null));
			}
		}
		Platform cca = platforms(load(root.resolve(FILE))).stream().filter(x -> x.getName().equals(PLATFORM)).findFirst()
				.orElseThrow();
		describe(out, FILE + " base depth " + DEPTH, Explorer.explore(cca, benchBounds(DEPTH), null));
		describe(out, FILE + " base depth 8, 3000 states", Explorer.explore(cca, benchBounds(8).withMaxStates(3000), null));
		describe(out, FILE + " series-v7 no failures depth 5", Explorer.explore(cca, Bounds.of(5).withTimeLimit(0)
				.withFailures(false).withOptions(RunOptions.defaults().withProfile(Profile.SERIES_V7)), null));
		return out.toString();
	}

	private static void describe(StringBuilder out, String what, ExplorationResult r) {
		out.append(String.format(Locale.ROOT, "%s: %s %s %s explored %d distinct %d depth %d complete %s %s%n", what,
				r.platform(), r.profile(), r.overlays(), r.explored(), r.distinct(), r.depthCompleted(), r.complete(),
				r.stopReason()));
		for (Counterexample c : r.violations()) {
			out.append(c.scenario()).append('\n');
		}
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(".").toAbsolutePath().normalize();
		List<String> rest = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--root")) {
				root = Path.of(args[++i]).toAbsolutePath().normalize();
			} else {
				rest.add(args[i]);
			}
		}
		Exploration e = new Exploration();
		if (!rest.isEmpty() && rest.get(0).equals("results")) {
			String text = e.results(root);
			if (rest.size() > 1) {
				Files.writeString(Path.of(rest.get(1)), text);
			} else {
				System.out.print(text);
			}
			return;
		}
		Explorer.Strategy strategy = Explorer.Strategy.defaults();
		long warmup = 5_000, millis = 10_000;
		for (int i = 0; i + 1 < rest.size(); i += 2) {
			switch (rest.get(i)) {
			case "--threads" -> strategy = strategy.withThreads(Integer.parseInt(rest.get(i + 1)));
			// on 2 cores the JIT is still compiling after 5 s: a longer warm-up measures the steady state
			case "--warmup" -> warmup = Long.parseLong(rest.get(i + 1)) * 1000;
			case "--seconds" -> millis = Long.parseLong(rest.get(i + 1)) * 1000;
			default -> throw new IllegalArgumentException("unknown option " + rest.get(i));
			}
		}
		Rate r = e.measure(root, warmup, millis, strategy);
		System.out.println(String.format(Locale.ROOT,
				"%s %s depth %d, %d thread(s): %,.0f explored/s, %,.0f distinct/s, %,.0f explored per CPU-second (%d runs of %d explored, %d distinct)",
				FILE, PLATFORM, DEPTH, strategy.threads(), r.exploredPerSecond(), r.distinctPerSecond(), r.exploredPerCpuSecond(),
				r.runs(), r.explored(), r.distinct()));
	}
}

package org.coco.dsl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.coco.dsl.semantics.explore.Explorer;

/**
 * The benchmark command (docs/performance.md): whole-process timings of `./coco` (validate per model
 * size, start-up), dtc on the same platform, interpreter steps and explored states per second in-process, and the language
 * server's edit-to-diagnostics latency. Prints a Markdown table and writes it to target/bench/results.md.
 *
 * Usage: Bench [--root DIR] [--sizes 1000,10000,...] [--dtc-up-to LINES] [--timeout SECONDS] [--quick]
 *        [--lsp-only | --exploration-only]
 * (a run stopped by the timeout shows exit code -1 and its wall time as the timeout)
 */
public final class Bench {

	/** Wall time, CPU time (user + sys) and peak RSS of one process. */
	record Run(double seconds, double cpu, long peakKib, int exit) {
	}

	private final Path root;
	private final Path work;
	private final List<String> out = new ArrayList<>();
	/** dtc is quadratic in label references (see docs/performance.md): skip it above this many lines. */
	int dtcUpTo = Integer.MAX_VALUE;
	/** A run that takes longer is stopped and reported as "> N s". */
	int timeoutSeconds = 900;

	Bench(Path root) throws IOException {
		this.root = root;
		this.work = root.resolve("org.coco.dsl.bench/target/bench");
		Files.createDirectories(work);
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(".").toAbsolutePath().normalize();
		int[] sizes = { 1_000, 10_000, 100_000, 1_000_000 };
		boolean quick = false;
		boolean lspOnly = false;
		boolean explorationOnly = false;
		int dtcUpTo = Integer.MAX_VALUE;
		int timeoutSeconds = 900;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
			case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(s -> Integer.parseInt(s.replace("_", ""))).toArray();
			case "--quick" -> quick = true;
			case "--lsp-only" -> lspOnly = true;
			case "--exploration-only" -> explorationOnly = true;
			case "--dtc-up-to" -> dtcUpTo = Integer.parseInt(args[++i].replace("_", ""));
			case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
			default -> {
				System.err.println("usage: Bench [--root DIR] [--sizes 1000,10000,...] [--quick]");
				System.exit(2);
			}
			}
		}
		Bench b = new Bench(root);
		b.dtcUpTo = dtcUpTo;
		b.timeoutSeconds = timeoutSeconds;
		if (lspOnly) {
			b.lsp(quick);
			return;
		}
		if (explorationOnly) {
			b.exploration(quick);
			return;
		}
		b.all(sizes, quick);
	}

	void all(int[] sizes, boolean quick) throws Exception {
		line("# coco benchmark results");
		line("");
		line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
				+ memTotal() + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ".");
		line("Load average at start: " + loadAverage() + " (other builds share this machine: wall times include waiting for a CPU; CPU = user + sys).");
		line("");
		startup(quick ? 3 : 10);
		validate(sizes, quick);
		interpreter(quick);
		exploration(quick);
		lsp(quick);
		line("");
		line("Load average at the end: " + loadAverage() + ".");
		Files.write(work.resolve("results.md"), out);
		System.out.println();
		System.out.println("written: " + work.resolve("results.md"));
	}

	void startup(int reps) throws Exception {
		List<Double> t = new ArrayList<>();
		List<Double> cpu = new ArrayList<>();
		long rss = 0;
		for (int i = 0; i < reps + 1; i++) {
			Run r = time(List.of(coco(), "--version"));
			if (i > 0) { // the first run may build the jar or the CDS archive
				t.add(r.seconds);
				cpu.add(r.cpu);
				rss = Math.max(rss, r.peakKib);
			}
		}
		t.sort(null);
		cpu.sort(null);
		line("");
		line("## CLI start-up (`./coco --version`, " + reps + " runs)");
		line("");
		line(String.format(Locale.ROOT, "wall: median %.3f s, best %.3f s; CPU: median %.3f s; peak RSS %d MiB (target ≤ 0.5 s)",
				t.get(t.size() / 2), t.get(0), cpu.get(cpu.size() / 2), rss / 1024));
	}

	void validate(int[] sizes, boolean quick) throws Exception {
		line("");
		line("## `./coco validate` by model size (whole process, best of 3; 1M lines: 1 run)");
		line("");
		line("Full model = platform + scenarios; platform only = the devices and pools that the .dts also holds. "
				+ "dtc: `dtc -I dts -O dtb -o /dev/null` on that platform.");
		line("");
		line("| lines | full: wall | CPU | peak RSS | platform only: lines | wall | CPU | peak RSS | dtc: .dts lines | wall | CPU | peak RSS | coco/dtc wall | coco/dtc CPU | exit codes |");
		line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (int lines : sizes) {
			SyntheticModel m = SyntheticModel.ofLines(lines);
			Path full = work.resolve("fleet-" + lines + ".coco");
			Path plat = work.resolve("fleet-" + lines + "-platform.coco");
			Path dts = work.resolve("fleet-" + lines + ".dts");
			m.writeCoco(full);
			m.platformOnly().writeCoco(plat);
			m.writeDts(dts);
			int reps = quick || lines >= 1_000_000 ? 1 : 3;
			Run f = best(List.of(coco(), "validate", full.toString()), reps);
			Run p = best(List.of(coco(), "validate", plat.toString()), reps);
			Run d = hasDtc() && lines <= dtcUpTo ? best(List.of("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "/dev/null", dts.toString()), reps) : null;
			String dtc = d == null ? "— | " + (hasDtc() ? "not run (--dtc-up-to)" : "dtc not installed") + " | — | — | — | —"
					: String.format(Locale.ROOT, "%,d | %.3f s | %.3f s | %d MiB | %.0f× | %.0f×", SyntheticModel.countLines(dts),
							d.seconds, d.cpu, d.peakKib / 1024, p.seconds / d.seconds, p.cpu / Math.max(d.cpu, 0.01));
			line(String.format(Locale.ROOT, "| %,d | %.2f s | %.2f s | %d MiB | %,d | %.2f s | %.2f s | %d MiB | %s | %d/%d%s |",
					SyntheticModel.countLines(full), f.seconds, f.cpu, f.peakKib / 1024, SyntheticModel.countLines(plat),
					p.seconds, p.cpu, p.peakKib / 1024, dtc, f.exit, p.exit, d == null ? "" : "/" + d.exit));
		}
	}

	void interpreter(boolean quick) throws Exception {
		SyntheticModel shape = Interpreter.defaultShape();
		Interpreter in = new Interpreter(shape);
		long warmup = quick ? 2_000 : 5_000, millis = quick ? 3_000 : 10_000;
		double sps = in.stepsPerSecond(warmup, millis);
		double[] all = in.stepsPerSecondAll(warmup, millis);
		line("");
		line("## Interpreter (in-process, " + in.scenarios.size() + " scenarios × " + shape.stepsPerScenario()
				+ " steps on a " + shape.devices() + "-device platform)");
		line("");
		line(String.format(Locale.ROOT, "* one thread: %,.0f steps/s; %,.0f scenario runs/s", sps, sps / shape.stepsPerScenario()));
		line(String.format(Locale.ROOT,
				"* ScenarioRunner.runAll (as `coco run`), %d processors: %,.0f steps/s (target ≥ 5M steps/s); %,.0f per process CPU-second",
				Runtime.getRuntime().availableProcessors(), all[0], all[3]));
	}

	void exploration(boolean quick) throws Exception {
		line("");
		line("## Exploration (in-process: " + Exploration.FILE + ", platform " + Exploration.PLATFORM + ", profile base, depth "
				+ Exploration.DEPTH + ", default bounds)");
		line("");
		Exploration e = new Exploration();
		for (Explorer.Strategy s : List.of(Explorer.Strategy.sequential(), Explorer.Strategy.defaults())) {
			Exploration.Rate r = e.measure(root, quick ? 3_000 : 5_000, quick ? 5_000 : 10_000, s);
			line(String.format(Locale.ROOT,
					"* %d thread(s): %,.0f explored states/s (target ≥ 1M states/s), %,.0f distinct states/s; %,.0f explored per process CPU-second; "
							+ "%d explorations of %,d explored / %,d distinct states in %.1f s after warm-up",
					s.threads(), r.exploredPerSecond(), r.distinctPerSecond(), r.exploredPerCpuSecond(), r.runs(), r.explored(),
					r.distinct(), r.seconds()));
		}
		List<String> cmd = List.of(coco(), "explore", root.resolve(Exploration.FILE).toString(), "--depth",
				String.valueOf(Exploration.DEPTH), "--profile", "base", "--time-limit", "0");
		Run c = best(cmd, quick ? 1 : 3);
		line("");
		line(String.format(Locale.ROOT, "`./coco explore %s --depth %d --profile base --time-limit 0` (whole process, best of %d): "
				+ "%.2f s wall, %.2f s CPU, %d MiB peak RSS, exit %d (1: violations found)", Exploration.FILE, Exploration.DEPTH,
				quick ? 1 : 3, c.seconds, c.cpu, c.peakKib / 1024, c.exit));
	}

	void lsp(boolean quick) throws Exception {
		line("");
		line("## Language server: edit → diagnostics on a 10k-line file (`coco lsp` through the launcher)");
		line("");
		for (boolean platformOnly : new boolean[] { true, false }) {
			Path dir = Files.createDirectories(work.resolve(platformOnly ? "lsp-platform" : "lsp"));
			SyntheticModel m = platformOnly ? LspLatency.platformOfLines(10_000) : SyntheticModel.ofLines(10_000);
			LspLatency.Result r = LspLatency.measure(List.of(coco(), "lsp"), dir, m, quick ? 4 : 20,
					quick ? 10 : LspLatency.WARMUP_EDITS);
			line((platformOnly ? "platform only: " : "full model: ") + r.describe() + " (target ≤ 200 ms)");
			// a user reads the file before typing: the first edit a second after the first diagnostics, in a new server
			LspLatency.Series later = LspLatency.measure(List.of(coco(), "lsp"), dir, m, 1, 0, 1000).cold();
			line((platformOnly ? "platform only" : "full model") + ", first edit 1 s after opening (new server): "
					+ later.firstMillis() + " ms, server CPU " + later.totalCpuMillis() + " ms");
		}
	}

	String coco() {
		return root.resolve("coco").toString();
	}

	static boolean hasDtc() {
		try {
			return new ProcessBuilder("dtc", "--version").redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
		} catch (IOException | InterruptedException e) {
			return false;
		}
	}

	Run best(List<String> cmd, int reps) throws Exception {
		Run best = null;
		for (int i = 0; i < reps; i++) {
			Run r = time(cmd);
			if (best == null || r.seconds < best.seconds) {
				best = r;
			}
		}
		return best;
	}

	/** Wall time measured here; peak RSS from GNU time's %M (KiB), written to a side file. */
	Run time(List<String> cmd) throws Exception {
		Path rss = work.resolve("rss.txt");
		List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
		full.addAll(cmd);
		long start = System.nanoTime();
		ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD);
		pb.environment().put("COCO_DAEMON", "off"); // a whole process each time, even if a daemon runs here
		Process p = pb.start();
		if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
			p.waitFor();
			return new Run(timeoutSeconds, Double.NaN, 0, -1);
		}
		double s = (System.nanoTime() - start) / 1e9;
		long kib = 0;
		double cpu = 0;
		for (String l : Files.readAllLines(rss)) {
			if (l.matches("\\d+ [0-9.]+ [0-9.]+")) {
				String[] f = l.split(" ");
				kib = Long.parseLong(f[0]);
				cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
			}
		}
		return new Run(s, cpu, kib, p.exitValue());
	}

	static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return f[0] + " " + f[1] + " " + f[2];
		} catch (IOException e) {
			return "unknown";
		}
	}

	static String memTotal() {
		try {
			for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (l.startsWith("MemTotal:")) {
					long kib = Long.parseLong(l.replaceAll("\\D", ""));
					return String.format(Locale.ROOT, "%.0f GiB RAM", kib / 1024.0 / 1024.0);
				}
			}
		} catch (IOException e) {
			// fall through
		}
		return "unknown RAM";
	}

	void line(String s) {
		System.out.println(s);
		out.add(s);
	}
}

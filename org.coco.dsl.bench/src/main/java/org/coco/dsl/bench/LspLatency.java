package org.coco.dsl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Time from an edit to its diagnostics in the real language server (`coco lsp` in its own process,
 * an LSP4J client on its stdio, as in the CLI's LanguageServerTest): opens a synthetic file, then
 * alternately breaks and repairs one reference (a device in a map step, or a device's restricted
 * pool when the model has no scenarios) and waits for each publishDiagnostics. The edits are
 * ranges, as an editor sends them (the server announces incremental sync). Last, a burst of
 * keystrokes typed faster than the server validates: the time from the last one to its diagnostics.
 */
final class LspLatency {

	/** Milliseconds between the keystrokes of the burst. */
	static final int KEYSTROKE_MILLIS = 50;

	/** Edits not timed between the cold and the warm series: the JIT (C2) settles after some 60 edits. */
	static final int WARMUP_EDITS = 100;

	/**
	 * One timed series of edits and the burst that follows it. The first edit and the server's CPU
	 * over the whole series are given apart: in the cold series the first edit is usually the max (it
	 * loads what the open did not need), and the total CPU (JIT threads included) is the steadier
	 * figure on a loaded machine.
	 */
	record Series(long medianMillis, long maxMillis, long firstMillis, long medianCpuMillis, long totalCpuMillis, int edits,
			long burstMillis, int keystrokes) {
		String describe() {
			return String.format(Locale.ROOT,
					"after an edit: median %d ms, max %d ms over %d edits, first %d ms (server CPU per edit: median %d ms, "
							+ "%d ms for the %d); %d keystrokes %d ms apart: last one → its diagnostics %d ms",
					medianMillis, maxMillis, edits, firstMillis, medianCpuMillis, totalCpuMillis, edits, keystrokes,
					KEYSTROKE_MILLIS, burstMillis);
		}
	}

	/** The first edits after opening (cold JIT), and the same series again after WARMUP_EDITS more. */
	record Result(long openMillis, Series cold, int warmupEdits, Series warm) {
		String describe() {
			return String.format(Locale.ROOT, "open → first diagnostics %d ms; cold: %s; warm (after %d more edits): %s",
					openMillis, cold.describe(), warmupEdits, warm.describe());
		}
	}

	/** The reference the edits replace: its offset and text in the file. */
	private record Site(int offset, String name) {
		static Site in(String text) {
			String map = " -> d0 to-device";
			int at = text.indexOf(map);
			if (at >= 0) {
				return new Site(at + " -> ".length(), "d0");
			}
			String pool = "restricted-pool rp0\n";
			at = text.indexOf(pool);
			if (at >= 0) {
				return new Site(at + "restricted-pool ".length(), "rp0");
			}
			throw new IllegalStateException("no reference to edit in the synthetic model");
		}
	}

	static Result measure(List<String> command, Path dir, SyntheticModel model, int edits, int warmup) throws Exception {
		return measure(command, dir, model, edits, warmup, 0);
	}

	/**
	 * As above, the first edit made pauseMillis after the first diagnostics (0: at once, as the series above;
	 * 1000: as a user would, who reads the file before typing).
	 */
	static Result measure(List<String> command, Path dir, SyntheticModel model, int edits, int warmup, long pauseMillis)
			throws Exception {
		Path file = dir.resolve("lsp.coco");
		model.writeCoco(file);
		String text = Files.readString(file);
		String uri = file.toUri().toString();
		Site site = Site.in(text);
		Position start = position(text, site.offset());

		BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		long launched = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try {
			LanguageServer server = connect(process, dir, uri, published);
			if (System.getenv("COCO_BENCH_VERBOSE") != null) {
				System.err.println("initialized after " + (System.nanoTime() - launched) / 1_000_000 + " ms");
			}
			long t0 = System.nanoTime();
			if (System.getenv("COCO_BENCH_VERBOSE") != null) System.err.println(System.currentTimeMillis() + " didOpen");
			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "coco", 1, text)));
			await(published, d -> true);
			long open = (System.nanoTime() - t0) / 1_000_000;
			if (System.getenv("COCO_BENCH_VERBOSE") != null) System.err.println(System.currentTimeMillis() + " first diagnostics");

			java.util.Map<String, Long> paused = VERBOSE ? threadCpuMillis(process) : null;
			if (VERBOSE) {
				System.err.println(System.currentTimeMillis() + " server CPU so far by thread: " + difference(paused, java.util.Map.of()));
			}
			Thread.sleep(pauseMillis);
			if (VERBOSE) {
				java.util.Map<String, Long> now = threadCpuMillis(process);
				System.err.println(System.currentTimeMillis() + " server CPU during the " + pauseMillis + " ms pause by thread: "
						+ difference(now, paused) + "; so far: " + difference(now, java.util.Map.of()));
			}
			Session session = new Session(server, uri, start, site.name(), process, published);
			Series cold = session.series(edits);
			for (int i = 0; i < warmup; i++) {
				session.edit(null, null);
			}
			Series warm = session.series(edits);
			server.shutdown().get(30, TimeUnit.SECONDS);
			server.exit();
			if (System.getenv("COCO_BENCH_VERBOSE") != null) {
				long e = System.nanoTime();
				boolean exited = process.waitFor(60, TimeUnit.SECONDS);
				System.err.println("exit: " + exited + " after " + (System.nanoTime() - e) / 1_000_000 + " ms");
			}
			return new Result(open, cold, warmup, warm);
		} finally {
			if (!process.waitFor(60, TimeUnit.SECONDS)) { // a profiled server writes its recording on exit
				process.destroyForcibly();
			}
		}
	}

	/** The open document and the state of the edited reference. */
	private static final class Session {
		final LanguageServer server;
		final String uri;
		final Position start;
		final String name;
		final Process process;
		final BlockingQueue<PublishDiagnosticsParams> published;
		int version = 1;
		int count;
		String current;

		Session(LanguageServer server, String uri, Position start, String name, Process process,
				BlockingQueue<PublishDiagnosticsParams> published) {
			this.server = server;
			this.uri = uri;
			this.start = start;
			this.name = name;
			this.process = process;
			this.published = published;
			this.current = name;
		}

		/** Timed edits, then the burst, then a repair (not timed). */
		Series series(int edits) throws InterruptedException {
			List<Long> times = new ArrayList<>();
			List<Long> cpu = new ArrayList<>();
			for (int i = 0; i < edits; i++) {
				edit(times, cpu);
			}
			// The burst: type "typo" after the name, then its last keystroke repairs nothing: the
			// diagnostics must name the whole word.
			String word = "typo";
			long last = 0;
			for (int k = 0; k < word.length(); k++) {
				Position at = new Position(start.getLine(), start.getCharacter() + current.length() + k);
				last = System.nanoTime();
				insert(server, uri, ++version, at, word.substring(k, k + 1));
				if (k < word.length() - 1) {
					Thread.sleep(KEYSTROKE_MILLIS);
				}
			}
			await(published, reflects(current + word, false));
			long burst = (System.nanoTime() - last) / 1_000_000;
			current += word;
			replace(server, uri, ++version, start, current, name);
			await(published, reflects(name, true));
			current = name;
			long first = times.get(0);
			long totalCpu = cpu.stream().mapToLong(Long::longValue).sum();
			Collections.sort(times);
			Collections.sort(cpu);
			return new Series(times.get(times.size() / 2), times.get(times.size() - 1), first, cpu.get(cpu.size() / 2),
					totalCpu, edits, burst, word.length());
		}

		/** One edit that breaks or repairs the reference; timed if the lists are given. */
		void edit(List<Long> times, List<Long> cpu) throws InterruptedException {
			int i = count++;
			// a new unknown name each time, so that only the diagnostics of this edit match
			String next = current.equals(name) ? "nosuch" + i : name;
			java.util.Map<String, Long> threads0 = VERBOSE ? threadCpuMillis(process) : null;
			long cpu0 = cpuMillis(process);
			long begin = System.nanoTime();
			if (System.getenv("COCO_BENCH_VERBOSE") != null) System.err.println(System.currentTimeMillis() + " edit " + i);
			replace(server, uri, ++version, start, current, next);
			await(published, reflects(next, next.equals(name)));
			long millis = (System.nanoTime() - begin) / 1_000_000;
			long cpuUsed = cpuMillis(process) - cpu0;
			current = next;
			if (times != null) {
				times.add(millis);
				cpu.add(cpuUsed);
			}
			if (System.getenv("COCO_BENCH_VERBOSE") != null) {
				System.err.println(System.currentTimeMillis() + " edit " + i + " (" + next + "): " + millis + " ms, server CPU " + cpuUsed + " ms"
						+ (times == null ? " (warm-up)" : "") + "; by thread: " + difference(threadCpuMillis(process), threads0));
			}
		}
	}

	private static LanguageServer connect(Process process, Path dir, String uri,
			BlockingQueue<PublishDiagnosticsParams> published) throws Exception {
		LanguageClient client = new LanguageClient() {
			@Override
			public void publishDiagnostics(PublishDiagnosticsParams p) {
				if (p.getUri().equals(uri)) {
					published.add(p);
				}
			}

			@Override
			public void telemetryEvent(Object o) {
			}

			@Override
			public void showMessage(MessageParams m) {
			}

			@Override
			public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
				return CompletableFuture.completedFuture(null);
			}

			@Override
			public void logMessage(MessageParams m) {
			}
		};
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
				process.getOutputStream());
		launcher.startListening();
		LanguageServer server = launcher.getRemoteProxy();
		InitializeParams init = new InitializeParams();
		init.setProcessId((int) ProcessHandle.current().pid());
		// as LanguageServerTest: the server expects workspace-folder support and text capabilities
		WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
		ws.setWorkspaceFolders(true);
		init.setCapabilities(new ClientCapabilities(ws, new TextDocumentClientCapabilities(), null));
		init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "bench")));
		server.initialize(init).get(120, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		return server;
	}

	private static void replace(LanguageServer server, String uri, int version, Position start, String old,
			String replacement) {
		Range range = new Range(start, new Position(start.getLine(), start.getCharacter() + old.length()));
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(uri, version),
				List.of(new TextDocumentContentChangeEvent(range, replacement))));
	}

	private static void insert(LanguageServer server, String uri, int version, Position at, String typed) {
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(uri, version),
				List.of(new TextDocumentContentChangeEvent(new Range(at, at), typed))));
	}

	/** Diagnostics of the edited state: no error once repaired, else an error naming the unknown reference. */
	private static Predicate<PublishDiagnosticsParams> reflects(String name, boolean repaired) {
		return p -> repaired
				? p.getDiagnostics().stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error)
				: p.getDiagnostics().stream().anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error
						&& message(d).contains("'" + name + "'"));
	}

	private static String message(Diagnostic d) {
		return d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
	}

	private static void await(BlockingQueue<PublishDiagnosticsParams> q, Predicate<PublishDiagnosticsParams> wanted)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
		while (System.nanoTime() < deadline) {
			PublishDiagnosticsParams p = q.poll(1, TimeUnit.SECONDS);
			if (p != null && wanted.test(p)) {
				return;
			}
		}
		throw new IllegalStateException("the language server published no matching diagnostics in 300 s");
	}

	/**
	 * CPU time (user + system) of the server process so far, from /proc (Linux); 0 elsewhere. The
	 * launcher execs java, so the process started is the server's JVM. Wall times on a shared
	 * machine include waiting for a CPU; this does not.
	 */
	static long cpuMillis(Process p) {
		try {
			String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields 14 and 15 of stat (utime, stime), counted from the state field (3rd)
			return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
		} catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	private static final boolean VERBOSE = System.getenv("COCO_BENCH_VERBOSE") != null;

	/**
	 * CPU time of the server's threads so far, summed by kind (the name without its number: "C2 CompilerThre",
	 * "G1 Conc#", "pool-N-thread-M" as "pool-thread"), from /proc (Linux): which part of an edit's CPU is the
	 * JIT's and the collector's, with COCO_BENCH_VERBOSE.
	 */
	static java.util.Map<String, Long> threadCpuMillis(Process p) {
		java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
		try (var tasks = Files.list(Path.of("/proc/" + p.pid() + "/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
					String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					byKind.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS, Long::sum);
				} catch (IOException | RuntimeException e) {
					// the thread ended
				}
			}
		} catch (IOException | RuntimeException e) {
			// not Linux
		}
		return byKind;
	}

	private static String difference(java.util.Map<String, Long> after, java.util.Map<String, Long> before) {
		StringBuilder b = new StringBuilder();
		after.forEach((k, v) -> {
			long d = v - before.getOrDefault(k, 0L);
			if (d > 0) {
				b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(d);
			}
		});
		return b.toString();
	}

	/** USER_HZ: 100 on every Linux the bench runs on. */
	private static final long CLOCK_TICKS = 100;

	private static Position position(String text, int offset) {
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new Position(line, offset - lineStart);
	}

	static void cleanup(Path dir) throws IOException {
		Files.deleteIfExists(dir.resolve("lsp.coco"));
	}

	/**
	 * {@code LspLatency [--platform-only] [--lines N] [--edits N] [--warmup N] [--pause MS] COMMAND...}: one measurement, for
	 * profiling (e.g. COMMAND = ./coco lsp with COCO_JAVA_OPTS=-XX:StartFlightRecording=...).
	 */
	public static void main(String[] args) throws Exception {
		int lines = 10_000;
		int edits = 20;
		int warmup = WARMUP_EDITS;
		boolean platformOnly = false;
		long pause = 0;
		int i = 0;
		for (; i < args.length && args[i].startsWith("--"); i++) {
			switch (args[i]) {
			case "--platform-only" -> platformOnly = true;
			case "--lines" -> lines = Integer.parseInt(args[++i]);
			case "--edits" -> edits = Integer.parseInt(args[++i]);
			case "--warmup" -> warmup = Integer.parseInt(args[++i]);
			case "--pause" -> pause = Long.parseLong(args[++i]);
			default -> throw new IllegalArgumentException(args[i]);
			}
		}
		List<String> command = List.of(args).subList(i, args.length);
		Path dir = Files.createTempDirectory("coco-lsp-bench");
		SyntheticModel model = platformOnly ? platformOfLines(lines) : SyntheticModel.ofLines(lines);
		try {
			System.out.println(model + ": " + measure(command, dir, model, edits, warmup, pause).describe());
		} finally {
			cleanup(dir);
			Files.deleteIfExists(dir);
		}
		System.exit(0); // LSP4J's client threads would keep the JVM alive for another minute
	}

	/** A platform without scenarios of about `lines` lines (devices and pools in the usual proportion). */
	static SyntheticModel platformOfLines(int lines) {
		SyntheticModel m = SyntheticModel.ofLines(lines);
		// devices take half the lines of a full model and pools a twentieth: scale both to the whole
		int devices = m.devices() * 20 / 11;
		int pools = m.pools() * 20 / 11;
		return new SyntheticModel(devices, pools, 0, 0);
	}
}

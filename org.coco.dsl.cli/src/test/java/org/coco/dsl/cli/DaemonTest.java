package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `coco daemon`: a command answered by the daemon is byte for byte the command run in its own process
 * (output, errors, exit code, generated files); a daemon serves only its own directory; a dead daemon's
 * socket makes the command run in-process; start, status and stop through the real jar.
 */
class DaemonTest {

	record Answer(Integer exit, String out, String err) {
	}

	@TempDir
	Path tmp;

	@Test
	void theDaemonAnswersAsTheCommandItself() throws Exception {
		Path socket = tmp.resolve("d.sock");
		Path cwd = DaemonAddress.cwd();
		DaemonServer server = new DaemonServer(socket, null, cwd, Duration.ofMinutes(5));
		Thread serving = new Thread(() -> {
			try {
				server.serve();
			} catch (IOException e) {
				throw new RuntimeException(e);
			}
		});
		serving.start();
		try {
			waitFor(socket);
			Path ex = CliProcess.examples();
			String snp = ex.resolve("sev-snp-guest.coco").toString();
			List<String[]> commands = List.of(
					new String[] { "validate", ex.toString() },
					new String[] { "validate", "--format", "json", ex.toString() },
					new String[] { "run", snp },
					new String[] { "run", "--format", "json", snp },
					new String[] { "explore", ex.resolve("cca-realm.coco").toString(), "--depth", "2" },
					new String[] { "validate", tmp.resolve("missing.coco").toString() },
					new String[] { "run", "--no-such-option" });
			for (String[] args : commands) {
				Answer direct = direct(args);
				Answer daemon = viaDaemon(socket, cwd, args);
				assertEquals(untimed(direct), untimed(daemon), String.join(" ", args));
			}
			// generated files: the same tree
			Answer direct = direct("generate", "--target", "json", "--output", tmp.resolve("a").toString(), snp);
			Answer daemon = viaDaemon(socket, cwd, "generate", "--target", "json", "--output", tmp.resolve("b").toString(), snp);
			assertEquals(direct.exit(), daemon.exit());
			assertEquals(direct.out().replace(tmp.resolve("a").toString(), "OUT"), daemon.out().replace(tmp.resolve("b").toString(), "OUT"));
			assertEquals(tree(tmp.resolve("a")), tree(tmp.resolve("b")));
			assertFalse(tree(tmp.resolve("a")).isEmpty());

			// another directory's command is not served: its client runs it itself
			assertNull(DaemonClient.ask(socket, new DaemonProtocol.Request(DaemonProtocol.RUN, "/elsewhere", List.of("validate", snp)),
					new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));

			Answer status = ask(socket, new DaemonProtocol.Request(DaemonProtocol.STATUS, cwd.toString(), List.of()));
			assertTrue(status.out().contains("command(s) served"), status.out());
			Answer stop = ask(socket, new DaemonProtocol.Request(DaemonProtocol.STOP, cwd.toString(), List.of()));
			assertTrue(stop.out().contains("stopped"), stop.out());
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> serving.join());
			assertFalse(Files.exists(socket), "the socket is removed when the daemon stops");
		} finally {
			if (serving.isAlive()) {
				ask(socket, new DaemonProtocol.Request(DaemonProtocol.STOP, cwd.toString(), List.of()));
			}
		}
	}

	@Test
	void aSocketWithNoDaemonBehindItIsIgnored() throws Exception {
		Path socket = DaemonAddress.socket(DaemonAddress.cwd());
		assertFalse(Files.exists(socket), "no daemon of this build runs for " + DaemonAddress.cwd());
		DaemonAddress.createFolder();
		Files.writeString(socket, "left by a killed daemon");
		try {
			assertNull(DaemonClient.forward(new String[] { "validate", CliProcess.examples().toString() },
					new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
		} finally {
			Files.deleteIfExists(socket);
		}
	}

	/** A socket folder that others can write into (made first by someone else in /tmp) is not used. */
	@Test
	void onlyAFolderOfTheUsersOwnIsTrusted() throws IOException {
		Path own = Files.createDirectory(tmp.resolve("own"));
		Files.setPosixFilePermissions(own, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
		assertTrue(DaemonAddress.trusted(own.resolve("x.sock")));
		Files.setPosixFilePermissions(own, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
		assertFalse(DaemonAddress.trusted(own.resolve("x.sock")));
		assertFalse(DaemonAddress.trusted(tmp.resolve("missing").resolve("x.sock")));
	}

	@Test
	void startStatusAndStopThroughTheJar() throws Exception {
		Path work = Files.createDirectories(tmp.resolve("work"));
		Path ex = CliProcess.examples();
		CliProcess.Result alone = CliProcess.run(work, "validate", ex.toString());
		List<Path> logsBefore = logs();
		try {
			CliProcess.Result start = CliProcess.run(work, "daemon", "start", "--idle-minutes", "5");
			assertEquals(0, start.exit(), start.err());
			assertTrue(start.out().contains("coco daemon started"), start.out());
			assertEquals(0, CliProcess.run(work, "daemon", "status").exit());
			CliProcess.Result viaDaemon = CliProcess.run(work, "validate", ex.toString());
			assertEquals(alone, viaDaemon);
			CliProcess.Result status = CliProcess.run(work, "daemon", "status");
			assertTrue(status.out().contains("1 command(s) served"), "the validate went to the daemon: " + status.out());
		} finally {
			CliProcess.Result stop = CliProcess.run(work, "daemon", "stop");
			assertEquals(0, stop.exit(), stop.err());
		}
		assertEquals(1, CliProcess.run(work, "daemon", "status").exit(), "stopped");
		List<Path> left = new java.util.ArrayList<>(logs());
		left.removeAll(logsBefore);
		assertEquals(List.of(), left, "a daemon that had nothing to say leaves no log behind");
		assertEquals(alone, CliProcess.run(work, "validate", ex.toString()), "and the command runs alone again");
	}

	/** The daemons' logs in the folder the jar's daemon uses too (same user, same environment). */
	private static List<Path> logs() throws IOException {
		Path folder = DaemonAddress.folder();
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
		}
	}

	/** The explorer's summary gives its time and rate: the only part of an answer that may differ. */
	private static Answer untimed(Answer a) {
		return new Answer(a.exit(), a.out().replaceAll(", [0-9.]+ s, [0-9]+ states/s", ", T"), a.err());
	}

	private static Answer direct(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		PrintWriter o = new PrintWriter(out);
		PrintWriter e = new PrintWriter(err);
		int exit = CocoCli.run(args, o, e);
		o.flush();
		e.flush();
		return new Answer(exit, out.toString(), err.toString());
	}

	private static Answer viaDaemon(Path socket, Path cwd, String... args) throws IOException {
		return ask(socket, new DaemonProtocol.Request(DaemonProtocol.RUN, cwd.toString(), List.of(args)));
	}

	private static Answer ask(Path socket, DaemonProtocol.Request request) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Integer exit = DaemonClient.ask(socket, request, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertNotNull(exit, "served");
		return new Answer(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static void waitFor(Path socket) throws InterruptedException {
		for (int i = 0; i < 300 && !Files.exists(socket); i++) {
			Thread.sleep(100);
		}
		assertTrue(Files.exists(socket), "the daemon listens");
	}

	private static List<String> tree(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).sorted().map(p -> {
				try {
					return dir.relativize(p) + "\n" + Files.readString(p);
				} catch (IOException e) {
					throw new RuntimeException(e);
				}
			}).toList();
		}
	}
}

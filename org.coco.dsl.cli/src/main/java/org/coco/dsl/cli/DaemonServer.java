package org.coco.dsl.cli;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * `coco daemon`: one JVM that stays up and runs the batch commands of one working directory, one after
 * the other, for the clients that find its socket (CocoCli.main). A command then runs on code the JIT has
 * already compiled and an injector already made; every command still parses, links and validates its
 * files afresh (nothing of a model is kept between commands), so it answers exactly as a new process does.
 * It stops when asked, after an idle time, when its socket is removed, or when coco is rebuilt.
 */
final class DaemonServer {
	private final Path socket;
	/** Where its output goes (null: nowhere of its own, as in tests); removed on the way out if nothing was written. */
	private final Path log;
	private final Path cwd;
	private final Duration idle;
	private final Instant started = Instant.now();
	private volatile Instant lastUsed = Instant.now();
	private volatile boolean stopping;
	private int served;

	DaemonServer(Path socket, Path log, Path cwd, Duration idle) {
		this.socket = socket;
		this.log = log;
		this.cwd = cwd;
		this.idle = idle;
	}

	/** Serves until stopped; the socket file is removed on the way out, and so is an empty log. */
	void serve() throws IOException {
		Files.deleteIfExists(socket); // a socket left by a daemon that was killed
		ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "coco-daemon-idle");
			t.setDaemon(true);
			return t;
		});
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(socket));
			watchdog.scheduleWithFixedDelay(() -> {
				boolean idleTooLong = Duration.between(lastUsed, Instant.now()).compareTo(idle) > 0;
				// a rebuilt coco has another address in the same folder: its commands will not come here any more
				// (a daemon on a socket elsewhere, as in DaemonTest, is not at an address that could change)
				Path address = DaemonAddress.socket(cwd);
				boolean rebuilt = !socket.equals(address) && socket.getParent().equals(address.getParent());
				if (idleTooLong || rebuilt || !Files.exists(socket)) {
					stop(server);
				}
			}, 1, 1, TimeUnit.SECONDS);
			while (!stopping) {
				try (SocketChannel client = server.accept()) {
					handle(client, server);
				} catch (IOException e) {
					if (!stopping) {
						System.err.println("coco daemon: " + e.getMessage());
					}
				}
				lastUsed = Instant.now();
			}
		} finally {
			watchdog.shutdownNow();
			Files.deleteIfExists(socket);
			// one log per directory and build would pile up; one that says something stays to be read
			if (log != null && Files.isRegularFile(log) && Files.size(log) == 0) {
				Files.deleteIfExists(log);
			}
		}
	}

	private void stop(ServerSocketChannel server) {
		stopping = true;
		try {
			server.close(); // ends a waiting accept()
		} catch (IOException e) {
			// closing anyway
		}
	}

	private void handle(SocketChannel client, ServerSocketChannel server) throws IOException {
		DataInputStream in = new DataInputStream(Channels.newInputStream(client));
		DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client), 1 << 16));
		DaemonProtocol.Request request = DaemonProtocol.readRequest(in);
		if (!cwd.toString().equals(request.cwd())) {
			out.writeByte(DaemonProtocol.MISMATCH);
			out.flush();
			return;
		}
		switch (request.kind()) {
		case DaemonProtocol.STATUS -> text(out, status());
		case DaemonProtocol.STOP -> {
			text(out, "coco daemon stopped (pid " + ProcessHandle.current().pid() + ")");
			stop(server);
		}
		case DaemonProtocol.RUN -> run(request, out);
		default -> throw new IOException("unknown request");
		}
	}

	private void run(DaemonProtocol.Request request, DataOutputStream socketOut) throws IOException {
		PrintWriter out = new PrintWriter(new OutputStreamWriter(new DaemonProtocol.FrameStream(socketOut, DaemonProtocol.OUT),
				StandardCharsets.UTF_8), false);
		PrintWriter err = new PrintWriter(new OutputStreamWriter(new DaemonProtocol.FrameStream(socketOut, DaemonProtocol.ERR),
				StandardCharsets.UTF_8), false);
		int exit;
		try {
			exit = CocoCli.run(request.args().toArray(String[]::new), out, err);
		} catch (OutOfMemoryError e) {
			err.println(CocoCli.outOfMemory());
			exit = CocoCli.INTERNAL;
			stopping = true; // a fresh JVM for the next command
		}
		out.flush();
		err.flush();
		served++;
		synchronized (socketOut) {
			DaemonProtocol.writeExit(socketOut, exit);
		}
	}

	private String status() {
		Duration up = Duration.between(started, Instant.now());
		Runtime rt = Runtime.getRuntime();
		return String.format("coco daemon running (pid %d) for %s: up %d min, %d command(s) served, heap %d of %d MB, stops after %d min idle",
				ProcessHandle.current().pid(), cwd, up.toMinutes(), served, (rt.totalMemory() - rt.freeMemory()) >> 20,
				rt.maxMemory() >> 20, idle.toMinutes());
	}

	private static void text(DataOutputStream out, String text) throws IOException {
		byte[] b = text.getBytes(StandardCharsets.UTF_8);
		DaemonProtocol.writeFrame(out, DaemonProtocol.TEXT, b, 0, b.length);
		DaemonProtocol.writeExit(out, CocoCli.OK);
	}
}

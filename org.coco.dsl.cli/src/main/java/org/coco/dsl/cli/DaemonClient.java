package org.coco.dsl.cli;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Sends a command to the daemon of this directory and build, if one is listening. */
final class DaemonClient {
	private DaemonClient() {
	}

	/**
	 * Runs the command in the daemon; null when there is none for this directory (or it would not serve
	 * it), and the caller runs the command itself. COCO_DAEMON=off never asks one.
	 */
	static Integer forward(String[] args, PrintStream out, PrintStream err) {
		if ("off".equals(System.getenv("COCO_DAEMON"))) {
			return null;
		}
		Path cwd = DaemonAddress.cwd();
		Path socket = DaemonAddress.trustedSocket(cwd);
		if (socket == null) {
			return null;
		}
		try {
			return ask(socket, new DaemonProtocol.Request(DaemonProtocol.RUN, cwd.toString(), List.of(args)), out, err);
		} catch (IOException e) {
			return null; // no daemon behind the socket (killed): the command runs here
		}
	}

	/**
	 * Sends one request and copies the answer to out and err; the exit code, or null if the daemon does not
	 * serve this directory. An answer cut short (the daemon died) is an internal error, not a silent retry:
	 * part of the output may already be written.
	 */
	static Integer ask(Path socket, DaemonProtocol.Request request, PrintStream out, PrintStream err) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			DataOutputStream send = new DataOutputStream(Channels.newOutputStream(channel));
			DaemonProtocol.writeRequest(send, request);
			DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
			boolean answered = false;
			try {
				while (true) {
					byte type = in.readByte();
					answered = true;
					switch (type) {
					case DaemonProtocol.MISMATCH:
						return null;
					case DaemonProtocol.EXIT:
						out.flush();
						err.flush();
						return in.readInt();
					case DaemonProtocol.OUT, DaemonProtocol.ERR, DaemonProtocol.TEXT:
						copy(in, type == DaemonProtocol.ERR ? err : out);
						break;
					default:
						throw new IOException("unexpected answer " + type);
					}
				}
			} catch (EOFException e) {
				if (!answered) {
					throw e; // nothing written yet: the caller may still run the command itself
				}
				err.println("coco: the daemon stopped during the command (see `coco daemon status`): run it again");
				return CocoCli.INTERNAL;
			}
		}
	}

	private static void copy(DataInputStream in, OutputStream to) throws IOException {
		int n = in.readInt();
		if (n < 0) {
			throw new IOException("bad frame");
		}
		byte[] b = in.readNBytes(n);
		if (b.length < n) {
			throw new EOFException();
		}
		to.write(b);
	}

	/** For status and stop: the daemon's answer text, or null if none listens. */
	static String tell(byte kind) {
		Path cwd = DaemonAddress.cwd();
		Path socket = DaemonAddress.trustedSocket(cwd);
		if (socket == null) {
			return null;
		}
		var text = new java.io.ByteArrayOutputStream();
		try (PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8)) {
			Integer exit = ask(socket, new DaemonProtocol.Request(kind, cwd.toString(), List.of()), ps, ps);
			return exit == null ? null : text.toString(StandardCharsets.UTF_8);
		} catch (IOException e) {
			return null;
		}
	}
}

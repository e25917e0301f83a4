package org.coco.dsl.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the client and the daemon say to each other over the socket. The client sends one request: a
 * magic number, its kind, its working directory and the command line. The daemon answers with frames: a
 * type byte, a length and the bytes (standard output, standard error, a status text), and ends with the
 * exit code, or with MISMATCH when it does not serve that directory (the client then runs the command
 * itself).
 */
final class DaemonProtocol {
	static final int MAGIC = 0xC0C0_0001;

	/** Request kinds. */
	static final byte RUN = 1, STATUS = 2, STOP = 3;

	/** Answer frames. */
	static final byte OUT = 1, ERR = 2, TEXT = 3, EXIT = 4, MISMATCH = 5;

	/** No string of a request is longer (a command line is far shorter). */
	private static final int MAX_STRING = 1 << 20;

	private DaemonProtocol() {
	}

	record Request(byte kind, String cwd, List<String> args) {
	}

	static void writeRequest(DataOutputStream out, Request r) throws IOException {
		out.writeInt(MAGIC);
		out.writeByte(r.kind());
		writeString(out, r.cwd());
		out.writeInt(r.args().size());
		for (String a : r.args()) {
			writeString(out, a);
		}
		out.flush();
	}

	static Request readRequest(DataInputStream in) throws IOException {
		if (in.readInt() != MAGIC) {
			throw new IOException("not a coco client");
		}
		byte kind = in.readByte();
		String cwd = readString(in);
		int n = in.readInt();
		if (n < 0 || n > 10_000) {
			throw new IOException("bad request");
		}
		List<String> args = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			args.add(readString(in));
		}
		return new Request(kind, cwd, args);
	}

	static void writeFrame(DataOutputStream out, byte type, byte[] bytes, int off, int len) throws IOException {
		out.writeByte(type);
		out.writeInt(len);
		out.write(bytes, off, len);
	}

	static void writeExit(DataOutputStream out, int code) throws IOException {
		out.writeByte(EXIT);
		out.writeInt(code);
		out.flush();
	}

	private static void writeString(DataOutputStream out, String s) throws IOException {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		out.writeInt(b.length);
		out.write(b);
	}

	private static String readString(DataInputStream in) throws IOException {
		int n = in.readInt();
		if (n < 0 || n > MAX_STRING) {
			throw new IOException("bad request");
		}
		return new String(in.readNBytes(n), StandardCharsets.UTF_8);
	}

	/** An output stream that sends what is written as frames of one type (thread-safe: out and err share a socket). */
	static final class FrameStream extends OutputStream {
		private final DataOutputStream socket;
		private final byte type;

		FrameStream(DataOutputStream socket, byte type) {
			this.socket = socket;
			this.type = type;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return;
			}
			synchronized (socket) {
				writeFrame(socket, type, b, off, len);
			}
		}

		@Override
		public void flush() throws IOException {
			synchronized (socket) {
				socket.flush();
			}
		}
	}
}

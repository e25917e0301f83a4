package org.coco.dsl.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;

import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.ide.server.LaunchArgs;
import org.eclipse.xtext.ide.server.ServerLauncher;
import org.eclipse.xtext.ide.server.ServerModule;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * Starts the coco language server (Xtext's LSP implementation with coco's services) on stdio, or on
 * a TCP port bound to the loopback address only: the server has no authentication, so it must
 * never listen on an interface other machines can reach.
 */
public final class CocoLanguageServer {

	private CocoLanguageServer() {
	}

	/** {@code [--socket PORT] [--trace]} */
	public static void main(String[] args) throws Exception {
		Integer port = null;
		boolean trace = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
			case "--socket" -> port = Integer.parseInt(args[++i]);
			case "--trace" -> trace = true;
			default -> {
				System.err.println("usage: CocoLanguageServer [--socket PORT] [--trace]");
				System.exit(2);
			}
			}
		}
		if (port == null) {
			runStdio(System.in, System.out, trace);
		} else {
			runSocket(port, trace, p -> System.err.println("coco language server listening on 127.0.0.1:" + p));
		}
	}

	/**
	 * Serves one client on the given streams until it exits. Anything else written to System.out
	 * would corrupt the protocol, so standard output is redirected to standard error meanwhile.
	 */
	public static void runStdio(InputStream in, OutputStream out, boolean trace)
			throws InterruptedException, ExecutionException {
		var savedOut = System.out;
		System.setOut(System.err);
		try {
			serve(in, out, trace);
		} finally {
			System.setOut(savedOut);
		}
	}

	/** Listens on 127.0.0.1:port (0 picks a free port) and serves clients one after another. */
	public static void runSocket(int port, boolean trace, java.util.function.IntConsumer onListening)
			throws IOException, InterruptedException, ExecutionException {
		try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			onListening.accept(server.getLocalPort());
			while (!server.isClosed()) {
				try (Socket client = server.accept()) {
					serve(client.getInputStream(), client.getOutputStream(), trace);
				}
			}
		}
	}

	private static void serve(InputStream in, OutputStream out, boolean trace)
			throws InterruptedException, ExecutionException {
		LaunchArgs args = new LaunchArgs();
		args.setIn(in);
		args.setOut(out);
		args.setValidate(true);
		if (trace) {
			args.setTrace(new PrintWriter(System.err, true));
		}
		// ServerModule finds the coco language through META-INF/services/org.eclipse.xtext.ISetup.
		Guice.createInjector(module()).getInstance(ServerLauncher.class).start(args);
	}

	/**
	 * Xtext's server with coco's builder (partial parsing of edited files), indexer (ReusingIndexer), and a
	 * warm-up of the edit path after start (WarmingLanguageServer).
	 */
	public static Module module() {
		return Modules.override(new ServerModule()).with(binder -> {
			binder.bind(IncrementalBuilder.InternalStatefulIncrementalBuilder.class).to(PartialReparsingBuilder.class);
			binder.bind(org.eclipse.xtext.build.Indexer.class).to(ReusingIndexer.class);
			binder.bind(org.eclipse.xtext.ide.server.LanguageServerImpl.class).to(WarmingLanguageServer.class);
		});
	}
}

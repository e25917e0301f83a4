package org.coco.dsl.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
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

	/**
	 * Xtext's ServerLauncher.start, but the messages the server receives are validated against the protocol
	 * and those it sends are not: LSP4J's reflective validator walked every diagnostic of every publication,
	 * and compiling it took the C2 thread 0.9 s of a 2-core machine during the user's first edit of a
	 * 10k-line file (JFR), for messages the server itself makes.
	 */
	private static void serve(InputStream in, OutputStream out, boolean trace)
			throws InterruptedException, ExecutionException {
		// ServerModule finds the coco language through META-INF/services/org.eclipse.xtext.ISetup.
		LanguageServerImpl server = Guice.createInjector(module()).getInstance(LanguageServerImpl.class);
		System.out.println("Xtext Language Server is starting.");
		Launcher<LanguageClient> launcher = new IncomingValidated<LanguageClient>().setLocalService(server)
				.setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out).validateMessages(true)
				.traceMessages(trace ? new PrintWriter(System.err, true) : null).create();
		server.connect(launcher.getRemoteProxy());
		Future<Void> listening = launcher.startListening();
		System.out.println("Xtext Language Server has been started.");
		try {
			listening.get();
		} catch (ExecutionException | java.util.concurrent.CancellationException e) {
			// the client went away: as ServerLauncher, which only waits for the end
		}
	}

	/** LSP4J's launcher that validates only the messages coming in (see serve). */
	private static final class IncomingValidated<T> extends Launcher.Builder<T> {
		@Override
		protected MessageConsumer wrapMessageConsumer(MessageConsumer consumer) {
			boolean validate = validateMessages;
			validateMessages = validate && consumer instanceof RemoteEndpoint;
			try {
				return super.wrapMessageConsumer(consumer);
			} finally {
				validateMessages = validate;
			}
		}
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

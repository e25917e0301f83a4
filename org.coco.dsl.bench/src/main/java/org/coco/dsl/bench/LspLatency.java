package org.coco.dsl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Time from an edit to its diagnostics in the real language server (`coco lsp` in its own process,
 * an LSP4J client on its stdio, as in the CLI's LanguageServerTest): opens a synthetic file, then
 * alternately breaks and repairs one device reference and waits for each publishDiagnostics.
 */
final class LspLatency {

	record Result(long openMillis, long medianMillis, long maxMillis, int edits) {
	}

	static Result measure(List<String> command, Path dir, int lines, int edits) throws Exception {
		Path file = dir.resolve("lsp-" + lines + ".coco");
		SyntheticModel.ofLines(lines).writeCoco(file);
		String text = Files.readString(file);
		String uri = file.toUri().toString();
		// The first scenario's first map names a device; the edit swaps it for an unknown one and back.
		String good = " -> d0 to-device";
		int at = text.indexOf(good);
		if (at < 0) {
			throw new IllegalStateException("no map step to edit in the synthetic model");
		}
		String broken = text.substring(0, at) + " -> nosuchdevice to-device" + text.substring(at + good.length());

		BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try {
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

			long t0 = System.nanoTime();
			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "coco", 1, text)));
			awaitDiagnostics(published, false);
			long open = (System.nanoTime() - t0) / 1_000_000;

			List<Long> times = new ArrayList<>();
			for (int i = 0; i < edits; i++) {
				boolean breakIt = i % 2 == 0;
				long start = System.nanoTime();
				server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
						new VersionedTextDocumentIdentifier(uri, i + 2),
						List.of(new TextDocumentContentChangeEvent(breakIt ? broken : text))));
				awaitDiagnostics(published, breakIt);
				times.add((System.nanoTime() - start) / 1_000_000);
			}
			server.shutdown().get(30, TimeUnit.SECONDS);
			server.exit();
			Collections.sort(times);
			return new Result(open, times.get(times.size() / 2), times.get(times.size() - 1), edits);
		} finally {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	/** Waits for the diagnostics that reflect the edit: with an error if it broke the file, without if it repaired it. */
	private static void awaitDiagnostics(BlockingQueue<PublishDiagnosticsParams> q, boolean expectError)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
		while (System.nanoTime() < deadline) {
			PublishDiagnosticsParams p = q.poll(1, TimeUnit.SECONDS);
			if (p != null && p.getDiagnostics().stream()
					.anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error) == expectError) {
				return;
			}
		}
		throw new IllegalStateException("the language server published no diagnostics in 300 s");
	}

	static void cleanup(Path dir) throws IOException {
		Files.deleteIfExists(dir);
	}
}

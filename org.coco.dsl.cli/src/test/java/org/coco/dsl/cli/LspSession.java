package org.coco.dsl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * `coco lsp` in its own process with a real LSP4J client on its stdio, initialized on one
 * workspace folder: what an editor does, shared by the language-server tests.
 */
final class LspSession implements AutoCloseable {
	final Process process;
	final LanguageServer server;
	final InitializeResult init;

	private LspSession(Process process, LanguageServer server, InitializeResult init) {
		this.process = process;
		this.server = server;
		this.init = init;
	}

	static LspSession start(Path workspace, ClientCapabilities capabilities,
			Consumer<PublishDiagnosticsParams> diagnostics) throws Exception {
		Process process = new ProcessBuilder(System.getProperty("coco.java", "java"), "-jar",
				Path.of(System.getProperty("coco.jar", "target/coco.jar")).toAbsolutePath().toString(), "lsp")
				.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		LanguageClient client = new LanguageClient() {
			@Override
			public void publishDiagnostics(PublishDiagnosticsParams params) {
				diagnostics.accept(params);
			}

			@Override
			public void telemetryEvent(Object object) {
			}

			@Override
			public void showMessage(MessageParams messageParams) {
			}

			@Override
			public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
				return CompletableFuture.completedFuture(null);
			}

			@Override
			public void logMessage(MessageParams message) {
			}
		};
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
				process.getOutputStream());
		launcher.startListening();
		LanguageServer server = launcher.getRemoteProxy();
		InitializeParams params = new InitializeParams();
		params.setProcessId((int) ProcessHandle.current().pid());
		params.setCapabilities(capabilities);
		params.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
		InitializeResult init = server.initialize(params).get(60, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		return new LspSession(process, server, init);
	}

	@Override
	public void close() throws Exception {
		try {
			server.shutdown().get(20, TimeUnit.SECONDS);
			server.exit();
		} finally {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}
}

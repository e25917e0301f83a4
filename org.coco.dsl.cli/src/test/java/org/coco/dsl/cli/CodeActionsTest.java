package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quick fixes over LSP: `coco lsp` in its own process publishes a warning for the deprecated heap name
 * with its issue data, and answers a code action request for it with the rename edit.
 */
class CodeActionsTest {

	static final String TEXT = """
			platform P {
			    technology tdx
			    profile ccs71
			    heap system_cc_decrypted
			}
			""";

	static Path workspace;
	static LspSession lsp;
	static LanguageServer server;
	static final CompletableFuture<PublishDiagnosticsParams> published = new CompletableFuture<>();

	static String uri() {
		return workspace.resolve("deprecated.coco").toUri().toString();
	}

	@BeforeAll
	static void start() throws Exception {
		workspace = Files.createTempDirectory("coco-actions");
		Files.writeString(workspace.resolve("deprecated.coco"), TEXT);
		WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
		ws.setWorkspaceFolders(true);
		lsp = LspSession.start(workspace, new ClientCapabilities(ws, new TextDocumentClientCapabilities(), null), params -> {
			if (params.getUri().equals(uri()) && !params.getDiagnostics().isEmpty()) {
				published.complete(params);
			}
		});
		server = lsp.server;
	}

	@AfterAll
	static void stop() throws Exception {
		if (lsp != null) {
			lsp.close();
		}
	}

	@Test
	void deprecatedHeapNameHasARenameCodeAction() throws Exception {
		org.eclipse.lsp4j.Diagnostic warning = published.get(60, TimeUnit.SECONDS).getDiagnostics().stream()
				.filter(d -> d.getCode() != null && "coco.deprecated-heap-name".equals(d.getCode().getLeft())).findFirst()
				.orElseThrow(() -> new AssertionError("no coco.deprecated-heap-name diagnostic"));
		assertEquals(DiagnosticSeverity.Warning, warning.getSeverity());
		assertEquals(3, warning.getRange().getStart().getLine());

		CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri()), warning.getRange(),
				new CodeActionContext(List.of(warning)));
		List<Either<Command, CodeAction>> actions = server.getTextDocumentService().codeAction(params).get(30, TimeUnit.SECONDS);
		CodeAction rename = actions.stream().filter(Either::isRight).map(Either::getRight)
				.filter(a -> a.getTitle().equals("Rename system_cc_decrypted to system_cc_shared")).findFirst()
				.orElseThrow(() -> new AssertionError("no rename action in " + actions));
		assertEquals(CodeActionKind.QuickFix, rename.getKind());
		WorkspaceEdit edit = rename.getEdit();
		assertNotNull(edit);
		List<TextEdit> edits = edit.getChanges() != null ? edit.getChanges().get(uri())
				: edit.getDocumentChanges().stream().filter(Either::isLeft).flatMap(e -> e.getLeft().getEdits().stream())
						.map(e -> e.isLeft() ? e.getLeft() : new TextEdit(e.getRight().getRange(), e.getRight().getSnippet().getValue()))
						.toList();
		assertNotNull(edits, edit.toString());
		assertEquals(1, edits.size(), edits.toString());
		assertEquals("system_cc_shared", edits.get(0).getNewText());
		assertEquals(warning.getRange(), edits.get(0).getRange());
		assertTrue(TEXT.split("\n")[3].startsWith("    heap "));
	}
}

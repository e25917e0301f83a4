package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The language server as an editor sees it: `coco lsp` in its own process, a real LSP4J client on its stdio. */
class LanguageServerTest {

	static final String FIXTURE = """
			platform Lab {
			    technology cca-realm
			    ipa-bits 48
			    pool swiotlb default size 64M at 0x8000_0000
			    device gpu : pci {
			        dma-mask 64
			        coherent
			    }
			    device legacy : pci {
			        dma-mask 32
			    }
			}
			scenario "legacy bounces" on Lab {
			    buf = alloc pages 8K
			    m = map buf -> legacy to-device
			    unmap m
			}
			scenario "gpu bounces" on Lab {
			    b = alloc pages 4K
			    g = map b -> gpu to-device expect bounce via default
			    h = map b -> gpu to-device expect direct
			}
			""";

	static Path workspace;
	static LspSession lsp;
	static LanguageServer server;
	static InitializeResult init;
	static final Map<String, CompletableFuture<PublishDiagnosticsParams>> diagnostics = new ConcurrentHashMap<>();
	static final Map<String, List<PublishDiagnosticsParams>> published = new ConcurrentHashMap<>();

	static final String INC_PLATFORM = "platform IncP {\n    technology tdx\n    device nic : pci {\n        dma-mask 64\n    }\n}\n";
	static final String INC_SCENARIO = "scenario \"uses nic\" on IncP {\n    buf = alloc pages 4K\n    m = map buf -> nic to-device\n}\n";
	static final String INC_OTHER = "platform Other {\n    technology non-cc\n}\n";

	/** Waits until uri has been published more than `after` times; returns the latest. */
	static PublishDiagnosticsParams publishedAfter(String uri, int after) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 60_000;
		while (System.currentTimeMillis() < deadline) {
			List<PublishDiagnosticsParams> list = published.getOrDefault(uri, List.of());
			if (list.size() > after) {
				return list.get(list.size() - 1);
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no new diagnostics for " + uri);
	}

	static int publishCount(String uri) {
		return published.getOrDefault(uri, List.of()).size();
	}

	static CompletableFuture<PublishDiagnosticsParams> diagnosticsFor(String uri) {
		return diagnostics.computeIfAbsent(uri, u -> new CompletableFuture<>());
	}

	@BeforeAll
	static void start() throws Exception {
		workspace = Files.createTempDirectory("coco-lsp");
		try (Stream<Path> files = Files.walk(CliProcess.examples())) {
			for (Path f : files.filter(p -> p.toString().endsWith(".coco")).toList()) {
				Path target = workspace.resolve("examples").resolve(CliProcess.examples().relativize(f).toString());
				Files.createDirectories(target.getParent());
				Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Files.writeString(workspace.resolve("fixture.coco"), FIXTURE);
		Files.createDirectories(workspace.resolve("inc"));
		Files.writeString(workspace.resolve("inc/platform.coco"), INC_PLATFORM);
		Files.writeString(workspace.resolve("inc/scenario.coco"), INC_SCENARIO);
		Files.writeString(workspace.resolve("inc/other.coco"), INC_OTHER);
		TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
		text.setSemanticTokens(new SemanticTokensCapabilities(new SemanticTokensClientCapabilitiesRequests(true),
				List.of("class", "variable", "property", "parameter", "keyword", "number", "string"),
				List.of("declaration"), List.of(TokenFormat.Relative)));
		DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
		symbols.setHierarchicalDocumentSymbolSupport(true);
		text.setDocumentSymbol(symbols);
		WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
		ws.setWorkspaceFolders(true);
		ws.setExecuteCommand(new ExecuteCommandCapabilities(false));
		lsp = LspSession.start(workspace, new ClientCapabilities(ws, text, null), params -> {
			published.computeIfAbsent(params.getUri(), u -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(params);
			// keep the latest; a test waits for the first
			diagnostics.compute(params.getUri(), (u, f) -> {
				if (f == null || f.isDone()) {
					return CompletableFuture.completedFuture(params);
				}
				f.complete(params);
				return f;
			});
		});
		server = lsp.server;
		init = lsp.init;
	}

	@AfterAll
	static void stop() throws Exception {
		if (lsp != null) {
			lsp.close();
		}
	}

	static String uri(String relative) {
		return workspace.resolve(relative).toUri().toString();
	}

	static Position at(String text, String needle) {
		int offset = text.indexOf(needle);
		assertTrue(offset >= 0, needle);
		String before = text.substring(0, offset);
		int line = (int) before.chars().filter(c -> c == '\n').count();
		return new Position(line, offset - (before.lastIndexOf('\n') + 1));
	}

	static TextDocumentIdentifier fixture() {
		return new TextDocumentIdentifier(uri("fixture.coco"));
	}

	@Test
	void announcesItsCapabilities() {
		ServerCapabilities c = init.getCapabilities();
		assertNotNull(c.getCompletionProvider());
		assertNotNull(c.getHoverProvider());
		assertNotNull(c.getDefinitionProvider());
		assertNotNull(c.getReferencesProvider());
		assertNotNull(c.getDocumentSymbolProvider());
		assertNotNull(c.getDocumentFormattingProvider());
		assertNotNull(c.getRenameProvider());
		assertNotNull(c.getCodeActionProvider());
		assertNotNull(c.getSemanticTokensProvider());
	}

	@Test
	void examplesHaveNoErrorDiagnostics() throws Exception {
		try (Stream<Path> files = Files.walk(workspace.resolve("examples"))) {
			for (Path f : files.filter(p -> p.toString().endsWith(".coco")).toList()) {
				PublishDiagnosticsParams d = diagnosticsFor(f.toUri().toString()).get(60, TimeUnit.SECONDS);
				assertTrue(d.getDiagnostics().stream().noneMatch(x -> x.getSeverity() == DiagnosticSeverity.Error),
						() -> f + ": " + d.getDiagnostics());
			}
		}
	}

	@Test
	void reportsSyntaxErrorsOnOpen() throws Exception {
		String uri = uri("broken.coco");
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
				new TextDocumentItem(uri, "coco", 1, "platform P {\n  technology tdx\n  device d : pci { dma-mask }\n}\n")));
		PublishDiagnosticsParams d = diagnosticsFor(uri).get(60, TimeUnit.SECONDS);
		assertFalse(d.getDiagnostics().isEmpty());
		assertEquals(2, d.getDiagnostics().get(0).getRange().getStart().getLine());
		assertEquals(DiagnosticSeverity.Error, d.getDiagnostics().get(0).getSeverity());
	}

	@Test
	void completesDeviceNamesInAMapStep() throws Exception {
		var result = server.getTextDocumentService()
				.completion(new CompletionParams(fixture(), at(FIXTURE, "legacy to-device"))).get(30, TimeUnit.SECONDS);
		List<String> labels = result.isLeft() ? result.getLeft().stream().map(CompletionItem::getLabel).toList()
				: result.getRight().getItems().stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.contains("gpu") && labels.contains("legacy"), labels.toString());
	}

	@Test
	void hoverShowsTheReferencedDevice() throws Exception {
		Hover hover = server.getTextDocumentService()
				.hover(new HoverParams(fixture(), at(FIXTURE, "legacy to-device"))).get(30, TimeUnit.SECONDS);
		assertNotNull(hover);
		String text = hover.getContents().isRight() ? hover.getContents().getRight().getValue()
				: hover.getContents().getLeft().toString();
		assertTrue(text.contains("device legacy : pci") && text.contains("dma-mask 32"), text);
	}

	@Test
	void goesToTheDeviceDefinition() throws Exception {
		var result = server.getTextDocumentService()
				.definition(new DefinitionParams(fixture(), at(FIXTURE, "legacy to-device"))).get(30, TimeUnit.SECONDS);
		List<? extends Location> locations = result.getLeft();
		assertEquals(1, locations.size());
		assertEquals(at(FIXTURE, "legacy : pci").getLine(), locations.get(0).getRange().getStart().getLine());
	}

	@Test
	void findsReferencesOfADevice() throws Exception {
		ReferenceParams params = new ReferenceParams(fixture(), at(FIXTURE, "legacy : pci"), new ReferenceContext(false));
		List<? extends Location> refs = server.getTextDocumentService().references(params).get(30, TimeUnit.SECONDS);
		assertEquals(1, refs.size(), refs.toString());
		assertEquals(at(FIXTURE, "legacy to-device").getLine(), refs.get(0).getRange().getStart().getLine());
	}

	@Test
	void listsDocumentSymbols() throws Exception {
		var symbols = server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(fixture()))
				.get(30, TimeUnit.SECONDS);
		String all = symbols.toString();
		assertTrue(all.contains("Lab") && all.contains("gpu") && all.contains("legacy"), all);
	}

	@Test
	void renamesADeviceEverywhere() throws Exception {
		RenameParams params = new RenameParams(fixture(), at(FIXTURE, "legacy : pci"), "oldnic");
		WorkspaceEdit edit = server.getTextDocumentService().rename(params).get(30, TimeUnit.SECONDS);
		List<TextEdit> edits = edit.getChanges() != null ? edit.getChanges().get(uri("fixture.coco"))
				: edit.getDocumentChanges().stream().filter(Either::isLeft).flatMap(e -> e.getLeft().getEdits().stream()).map(e -> e.isLeft() ? e.getLeft() : new TextEdit(e.getRight().getRange(), e.getRight().getSnippet().getValue())).toList();
		assertNotNull(edits, edit.toString());
		assertEquals(2, edits.size(), edits.toString());
		assertTrue(edits.stream().allMatch(e -> e.getNewText().equals("oldnic")));
	}

	@Test
	void classifiesNamesWithSemanticTokens() throws Exception {
		SemanticTokens tokens = server.getTextDocumentService()
				.semanticTokensFull(new SemanticTokensParams(fixture())).get(30, TimeUnit.SECONDS);
		// 5 integers a token: the platform, two devices, two buffers and their references at least
		assertTrue(tokens.getData().size() >= 5 * 8, tokens.getData().toString());
		List<String> legend = init.getCapabilities().getSemanticTokensProvider().getLegend().getTokenTypes();
		assertTrue(legend.contains("variable") && legend.contains("class"), legend.toString());
	}

	@Test
	@SuppressWarnings("unchecked")
	void runsTheScenariosOfAFileAsACommand() throws Exception {
		assertTrue(init.getCapabilities().getExecuteCommandProvider().getCommands().contains("coco.runScenarios"));
		Object result = server.getWorkspaceService()
				.executeCommand(new ExecuteCommandParams("coco.runScenarios", List.of(uri("fixture.coco"))))
				.get(60, TimeUnit.SECONDS);
		String json = new com.google.gson.Gson().toJson(result);
		var data = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
		var scenarios = data.getAsJsonArray("scenarios");
		assertEquals(2, scenarios.size(), json);
		var gpu = scenarios.get(1).getAsJsonObject();
		assertEquals("gpu bounces", gpu.get("scenario").getAsString());
		// §1.1/§4.2: a realm forces swiotlb, so the first map bounces and the "expect direct" fails
		assertFalse(gpu.get("passed").getAsBoolean(), json);
		var steps = gpu.getAsJsonArray("steps");
		assertTrue(steps.get(1).getAsJsonObject().get("outcome").getAsString().toUpperCase().contains("BOUNCE"), json);
		assertEquals(0, steps.get(1).getAsJsonObject().getAsJsonArray("failures").size(), json);
		var failures = steps.get(2).getAsJsonObject().getAsJsonArray("failures");
		assertEquals(1, failures.size(), json);
		assertTrue(failures.get(0).getAsString().startsWith("line " + (at(FIXTURE, "h = map").getLine() + 1)), json);
	}

	@Test
	void diffAndExploreAreCommandsToo() throws Exception {
		var commands = init.getCapabilities().getExecuteCommandProvider().getCommands();
		assertTrue(commands.contains("coco.diff") && commands.contains("coco.explore"), commands.toString());
		Object diff = server.getWorkspaceService()
				.executeCommand(new ExecuteCommandParams("coco.diff", List.of(uri("fixture.coco"), "base", "series-v7")))
				.get(60, TimeUnit.SECONDS);
		String dj = new com.google.gson.Gson().toJson(diff);
		var d = com.google.gson.JsonParser.parseString(dj).getAsJsonObject();
		assertEquals(2, d.getAsJsonArray("scenarios").size(), dj);
		assertTrue(d.get("text").getAsString().length() > 0, dj);
		Object explore = server.getWorkspaceService()
				.executeCommand(new ExecuteCommandParams("coco.explore", List.of(uri("fixture.coco"), "Lab", "2", "20")))
				.get(60, TimeUnit.SECONDS);
		String ej = new com.google.gson.Gson().toJson(explore);
		var e = com.google.gson.JsonParser.parseString(ej).getAsJsonObject();
		assertEquals("Lab", e.get("platform").getAsString(), ej);
		assertTrue(e.get("explored").getAsLong() > 0, ej);
		assertTrue(e.get("complete").getAsBoolean(), ej);
		// §6.3: alloc pages, set_memory_decrypted, free is within depth 3 only, so not at depth 2
		assertTrue(e.getAsJsonArray("violations").asList().stream()
				.noneMatch(v -> v.getAsJsonObject().get("invariant").getAsString().startsWith("§6.3")), ej);
		Object bad = server.getWorkspaceService()
				.executeCommand(new ExecuteCommandParams("coco.explore", List.of(uri("fixture.coco"), "Nowhere", "2")))
				.get(60, TimeUnit.SECONDS);
		assertTrue(new com.google.gson.Gson().toJson(bad).contains("no platform Nowhere"));
	}

	@Test
	void revalidatesOnlyWhatDependsOnAChange() throws Exception {
		String platform = uri("inc/platform.coco"), scenario = uri("inc/scenario.coco"), other = uri("inc/other.coco");
		for (String u : List.of(platform, scenario, other)) {
			diagnosticsFor(u).get(60, TimeUnit.SECONDS);
		}
		var docs = server.getTextDocumentService();
		docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(other, "coco", 1, INC_OTHER)));
		docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(platform, "coco", 1, INC_PLATFORM)));
		Thread.sleep(1000);
		int platformBefore = publishCount(platform), scenarioBefore = publishCount(scenario), otherBefore = publishCount(other);

		// An edit to an unrelated platform: only that file is revalidated.
		docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(other, 2),
				List.of(new TextDocumentContentChangeEvent(INC_OTHER.replace("non-cc", "tdx")))));
		publishedAfter(other, otherBefore);
		Thread.sleep(1500);
		assertEquals(scenarioBefore, publishCount(scenario), "the scenario does not depend on Other");
		assertEquals(platformBefore, publishCount(platform));

		// Renaming the device the scenario uses: the dependent scenario file is revalidated and now fails to link.
		docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(platform, 2),
				List.of(new TextDocumentContentChangeEvent(INC_PLATFORM.replace("device nic", "device eth")))));
		PublishDiagnosticsParams d = publishedAfter(scenario, scenarioBefore);
		assertTrue(d.getDiagnostics().stream().anyMatch(x -> String.valueOf(x.getMessage().isLeft() ? x.getMessage().getLeft() : x.getMessage().getRight().getValue()).contains("nic")), d.toString());
	}

	static String message(org.eclipse.lsp4j.Diagnostic d) {
		return d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
	}

	@Test
	void rangeEditsThatBreakAndRepairAReferenceNextToASyntaxErrorLeaveNoStaleDiagnostics() throws Exception {
		StringBuilder text = new StringBuilder("platform Many {\n    technology tdx\n");
		for (int i = 0; i < 200; i++) {
			text.append("    device n").append(i).append(" : pci {\n        dma-mask 64\n    }\n");
		}
		text.append("}\nscenario \"uses many\" on Many {\n    b = alloc pages 4K\n");
		for (int i = 0; i < 200; i++) {
			text.append("    m").append(i).append(" = map b -> n").append(i).append(" to-device\n");
		}
		text.append("    unmap\n}\n"); // the syntax error: unmap without a mapping
		String doc = text.toString();
		String uri = uri("edits.coco");
		var docs = server.getTextDocumentService();
		docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "coco", 1, doc)));
		PublishDiagnosticsParams opened = publishedAfter(uri, 0);
		List<String> syntaxOnly = opened.getDiagnostics().stream().filter(d -> d.getSeverity() == DiagnosticSeverity.Error)
				.map(LanguageServerTest::message).toList();
		assertEquals(1, syntaxOnly.size(), syntaxOnly.toString());

		// break the first reference: a linking error besides the syntax error, and every other reference still resolves
		Position n0 = at(doc, "n0 to-device");
		Range name = new Range(n0, new Position(n0.getLine(), n0.getCharacter() + 2));
		int count = publishCount(uri);
		docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
				List.of(new TextDocumentContentChangeEvent(name, "nx"))));
		List<String> broken = awaitErrors(uri, count, errors -> errors.stream().anyMatch(e -> e.contains("'nx'")));
		assertEquals(2, broken.size(), broken.toString());
		assertTrue(broken.containsAll(syntaxOnly), broken.toString());

		// repair it: back to the syntax error alone
		count = publishCount(uri);
		docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 3),
				List.of(new TextDocumentContentChangeEvent(name, "n0"))));
		assertEquals(syntaxOnly, awaitErrors(uri, count, errors -> errors.stream().noneMatch(e -> e.contains("'nx'"))));
	}

	/**
	 * The server re-parses an edited file partially: after a burst of range edits (breaking a reference,
	 * a syntax error made and repaired, several changes in one message), its diagnostics are those of the
	 * same text parsed whole (the file closed and opened again with that text).
	 */
	@Test
	void aBurstOfRangeEditsEndsWithTheDiagnosticsOfTheWholeText() throws Exception {
		String uri = uri("burst.coco");
		String text = FIXTURE.replace("Lab", "Burst");
		var docs = server.getTextDocumentService();
		docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "coco", 1, text)));
		publishedAfter(uri, 0);
		int count = publishCount(uri);
		int version = 1;
		// each change is computed on the text left by the ones before it, as an editor sends them
		List<List<java.util.function.Function<String, TextDocumentContentChangeEvent>>> burst = List.of(
				List.of(t -> edit(t, "legacy to-device", 6, "legxcy")),
				List.of(t -> edit(t, "    }\n    device legacy", 5, "")), // a syntax error: a device's "}" deleted
				List.of(t -> edit(t, "dma-mask 32", 0, "  ")),
				List.of(t -> edit(t, "    device legacy", 0, "    }\n")), // repaired
				List.of(t -> edit(t, "gpu : pci", 3, "gpx"), t -> edit(t, "expect direct", 0, "  ")));
		for (var message : burst) {
			List<TextDocumentContentChangeEvent> change = new java.util.ArrayList<>();
			for (var next : message) {
				TextDocumentContentChangeEvent e = next.apply(text);
				change.add(e);
				text = apply(text, e);
			}
			docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, ++version), change));
		}
		List<org.eclipse.lsp4j.Diagnostic> edited = quiet(uri, count);
		assertTrue(edited.stream().anyMatch(d -> message(d).contains("'legxcy'")), edited.toString());
		assertTrue(edited.stream().anyMatch(d -> message(d).contains("'gpu'")), edited.toString());

		// the same text from scratch: closed (it is on no disk, so its diagnostics are cleared) and opened again
		// (the same text sent again is not built again: its diagnostics are those published)
		count = publishCount(uri);
		docs.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
		assertEquals(List.of(), publishedAfter(uri, count).getDiagnostics());
		count = publishCount(uri);
		docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "coco", ++version, text)));
		assertEquals(edited, quiet(uri, count));
	}

	/** A change of `length` characters at the first occurrence of needle in text. */
	static TextDocumentContentChangeEvent edit(String text, String needle, int length, String replacement) {
		int offset = text.indexOf(needle);
		assertTrue(offset >= 0, needle);
		return new TextDocumentContentChangeEvent(new Range(position(text, offset), position(text, offset + length)),
				replacement);
	}

	static Position position(String text, int offset) {
		String before = text.substring(0, offset);
		int line = (int) before.chars().filter(c -> c == '\n').count();
		return new Position(line, offset - (before.lastIndexOf('\n') + 1));
	}

	static String apply(String text, TextDocumentContentChangeEvent e) {
		int start = offset(text, e.getRange().getStart());
		int end = offset(text, e.getRange().getEnd());
		return text.substring(0, start) + e.getText() + text.substring(end);
	}

	static int offset(String text, Position p) {
		int at = 0;
		for (int i = 0; i < p.getLine(); i++) {
			at = text.indexOf('\n', at) + 1;
		}
		return at + p.getCharacter();
	}

	/** The diagnostics published last once uri has been published after `after` and then 1.5 s passed without any. */
	static List<org.eclipse.lsp4j.Diagnostic> quiet(String uri, int after) throws InterruptedException {
		publishedAfter(uri, after);
		int seen;
		do {
			seen = publishCount(uri);
			Thread.sleep(1500);
		} while (publishCount(uri) != seen);
		List<PublishDiagnosticsParams> list = published.get(uri);
		return list.get(list.size() - 1).getDiagnostics();
	}

	/** The error messages of the first publication after `after` that satisfies done. */
	static List<String> awaitErrors(String uri, int after, java.util.function.Predicate<List<String>> done)
			throws InterruptedException {
		long deadline = System.currentTimeMillis() + 60_000;
		int seen = after;
		while (System.currentTimeMillis() < deadline) {
			List<PublishDiagnosticsParams> list = published.getOrDefault(uri, List.of());
			for (; seen < list.size(); seen++) {
				List<String> errors = list.get(seen).getDiagnostics().stream()
						.filter(d -> d.getSeverity() == DiagnosticSeverity.Error).map(LanguageServerTest::message).toList();
				if (done.test(errors)) {
					return errors;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no matching diagnostics for " + uri + ": " + published.get(uri));
	}

	@Test
	void answersRequestsWhileA10kLineFileIsValidated() throws Exception {
		StringBuilder big = new StringBuilder("platform Fleet {\n    technology sev-snp\n    c-bit 51\n");
		for (int i = 0; big.length() < 10_000 * 20; i++) {
			big.append("    device d").append(i).append(" : pci {\n        dma-mask 64\n        coherent\n    }\n");
		}
		big.append("}\n");
		String bigUri = uri("fleet.coco");
		long start = System.nanoTime();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(bigUri, "coco", 1, big.toString())));
		Hover hover = server.getTextDocumentService().hover(new HoverParams(fixture(), at(FIXTURE, "legacy to-device")))
				.get(60, TimeUnit.SECONDS);
		assertNotNull(hover);
		PublishDiagnosticsParams d = diagnosticsFor(bigUri).get(120, TimeUnit.SECONDS);
		assertTrue(d.getDiagnostics().stream().noneMatch(x -> x.getSeverity() == DiagnosticSeverity.Error), d.toString());
		System.out.printf("10k-line file: diagnostics after %d ms%n", (System.nanoTime() - start) / 1_000_000);
	}

	@Test
	void socketModeListensOnLoopbackOnly() throws IOException, InterruptedException {
		Process p = new ProcessBuilder(System.getProperty("coco.java", "java"), "-jar",
				Path.of(System.getProperty("coco.jar", "target/coco.jar")).toAbsolutePath().toString(), "lsp",
				"--socket", "0").start();
		try {
			var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()));
			String line = err.readLine();
			assertNotNull(line);
			assertTrue(line.startsWith("coco language server listening on 127.0.0.1:"), line);
		} finally {
			p.destroyForcibly();
			p.waitFor(10, TimeUnit.SECONDS);
		}
	}
}

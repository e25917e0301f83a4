package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.CocoLanguageServer;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.impl.ResourceServiceProviderRegistryImpl;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;

/**
 * The language server's builder (PartialReparsingBuilder) does not build a file again that holds the text
 * its last completed build made of it, when nothing else changed (the didOpen of a file built from disk):
 * no link, no validation, no diagnostics published again. Every other build publishes the diagnostics of
 * the same text loaded from scratch, over random edits (half of them undone before the next build) and
 * after a cancelled build.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class UnchangedFileBuildTest {

	Injector ide;
	WorkspaceManager workspace;
	final List<List<String>> published = new ArrayList<>();

	@BeforeEach
	void injector() {
		ide = new CocoIdeSetup().createInjector();
	}

	/** Xtext's language server workspace on dir, with coco's builder, publishing into `published`. */
	void start(Path dir) {
		IResourceServiceProvider.Registry registry = new ResourceServiceProviderRegistryImpl();
		registry.getExtensionToFactoryMap().put("coco", ide.getInstance(IResourceServiceProvider.class));
		Injector server = Guice.createInjector(Modules.override(CocoLanguageServer.module())
				.with(b -> b.bind(IResourceServiceProvider.Registry.class).toInstance(registry)));
		workspace = server.getInstance(WorkspaceManager.class);
		workspace.initialize(new UriExtensions().toUri(dir.toUri().toString()), (uri, issues) -> {
			if (uri.lastSegment().equals("edited.coco")) {
				published.add(describe(issues));
			}
		}, CancelIndicator.NullImpl);
	}

	static List<String> describe(Iterable<? extends Issue> issues) {
		List<String> list = new ArrayList<>();
		for (Issue i : issues) {
			list.add(i.getSeverity() + " " + i.getLineNumber() + ":" + i.getColumn() + "+" + i.getLength() + " "
					+ i.getCode() + " " + i.getMessage());
		}
		return list;
	}

	RelinkingResource resource(URI uri) {
		return (RelinkingResource) workspace.getProjectManager(uri).getResource(uri);
	}

	void change(URI uri, int version, String text) {
		workspace.didChangeTextDocumentContent(uri, version, List.of(new TextDocumentContentChangeEvent(text)))
				.build(CancelIndicator.NullImpl);
	}

	/** The diagnostics of the text loaded from scratch (as a file of its own). */
	List<String> fromScratch(String text) throws Exception {
		return PartialReparsingTest.issues(PartialReparsingTest.load(PartialReparsingTest.newSet(ide), "mem:/edited.coco", text));
	}

	@Test
	void theTextOnDiskOpenedIsNotBuiltAgain() throws Exception {
		Path dir = Files.createTempDirectory("coco-unchanged");
		String text = Files.readString(Examples.dir().resolve("cca-realm.coco"));
		Path file = dir.resolve("edited.coco");
		Files.writeString(file, text);
		start(dir);
		URI uri = new UriExtensions().toUri(file.toUri().toString());
		assertEquals(List.of(fromScratch(text)), published, "the initial build");
		RelinkingResource built = resource(uri);
		EObject model = built.getContents().get(0);
		int linkings = built.wholeLinkings();

		workspace.didOpen(uri, 1, text).build(CancelIndicator.NullImpl);
		assertEquals(1, published.size(), "nothing published again");
		assertSame(built, resource(uri));
		assertSame(model, built.getContents().get(0), "not parsed again");
		assertEquals(linkings, built.wholeLinkings(), "not linked again");

		// an edit, and the same text again: the edit's diagnostics, then nothing new
		String edited = text.replaceFirst("platform (\\w+)", "platform $1x");
		assertNotEquals(text, edited);
		change(uri, 2, edited);
		assertEquals(2, published.size());
		assertEquals(fromScratch(edited), published.get(1));
		change(uri, 3, edited);
		assertEquals(2, published.size(), "the same text: nothing published again");

		// a build cancelled after the file changed: the next one builds it again, though the text is the same
		String other = text.replaceFirst("platform (\\w+)", "platform $1y");
		assertThrows(Throwable.class, () -> workspace
				.didChangeTextDocumentContent(uri, 4, List.of(new TextDocumentContentChangeEvent(other)))
				.build(() -> other.equals(resource(uri).getParseResult().getRootNode().getText())));
		assertEquals(other, resource(uri).getParseResult().getRootNode().getText(), "cancelled after the parse");
		int before = published.size();
		change(uri, 5, other);
		assertTrue(published.size() > before, "built again");
		assertEquals(fromScratch(other), published.get(published.size() - 1));

		// back to the text on disk, which the server built before: built again all the same
		before = published.size();
		change(uri, 6, text);
		assertEquals(before + 1, published.size());
		assertEquals(fromScratch(text), published.get(before));
	}

	@Test
	void randomEditsPublishTheDiagnosticsOfAFullBuild() throws Exception {
		Path dir = Files.createTempDirectory("coco-unchanged");
		String text = Files.readString(Examples.dir().resolve("tdx-guest.coco"));
		Path file = dir.resolve("edited.coco");
		Files.writeString(file, text);
		start(dir);
		URI uri = new UriExtensions().toUri(file.toUri().toString());
		workspace.didOpen(uri, 1, text).build(CancelIndicator.NullImpl);
		Random random = new Random(10);
		int version = 1;
		for (int i = 0; i < 30; i++) {
			String next = PartialReparsingTest.RandomEdit.apply(text, random);
			boolean undo = random.nextBoolean();
			int before = published.size();
			// an edit undone before its build: one build of the text it had
			workspace.didChangeTextDocumentContent(uri, ++version, List.of(new TextDocumentContentChangeEvent(next)));
			if (undo) {
				workspace.didChangeTextDocumentContent(uri, ++version, List.of(new TextDocumentContentChangeEvent(text)));
			}
			workspace.didChangeTextDocumentContent(uri, ++version, List.of()).build(CancelIndicator.NullImpl);
			String now = undo ? text : next;
			XtextResource r = resource(uri);
			assertNotNull(r);
			assertEquals(now, r.getParseResult().getRootNode().getText());
			if (published.size() > before) {
				assertEquals(fromScratch(now), published.get(published.size() - 1), "edit " + i);
			} else {
				assertTrue(undo || next.equals(text), "edit " + i + " was built");
				assertEquals(fromScratch(now), published.get(before - 1), "edit " + i + ": the last published");
			}
			text = now;
		}
	}
}

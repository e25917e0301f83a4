package org.coco.dsl.ide.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.coco.dsl.MetamodelTables;
import org.coco.dsl.validation.ScenarioRunCache;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;

/**
 * Runs the language server's edit path a few times on a small model of its own, in the background after
 * the initial build, so that the user's first edit finds its code loaded and compiled: in a fresh JVM the
 * first edit of a 10k-line file took 2-3 times as long as the tenth (class loading, then interpreted and
 * C1 code while C2 compiles). Each round is what the server does for an edit: a partial parse of a
 * scenario or platform member edit (PartialReparsingBuilder.reparse, which links the part alone), or of
 * its undoing, the index description, a validation with the scenario runs kept, the issues turned into
 * LSP diagnostics and into JSON (EDITS).
 *
 * The model is a throwaway in a resource set of its own, never a user's file. The thread runs at the
 * lowest priority and stops at the first real edit (cancel) or after ROUNDS; anything that goes wrong
 * just ends it.
 */
public final class EditPathWarmUp implements Runnable {

	public static final int ROUNDS = 30;

	private final IResourceServiceProvider language;
	private final Function<Issue, Diagnostic> toDiagnostic;
	private volatile boolean cancelled;
	private volatile int rounds;

	public EditPathWarmUp(IResourceServiceProvider language, Function<Issue, Diagnostic> toDiagnostic) {
		this.language = language;
		this.toDiagnostic = toDiagnostic;
	}

	/** Starts it on a daemon thread of the lowest priority. */
	EditPathWarmUp start() {
		MetamodelTables.build(); // the warm-up parses while the server builds the user's files
		Thread t = new Thread(() -> {
			run();
			if (failure != null) {
				System.err.println("coco: the edit-path warm-up stopped: " + failure);
			}
		}, "coco-warm-up");
		t.setDaemon(true);
		t.setPriority(Thread.MIN_PRIORITY);
		t.start();
		return this;
	}

	public void cancel() {
		cancelled = true;
	}

	/** What ended the rounds early, other than a cancellation (for tests and the server's log), or null. */
	private volatile Throwable failure;

	public Throwable failure() {
		return failure;
	}

	/** The rounds run to the end so far. */
	public int rounds() {
		return rounds;
	}

	@Override
	public void run() {
		try {
			XtextResourceSet set = language.get(XtextResourceSet.class);
			XtextResource r = (XtextResource) language.get(org.eclipse.xtext.resource.IResourceFactory.class)
					.createResource(URI.createURI("warmup:/warm-up.coco"));
			set.getResources().add(r);
			String text = model();
			r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
			MessageJsonHandler json = new MessageJsonHandler(ServiceEndpoints.getSupportedMethods(LanguageClient.class));
			CancelIndicator cancel = () -> cancelled;
			for (int i = 0; i < ROUNDS && !cancelled; i++) {
				String edited = edit(text, i);
				if (!PartialReparsingBuilder.reparse(r, edited)) {
					return;
				}
				EcoreUtil2.resolveLazyCrossReferences(r, cancel);
				var description = language.getResourceDescriptionManager().getResourceDescription(r);
				description.getExportedObjects().forEach(o -> o.getEObjectURI());
				description.getReferenceDescriptions().forEach(d -> d.getTargetEObjectUri());
				ScenarioRunCache.install(r);
				List<Issue> issues = language.getResourceValidator().validate(r, CheckMode.ALL, cancel);
				List<Diagnostic> diagnostics = issues.stream().map(toDiagnostic).toList();
				json.serialize(new NotificationMessage() {
					{
						setMethod("textDocument/publishDiagnostics");
						setParams(new PublishDiagnosticsParams("warmup:/warm-up.coco", diagnostics));
					}
				});
				rounds = i + 1;
			}
		} catch (VirtualMachineError e) {
			throw e;
		} catch (RuntimeException | Error | IOException e) {
			// a warm-up only (cancelled, or failed): the server's own builds do not depend on it
			if (!cancelled) {
				failure = e;
			}
		}
	}

	/**
	 * The edits of the rounds, each undone by the next round, in the shapes a user's first edits take: a name
	 * typed in a scenario or a platform member (an unknown name for a while: the linking error and its
	 * message, and in a platform the file's qualified names, since coco's own scope does not have it), a value
	 * changed in a member, a member renamed that scenarios refer to.
	 */
	private static final List<java.util.function.UnaryOperator<String>> EDITS = List.of(
			t -> first(t, "-> d1 to-device", "-> nosuch to-device"), // a scenario
			t -> first(t, "restricted-pool rp3\n", "restricted-pool nosuch\n"), // a member's reference
			t -> first(t, "dma-mask 64\n", "dma-mask 63\n"), // a member's value
			t -> first(t, "device d5 :", "device d5x :")); // a member renamed that scenarios name

	/** The model's text in the round-th round: an edit (EDITS), or in odd rounds the text again. */
	public static String edit(String text, int round) {
		return round % 2 == 1 ? text : EDITS.get(round / 2 % EDITS.size()).apply(text);
	}

	/** The number of edits the rounds cycle through. */
	public static int edits() {
		return EDITS.size();
	}

	/** The text with the first occurrence of a replaced (one edit, as a keystroke makes). */
	private static String first(String text, String a, String b) {
		int at = text.indexOf(a);
		return at < 0 ? text : text.substring(0, at) + b + text.substring(at + a.length());
	}

	/** A small fleet: one platform with devices and restricted pools, scenarios that map through them. */
	public static String model() {
		StringBuilder b = new StringBuilder("platform WarmUp {\n    technology sev-snp\n    c-bit 51\n    phys-bits 52\n"
				+ "    config DMA_RESTRICTED_POOL\n    pool swiotlb default size 64M at 0x8000_0000\n    heap system\n");
		int devices = 40;
		for (int p = 0; p < devices / 2; p++) {
			b.append("    pool restricted rp").append(p).append(" size 4M at 0x").append(Long.toHexString(0x1_0000_0000L + p * 0x40_0000L))
					.append(" shared\n");
		}
		for (int d = 0; d < devices; d++) {
			b.append("    device d").append(d).append(" : pci {\n        dma-mask ").append(d % 2 == 0 ? 32 : 64)
					.append("\n        coherent\n        ").append(d % 2 == 0 ? "restricted-pool rp" + d / 2 : "untrusted")
					.append("\n    }\n");
		}
		b.append("}\n");
		for (int s = 0; s < 8; s++) {
			b.append("scenario \"w").append(s).append("\" on WarmUp {\n");
			for (int k = 0; k < 10; k++) {
				int d = (s * 10 + k) % devices;
				b.append("    b").append(k).append(" = alloc pages 8K\n    m").append(k).append(" = map b").append(k).append(" -> d")
						.append(d).append(" to-device\n    unmap m").append(k).append("\n    free b").append(k).append('\n');
			}
			b.append("}\n");
		}
		return b.toString();
	}
}

package org.coco.dsl.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.RunOptions;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.generator.GeneratorContext;
import org.eclipse.xtext.generator.GeneratorDelegate;
import org.eclipse.xtext.generator.InMemoryFileSystemAccess;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;

/**
 * What the fuzz tests drive: parse → validate → interpret → generate, in process, the way the CLI
 * and the language server do. An input is handled when every stage returns; it is a finding when a
 * stage throws or when Xtext swallows an exception from a check or the linker and logs it at ERROR
 * (Xtext logs rather than rethrows those, so the log is watched).
 */
final class FuzzPipeline {

	private static final List<LoggingEvent> ERRORS = new ArrayList<>();

	static {
		Logger root = Logger.getRootLogger();
		root.removeAllAppenders();
		root.setLevel(Level.ERROR);
		root.addAppender(new AppenderSkeleton() {
			@Override
			protected void append(LoggingEvent event) {
				if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
					synchronized (ERRORS) {
						ERRORS.add(event);
					}
				}
			}

			@Override
			public void close() {
			}

			@Override
			public boolean requiresLayout() {
				return false;
			}
		});
	}

	/** The stages an input went through, for tests that check how far a seed gets. */
	record Outcome(int parseErrors, int validationErrors, int traces, int generatedFiles) {
	}

	static Outcome check(byte[] input) {
		// Like the editor: undecodable bytes become U+FFFD (the CLI refuses them earlier, with a diagnostic).
		return check(new String(input, StandardCharsets.UTF_8));
	}

	static Outcome check(String text) {
		synchronized (ERRORS) {
			ERRORS.clear();
		}
		var injector = Workspace.injector();
		XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
		Resource r = rs.createResource(URI.createURI("fuzz:/input.coco"));
		try {
			r.load(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
		} catch (java.io.IOException e) {
			throw new AssertionError("loading from memory cannot fail", e);
		}
		EcoreUtil.resolveAll(rs);
		List<Issue> issues = ((XtextResource) r).getResourceServiceProvider().getResourceValidator().validate(r,
				CheckMode.ALL, CancelIndicator.NullImpl);
		for (Issue i : issues) {
			if (i.getLineNumber() == null || i.getColumn() == null || i.getMessage() == null || i.getMessage().isBlank()) {
				throw new AssertionError("a diagnostic without a position or message: " + i);
			}
		}
		int errors = (int) issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).count();
		int traces = 0;
		int generated = 0;
		if (errors == 0 && !r.getContents().isEmpty() && r.getContents().get(0) instanceof Model model) {
			traces = CocoRuntime.runAll(model, RunOptions.defaults()).size();
			InMemoryFileSystemAccess fsa = new InMemoryFileSystemAccess();
			GeneratorContext ctx = new GeneratorContext();
			ctx.setCancelIndicator(CancelIndicator.NullImpl);
			injector.getInstance(GeneratorDelegate.class).generate(r, fsa, ctx);
			generated = fsa.getAllFiles().size();
		}
		synchronized (ERRORS) {
			if (!ERRORS.isEmpty()) {
				LoggingEvent e = ERRORS.get(0);
				Throwable t = e.getThrowableInformation() == null ? null : e.getThrowableInformation().getThrowable();
				throw new AssertionError("Xtext logged an error: " + e.getRenderedMessage(), t);
			}
		}
		return new Outcome(r.getErrors().size(), errors, traces, generated);
	}
}

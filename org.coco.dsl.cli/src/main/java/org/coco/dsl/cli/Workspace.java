package org.coco.dsl.cli;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.coco.dsl.CocoStandaloneSetup;
import org.coco.dsl.linking.EagerLinker;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * The .coco files named on a command line, loaded into one resource set so that references
 * between files resolve, and their diagnostics.
 */
final class Workspace {

	private static Injector injector;

	static synchronized Injector injector() {
		if (injector == null) {
			injector = new CocoStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/**
	 * Builds the injector (Xtext's and EMF's set-up, about half a second of CPU) on another core while the
	 * main thread parses the command line and reads the input: on 2 cores that time is no longer waited
	 * for. Whatever goes wrong there happens again, and is reported, when the main thread asks for it.
	 */
	static void prepareInBackground() {
		Thread t = new Thread(() -> {
			try {
				injector();
			} catch (RuntimeException | LinkageError e) {
				// see above
			}
		}, "coco-setup");
		t.setDaemon(true);
		t.start();
	}

	private final XtextResourceSet resourceSet;

	Workspace() {
		resourceSet = injector().getInstance(XtextResourceSet.class);
		// until the injector is ready: command line and set-up, side by side when prepared in the background
		PhaseTimes.mark("injector");
	}
	private final List<Resource> resources = new ArrayList<>();
	private final List<Diagnostic> inputProblems = new ArrayList<>();
	private final List<EagerLinker> linkers = new ArrayList<>();

	/** Expands directories to the .coco files below them; records unreadable input as a problem. */
	static List<Path> expand(List<Path> args, List<Diagnostic> problems) {
		List<Path> files = new ArrayList<>();
		for (Path arg : args) {
			if (Files.isDirectory(arg)) {
				try (Stream<Path> walk = Files.walk(arg)) {
					walk.filter(p -> p.getFileName().toString().endsWith(".coco") && Files.isRegularFile(p))
							.sorted().forEach(files::add);
				} catch (IOException | RuntimeException e) {
					problems.add(new Diagnostic(arg.toString(), 1, 1, "error", IssueCodes.UNREADABLE_INPUT,
							"cannot list the directory: " + e.getMessage()));
				}
			} else if (Files.isRegularFile(arg) && Files.isReadable(arg)) {
				files.add(arg);
			} else {
				problems.add(new Diagnostic(arg.toString(), 1, 1, "error", IssueCodes.UNREADABLE_INPUT,
						Files.exists(arg) ? "cannot read the file: check its permissions"
								: "no such file or directory"));
			}
		}
		return files;
	}

	/** The loaded files, in the order given. */
	List<Resource> resources() {
		return resources;
	}

	/** The resource loaded from this file, or null. */
	Resource resource(Path file) {
		URI uri = URI.createFileURI(file.toString());
		return resources.stream().filter(r -> r.getURI().equals(uri)).findFirst().orElse(null);
	}

	/**
	 * The file plus the other .coco files of its directory, so that imports between files of one folder
	 * resolve when a single file is named (coco run, coco diagram).
	 */
	static List<Path> withSiblings(Path file) {
		List<Path> files = new ArrayList<>();
		files.add(file);
		Path dir = file.toAbsolutePath().getParent();
		if (dir != null) {
			try (Stream<Path> list = Files.list(dir)) {
				list.filter(p -> p.getFileName().toString().endsWith(".coco") && Files.isRegularFile(p) && Files.isReadable(p))
						.sorted()
						.map(p -> file.getParent() == null ? p.getFileName() : file.getParent().resolve(p.getFileName()))
						.filter(p -> !p.normalize().equals(file.normalize()))
						.forEach(files::add);
			} catch (IOException | RuntimeException e) {
				// the named file alone still runs; only cross-file references would stay unresolved
			}
		}
		return files;
	}

	List<Diagnostic> inputProblems() {
		return inputProblems;
	}

	/** Diagnostic code of a model too large for the Java heap. */
	static final String TOO_LARGE = "coco.too-large";

	/**
	 * Java heap that a parsed, linked and validated model takes per byte of its text, rounded up from
	 * docs/performance.md (1M lines, 22 MB of text: about 1.2 GB of heap). Input beyond
	 * max heap / this is refused up front with a diagnostic instead of running out of memory.
	 */
	static final long HEAP_BYTES_PER_TEXT_BYTE = 64;

	void load(List<Path> files) {
		long budget = Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_TEXT_BYTE;
		for (Path file : files) {
			try {
				long size = Files.size(file);
				if (size > budget) {
					inputProblems.add(tooLarge(file, size, budget));
					continue;
				}
				budget -= size;
				byte[] bytes = Files.readAllBytes(file);
				checkUtf8(file, bytes);
				Resource resource = resourceSet.createResource(URI.createFileURI(file.toString()));
				if (resource instanceof XtextResource x) {
					x.setParser(new SplitParser(x.getParser(), SplitParser.MIN_CHARS));
					EagerLinker linker = injector().getInstance(EagerLinker.class);
					x.setLinker(linker);
					linkers.add(linker);
				}
				resource.load(new java.io.ByteArrayInputStream(bytes), resourceSet.getLoadOptions());
				resources.add(resource);
			} catch (IOException | RuntimeException e) {
				inputProblems.add(new Diagnostic(file.toString(), 1, 1, "error", IssueCodes.UNREADABLE_INPUT,
						"cannot read the file: " + e.getMessage()));
			} catch (OutOfMemoryError e) {
				// The estimate above was too low for this input: drop what was loaded so the report can be written.
				resourceSet.getResources().clear();
				resources.clear();
				linkers.clear();
				inputProblems.add(tooLarge(file, file.toFile().length(), 0));
				return;
			}
		}
		PhaseTimes.mark("parse");
		try {
			// every file is loaded: their references can be decided now (EagerLinker)
			linkers.forEach(EagerLinker::linkDeferred);
			if (linkers.size() == resourceSet.getResources().size()) {
				linkers.forEach(EagerLinker::resolveProxies); // each file's proxies are its linker's
			} else {
				EcoreUtil.resolveAll(resourceSet);
			}
			PhaseTimes.mark("link");
		} catch (OutOfMemoryError e) {
			Path first = files.isEmpty() ? Path.of(".") : files.get(0);
			resourceSet.getResources().clear();
			resources.clear();
			linkers.clear();
			inputProblems.add(tooLarge(first, 0, 0));
		}
	}

	/** budget > 0: refused up front; otherwise the JVM ran out of memory on it. */
	private static Diagnostic tooLarge(Path file, long size, long budget) {
		long maxMib = Runtime.getRuntime().maxMemory() >> 20;
		long needGib = ((Math.max(size, 1L << 20) * HEAP_BYTES_PER_TEXT_BYTE) >> 30) + 2;
		String what = budget > 0
				? String.format("the file is %,d MB, more than the Java heap (%,d MB) can hold (about %,d MB of models)",
						size >> 20, maxMib, Math.max(1, budget >> 20))
				: String.format("coco ran out of memory on this input with a %,d MB Java heap", maxMib);
		return new Diagnostic(file.toString(), 1, 1, "error", TOO_LARGE,
				what + ": split the model into several files, or give coco more memory (COCO_JAVA_OPTS=-Xmx" + needGib + "g ./coco ...)");
	}

	/** Reports the first byte that is not UTF-8, with its line and column (the column counts characters). */
	private void checkUtf8(Path file, byte[] bytes) {
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
		java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
		int line = 1, column = 1;
		while (true) {
			var result = decoder.decode(in, out, true);
			out.flip();
			while (out.hasRemaining()) {
				char c = out.get();
				if (c == '\n') {
					line++;
					column = 1;
				} else if (!Character.isLowSurrogate(c)) {
					column++;
				}
			}
			out.clear();
			if (result.isError()) {
				inputProblems.add(new Diagnostic(file.toString(), line, column, "error", IssueCodes.UNREADABLE_INPUT,
						String.format("byte 0x%02x at offset %d is not valid UTF-8: save the file as UTF-8",
								bytes[in.position()] & 0xff, in.position())));
				return;
			}
			if (result.isUnderflow()) {
				return;
			}
		}
	}

	List<Diagnostic> validate() {
		return validate(resources);
	}

	/** Diagnostics of some of the loaded files (and every input problem). */
	List<Diagnostic> validate(List<Resource> which) {
		List<Diagnostic> result = new ArrayList<>(inputProblems);
		SplitValidator split = new SplitValidator(injector());
		for (Resource resource : which) {
			String file = resource.getURI().toFileString();
			List<Issue> issues = split.validate((XtextResource) resource, SplitValidator.MIN_WEIGHT);
			if (issues == null) {
				IResourceValidator validator = ((XtextResource) resource).getResourceServiceProvider()
						.getResourceValidator();
				issues = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
			}
			for (Issue issue : issues) {
				result.add(new Diagnostic(file, orOne(issue.getLineNumber()), orOne(issue.getColumn()),
						severity(issue.getSeverity()), IssueCodes.stable(issue.getCode()), issue.getMessage()));
			}
		}
		result.sort(null);
		PhaseTimes.mark("validate");
		return result;
	}

	private static int orOne(Integer n) {
		return n == null || n < 1 ? 1 : n;
	}

	private static String severity(Severity s) {
		return switch (s) {
		case ERROR -> "error";
		case WARNING -> "warning";
		default -> "info";
		};
	}
}

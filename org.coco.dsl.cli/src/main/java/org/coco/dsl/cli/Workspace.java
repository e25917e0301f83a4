package org.coco.dsl.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.coco.dsl.CocoStandaloneSetup;
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

	private final XtextResourceSet resourceSet = injector().getInstance(XtextResourceSet.class);
	private final List<Resource> resources = new ArrayList<>();
	private final List<Diagnostic> inputProblems = new ArrayList<>();

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

	void load(List<Path> files) {
		for (Path file : files) {
			try {
				byte[] bytes = Files.readAllBytes(file);
				checkUtf8(file, bytes);
				Resource resource = resourceSet.createResource(URI.createFileURI(file.toString()));
				resource.load(new java.io.ByteArrayInputStream(bytes), resourceSet.getLoadOptions());
				resources.add(resource);
			} catch (IOException | RuntimeException e) {
				inputProblems.add(new Diagnostic(file.toString(), 1, 1, "error", IssueCodes.UNREADABLE_INPUT,
						"cannot read the file: " + e.getMessage()));
			}
		}
		EcoreUtil.resolveAll(resourceSet);
	}

	private void checkUtf8(Path file, byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
		} catch (CharacterCodingException e) {
			inputProblems.add(new Diagnostic(file.toString(), 1, 1, "error", IssueCodes.UNREADABLE_INPUT,
					"the file is not valid UTF-8: save it as UTF-8"));
		}
	}

	List<Diagnostic> validate() {
		return validate(resources);
	}

	/** Diagnostics of some of the loaded files (and every input problem). */
	List<Diagnostic> validate(List<Resource> which) {
		List<Diagnostic> result = new ArrayList<>(inputProblems);
		for (Resource resource : which) {
			IResourceValidator validator = ((XtextResource) resource).getResourceServiceProvider()
					.getResourceValidator();
			String file = resource.getURI().toFileString();
			for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
				result.add(new Diagnostic(file, orOne(issue.getLineNumber()), orOne(issue.getColumn()),
						severity(issue.getSeverity()), IssueCodes.stable(issue.getCode()), issue.getMessage()));
			}
		}
		result.sort(null);
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

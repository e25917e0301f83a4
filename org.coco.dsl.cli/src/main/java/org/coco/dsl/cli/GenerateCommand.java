package org.coco.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.coco.dsl.generator.CocoGeneratorContext;
import org.coco.dsl.generator.GeneratorTarget;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.generator.IFileSystemAccess;
import org.eclipse.xtext.generator.IGenerator2;
import org.eclipse.xtext.generator.InMemoryFileSystemAccess;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
		description = { "Generate tests or fixtures from the scenarios of .coco files, one output file per scenario file: "
				+ "junit (a JUnit 5 class, a test per scenario), json (fixtures, docs/fixtures.md) or kunit (a KUnit suite in C).",
				"Writes only under DIR, each file atomically, and never over a file coco did not generate. "
						+ "Nothing is written if any input has errors." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:files generated", "1:an input has errors (nothing written)",
				"2:bad usage, unreadable input or an output file coco may not replace (nothing written)" })
final class GenerateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".coco files, or directories to search for them")
	List<Path> inputs;

	@Option(names = { "-o", "--output" }, paramLabel = "DIR", required = true, description = "the directory to write into (created if missing)")
	Path output;

	@Option(names = "--target", paramLabel = "TARGET", defaultValue = "junit", description = "junit, json or kunit; default ${DEFAULT-VALUE}")
	String target;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		GeneratorTarget t;
		try {
			t = GeneratorTarget.valueOf(target.toUpperCase(java.util.Locale.ROOT));
		} catch (IllegalArgumentException e) {
			err.println("coco generate: unknown target '" + target + "': choose junit, json or kunit");
			return CocoCli.USAGE;
		}
		List<Diagnostic> unreadable = new ArrayList<>();
		List<Path> files = Workspace.expand(inputs, unreadable);
		// The other files of each named file's folder are loaded for linking only (imported platforms).
		List<Path> all = new ArrayList<>(files);
		for (Path f : files) {
			Workspace.withSiblings(f).stream().filter(p -> all.stream().noneMatch(q -> q.normalize().equals(p.normalize())))
					.forEach(all::add);
		}
		Workspace ws = new Workspace();
		ws.load(all);
		unreadable.addAll(ws.inputProblems().stream().filter(d -> files.stream().anyMatch(f -> f.toString().equals(d.file()))).toList());
		List<Resource> named = files.stream().map(ws::resource).filter(java.util.Objects::nonNull).toList();
		List<Diagnostic> errors = new ArrayList<>(unreadable);
		ws.validate(named).stream().filter(Diagnostic::isError).filter(d -> !errors.contains(d))
				.filter(d -> files.stream().anyMatch(f -> f.toString().equals(d.file()))).forEach(errors::add);
		if (!errors.isEmpty()) {
			errors.sort(null);
			errors.forEach(d -> err.println(d.format()));
			err.println("coco generate: nothing written; fix the errors first");
			return unreadable.isEmpty() ? CocoCli.PROBLEMS : CocoCli.USAGE;
		}
		IGenerator2 generator = Workspace.injector().getInstance(IGenerator2.class);
		Map<String, String> generated = new LinkedHashMap<>();
		Map<String, String> producer = new LinkedHashMap<>();
		for (Resource r : named) {
			InMemoryFileSystemAccess fsa = new InMemoryFileSystemAccess();
			CocoGeneratorContext context = new CocoGeneratorContext(t);
			generator.beforeGenerate(r, fsa, context);
			generator.doGenerate(r, fsa, context);
			generator.afterGenerate(r, fsa, context);
			String from = r.getURI().toFileString();
			for (Map.Entry<String, CharSequence> e : fsa.getTextFiles().entrySet()) {
				String rel = e.getKey().startsWith(IFileSystemAccess.DEFAULT_OUTPUT)
						? e.getKey().substring(IFileSystemAccess.DEFAULT_OUTPUT.length())
						: e.getKey();
				String previous = producer.putIfAbsent(rel, from);
				if (previous != null) {
					err.println("coco generate: both " + previous + " and " + from + " would generate " + rel
							+ "; generate them into different directories");
					return CocoCli.USAGE;
				}
				generated.put(rel, e.getValue().toString());
			}
		}
		OutputDirectory dir = new OutputDirectory(output);
		List<String> problems = dir.check(generated);
		if (!problems.isEmpty()) {
			problems.forEach(p -> err.println("coco generate: " + p));
			err.println("coco generate: nothing written");
			return CocoCli.USAGE;
		}
		try {
			dir.write(generated);
		} catch (IOException e) {
			err.println("coco generate: cannot write into " + output + ": " + e.getMessage());
			return CocoCli.USAGE;
		}
		for (String rel : generated.keySet()) {
			out.println("wrote " + output.resolve(rel));
		}
		out.flush();
		err.println(files.size() + " file(s) read, " + generated.size() + " " + t.label() + " file(s) written to " + output);
		return CocoCli.OK;
	}
}

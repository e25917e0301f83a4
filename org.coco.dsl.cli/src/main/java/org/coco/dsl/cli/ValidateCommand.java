package org.coco.dsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Parse, link and validate .coco files; print every problem as file:line:col: severity CODE message.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no errors", "1:errors found", "2:bad usage or unreadable input" })
final class ValidateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".coco files, or directories to search for them")
	List<Path> inputs;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
			description = "text (file:line:col: severity CODE message), json, or sarif (SARIF 2.1.0 for CI code scanning); default ${DEFAULT-VALUE}")
	OutputFormat format;

	@Override
	public Integer call() {
		List<Diagnostic> unreadable = new ArrayList<>();
		List<Path> files = Workspace.expand(inputs, unreadable);
		Workspace workspace = new Workspace();
		workspace.load(files);
		unreadable.addAll(workspace.inputProblems());
		List<Diagnostic> all = new ArrayList<>(unreadable);
		all.addAll(workspace.validate().stream().filter(d -> !workspace.inputProblems().contains(d)).toList());
		all.sort(null);
		var out = spec.commandLine().getOut();
		switch (format) {
		case json -> out.print(DiagnosticReports.json(all, files.size()));
		case sarif -> out.print(DiagnosticReports.sarif(all, new CocoCli.Version().getVersion()[0].substring("coco ".length())));
		default -> all.forEach(d -> out.println(d.format()));
		}
		out.flush();
		PhaseTimes.mark("output");
		long errors = all.stream().filter(Diagnostic::isError).count();
		long warnings = all.size() - errors;
		spec.commandLine().getErr().println(files.size() + " file(s) checked: " + errors + " error(s), " + warnings + " warning(s)");
		if (!unreadable.isEmpty()) {
			return CocoCli.USAGE;
		}
		return errors > 0 ? CocoCli.PROBLEMS : CocoCli.OK;
	}
}

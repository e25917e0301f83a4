package org.coco.dsl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.generator.Fixtures;
import org.coco.dsl.generator.Json;
import org.coco.dsl.generator.ScenarioFile;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.ecore.resource.Resource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Run the scenarios of a .coco file through the DMA semantics interpreter and print the trace: "
				+ "per step the outcome and the reference rule that decided it, then every expectation checked.",
				"Other .coco files in the same directory are loaded too, so imported platforms resolve." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every expectation and invariant holds", "1:an expectation or invariant failed, or the file has errors",
				"2:bad usage or unreadable input" })
final class RunCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "the .coco file whose scenarios to run")
	Path file;

	@Option(names = "--scenario", paramLabel = "NAME", description = "run only this scenario (repeatable); default: all")
	List<String> scenarios;

	@Option(names = "--profile", paramLabel = "P", description = "run under this profile instead of the scenario's or platform's: base, ccs71, series-v6, series-v7")
	String profile;

	@Option(names = "--overlay", paramLabel = "O", split = ",",
			description = "run with these overlays (repeatable or comma-separated) instead of the scenario's or platform's; `none` for none")
	List<String> overlays;

	@Option(names = "--param", paramLabel = "NAME=VALUE", description = "set a named parameter of the reference's open points (docs/semantics.md)")
	Map<String, String> params;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json; default ${DEFAULT-VALUE}")
	OutputFormat format;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (format == OutputFormat.sarif) {
			err.println("coco run: --format must be text or json");
			return CocoCli.USAGE;
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			err.println(file + ":1:1: error coco.unreadable-input " + (Files.exists(file) ? "cannot read the file" : "no such file"));
			return CocoCli.USAGE;
		}
		RunOptions options;
		try {
			options = options();
		} catch (IllegalArgumentException e) {
			err.println("coco run: " + e.getMessage());
			return CocoCli.USAGE;
		}
		Workspace ws = new Workspace();
		ws.load(Workspace.withSiblings(file));
		Resource resource = ws.resource(file);
		if (resource == null) {
			ws.inputProblems().forEach(d -> err.println(d.format()));
			return CocoCli.USAGE;
		}
		// A contradicted expectation is what the run itself reports (with the trace); other errors stop it.
		List<Diagnostic> errors = ws.validate(List.of(resource)).stream().filter(Diagnostic::isError)
				.filter(d -> !d.code().equals(IssueCodes.EXPECTATION_CONTRADICTED)).toList();
		if (!errors.isEmpty()) {
			errors.forEach(d -> err.println(d.format()));
			err.println("coco run: " + file + " has errors; fix them first (coco validate " + file + ")");
			return CocoCli.PROBLEMS;
		}
		List<Scenario> chosen = new ArrayList<>();
		List<String> names = new ArrayList<>();
		if (resource.getContents().get(0) instanceof Model model) {
			for (TopLevel t : model.getElements()) {
				if (t instanceof Scenario s) {
					names.add(s.getName());
					if (scenarios == null || scenarios.contains(s.getName())) {
						chosen.add(s);
					}
				}
			}
		}
		if (scenarios != null) {
			List<String> unknown = scenarios.stream().filter(n -> !names.contains(n)).toList();
			if (!unknown.isEmpty()) {
				err.println("coco run: no scenario " + unknown.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
						+ " in " + file + "; its scenarios are: " + names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")));
				return CocoCli.USAGE;
			}
		}
		List<Trace> traces;
		try {
			// boots each platform once for all scenarios, and runs them on all processors
			traces = new ScenarioRunner(options).runAll(chosen);
		} catch (IllegalArgumentException e) {
			// a --param value the interpreter does not know
			err.println("coco run: " + e.getMessage());
			return CocoCli.USAGE;
		}
		int failed = 0;
		for (Trace t : traces) {
			List<String> failures = ScenarioFile.failures(t);
			if (!failures.isEmpty()) {
				failed++;
			}
			if (format == OutputFormat.json) {
				continue;
			}
			out.print(t.describe());
			for (String f : failures) {
				out.println("  FAIL " + f);
			}
			out.println(failures.isEmpty() ? "  => PASS" : "  => FAIL (" + failures.size() + " failed)");
			out.println();
		}
		if (format == OutputFormat.json) {
			Map<String, Object> doc = new LinkedHashMap<>();
			doc.put("format", "coco-run");
			doc.put("version", Fixtures.VERSION);
			doc.put("source", file.toString());
			doc.put("passed", traces.size() - failed);
			doc.put("failed", failed);
			// each scenario's JSON made as it is written: a fleet's runs may not fit in memory as text
			doc.put("scenarios", new java.util.AbstractList<Object>() {
				@Override
				public Object get(int index) {
					return Fixtures.scenario(traces.get(index));
				}

				@Override
				public int size() {
					return traces.size();
				}
			});
			try {
				Json.write(out, doc);
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e); // a PrintWriter does not throw: it keeps an error flag
			}
		}
		out.flush();
		err.println(traces.size() + " scenario(s) run: " + (traces.size() - failed) + " passed, " + failed + " failed");
		return failed > 0 ? CocoCli.PROBLEMS : CocoCli.OK;
	}

	private RunOptions options() {
		RunOptions o = RunOptions.defaults();
		if (profile != null) {
			Profile p = Profile.get(profile);
			if (p == null) {
				throw new IllegalArgumentException("unknown profile '" + profile + "': choose one of "
						+ Profile.VALUES.stream().map(Profile::getLiteral).collect(Collectors.joining(", ")));
			}
			o = o.withProfile(p);
		}
		if (overlays != null) {
			Set<Overlay> set = new LinkedHashSet<>();
			for (String name : overlays) {
				if (name.equals("none")) {
					continue;
				}
				Overlay ov = Overlay.get(name);
				if (ov == null) {
					throw new IllegalArgumentException("unknown overlay '" + name + "': choose from "
							+ Arrays.stream(Overlay.values()).map(Overlay::getLiteral).collect(Collectors.joining(", ")) + ", or none");
				}
				set.add(ov);
			}
			o = o.withOverlays(set);
		}
		if (params != null) {
			for (var e : params.entrySet()) {
				o = o.withParameter(e.getKey(), e.getValue());
			}
		}
		return o;
	}
}

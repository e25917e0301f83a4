package org.coco.dsl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.coco.dsl.cli.diagram.Diagram;
import org.coco.dsl.cli.diagram.PlatformDiagrams;
import org.coco.dsl.cli.diagram.SvgWriter;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.generator.GeneratedNames;
import org.eclipse.emf.ecore.resource.Resource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diagram", mixinStandardHelpOptions = true,
		description = { "Draw SVG pictures of the platforms of a .coco file: PLATFORM.platform.svg (devices with T=0/T=1, pools, heaps, "
				+ "MMIO, and which device reaches which memory) and PLATFORM.DEVICE.tsm.svg for each TDISP device's TSM state machine.",
				"Laid out by Eclipse ELK. Writes only under DIR and never over a file coco did not generate." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:pictures written", "1:the file has errors (nothing written)",
				"2:bad usage, unreadable input or an output file coco may not replace" })
final class DiagramCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "the .coco file whose platforms to draw")
	Path file;

	@Option(names = { "-o", "--output" }, paramLabel = "DIR", required = true, description = "the directory to write into (created if missing)")
	Path output;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			err.println(file + ":1:1: error coco.unreadable-input " + (Files.exists(file) ? "cannot read the file" : "no such file"));
			return CocoCli.USAGE;
		}
		Workspace ws = new Workspace();
		ws.load(Workspace.withSiblings(file));
		Resource resource = ws.resource(file);
		if (resource == null) {
			ws.inputProblems().forEach(d -> err.println(d.format()));
			return CocoCli.USAGE;
		}
		List<Diagnostic> errors = ws.validate(List.of(resource)).stream().filter(Diagnostic::isError).toList();
		if (!errors.isEmpty()) {
			errors.forEach(d -> err.println(d.format()));
			err.println("coco diagram: " + file + " has errors; nothing written");
			return CocoCli.PROBLEMS;
		}
		String comment = GeneratedNames.MARKER + " from " + GeneratedNames.sourceName(resource)
				+ " (coco diagram); do not edit";
		Map<String, String> files = new LinkedHashMap<>();
		if (resource.getContents().get(0) instanceof Model model) {
			for (TopLevel t : model.getElements()) {
				if (t instanceof Platform p) {
					String base = GeneratedNames.cIdentifier(p.getName());
					files.put(base + ".platform.svg", draw(PlatformDiagrams.platform(p), comment));
					for (Device d : PlatformDiagrams.tdispDevices(p)) {
						files.put(base + "." + GeneratedNames.cIdentifier(d.getName()) + ".tsm.svg", draw(PlatformDiagrams.tsm(p, d), comment));
					}
				}
			}
		}
		if (files.isEmpty()) {
			err.println("coco diagram: " + file + " declares no platform; nothing to draw");
			return CocoCli.OK;
		}
		OutputDirectory dir = new OutputDirectory(output);
		List<String> problems = dir.check(files);
		if (!problems.isEmpty()) {
			problems.forEach(p -> err.println("coco diagram: " + p));
			err.println("coco diagram: nothing written");
			return CocoCli.USAGE;
		}
		try {
			dir.write(files);
		} catch (IOException e) {
			err.println("coco diagram: cannot write into " + output + ": " + e.getMessage());
			return CocoCli.USAGE;
		}
		files.keySet().forEach(rel -> out.println("wrote " + output.resolve(rel)));
		out.flush();
		return CocoCli.OK;
	}

	private static String draw(Diagram d, String comment) {
		d.layout();
		return SvgWriter.write(d, comment);
	}
}

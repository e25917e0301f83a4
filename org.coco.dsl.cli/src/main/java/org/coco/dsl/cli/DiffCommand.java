package org.coco.dsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.coco.dsl.coco.Scenario;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.diff.DiffReport;
import org.coco.dsl.semantics.diff.ProfileDiff;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
		description = "Run every scenario under two profiles (and overlay sets) and list, side by side, every step whose "
				+ "outcome, DMA address, address encoding, kernel warnings or invariant findings differ.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no step differs", "1:some steps differ", "2:bad usage, unreadable input or errors in the files" })
final class DiffCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".coco files, or directories to search for them")
	List<Path> inputs;

	@Option(names = "--profile", required = true, paramLabel = "PROFILE",
			description = "base, ccs71, series-v6 or series-v7; give it twice (first run, second run), or once to compare overlay sets")
	List<String> profiles;

	@Option(names = "--overlays", paramLabel = "LIST",
			description = "none or a comma-separated list (ov-ms,ov-devsec,...); once: both runs; twice: first run, second run. "
					+ "Default: each scenario's own")
	List<String> overlays = new ArrayList<>();

	@Option(names = "--scenario", paramLabel = "NAME", description = "only the scenarios with this name")
	List<String> scenarios = new ArrayList<>();

	@Option(names = "--no-invariants", description = "do not check the §6 invariants (their findings are not compared)")
	boolean noInvariants;

	@Override
	public Integer call() {
		var err = spec.commandLine().getErr();
		var out = spec.commandLine().getOut();
		RunOptions a = RunOptions.defaults();
		RunOptions b = RunOptions.defaults();
		try {
			if (profiles.size() > 2 || overlays.size() > 2) {
				throw new IllegalArgumentException("give --profile and --overlays at most twice (first run, second run)");
			}
			a = a.withProfile(LoadedModels.profile(profiles.get(0)));
			b = b.withProfile(LoadedModels.profile(profiles.get(profiles.size() - 1)));
			if (!overlays.isEmpty()) {
				a = a.withOverlays(LoadedModels.overlays(overlays.get(0)));
				b = b.withOverlays(LoadedModels.overlays(overlays.get(overlays.size() - 1)));
			}
			if (profiles.size() == 1 && overlays.size() < 2) {
				throw new IllegalArgumentException("nothing to compare: give two profiles or two overlay sets");
			}
		} catch (IllegalArgumentException e) {
			err.println("coco diff: " + e.getMessage());
			return CocoCli.USAGE;
		}
		if (noInvariants) {
			a = a.withInvariantChecking(false);
			b = b.withInvariantChecking(false);
		}
		LoadedModels models = LoadedModels.load(inputs, err);
		if (models == null) {
			return CocoCli.USAGE;
		}
		List<DiffReport.ScenarioDiff> all = new ArrayList<>();
		for (Scenario s : models.scenarios()) {
			if (scenarios.isEmpty() || scenarios.contains(s.getName())) {
				all.addAll(ProfileDiff.diff(s, a, b).scenarios());
			}
		}
		if (all.isEmpty()) {
			err.println("coco diff: no scenario to run" + (scenarios.isEmpty() ? "" : " named " + scenarios));
			return CocoCli.USAGE;
		}
		DiffReport report = new DiffReport(all);
		out.print(report.render());
		out.flush();
		err.println(all.size() + " scenario(s) compared: " + report.differingSteps() + " step(s) differ");
		return report.identical() ? CocoCli.OK : CocoCli.PROBLEMS;
	}
}

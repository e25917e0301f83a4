package org.coco.dsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.semantics.InvariantCheck;
import org.coco.dsl.semantics.Invariants;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.explore.Bounds;
import org.coco.dsl.semantics.explore.Counterexample;
import org.coco.dsl.semantics.explore.ExplorationResult;
import org.coco.dsl.semantics.explore.Explorer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explore", mixinStandardHelpOptions = true,
		description = { "Explore every state a platform can reach in at most N steps (allocations, set_memory_* with "
				+ "injected failures, maps per device, direction and attribute set, unmaps, frees, TDISP lock/accept/unlock) "
				+ "and check the §6 invariants after every step.",
				"Prints a shortest counterexample per violated invariant on stdout, as a .coco scenario to paste next to "
						+ "the platform; progress on stderr every second." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:no invariant violated within the bounds", "1:an invariant is violated",
				"2:bad usage, unreadable input or errors in the files" })
final class ExploreCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".coco files, or directories to search for them")
	List<Path> inputs;

	@Option(names = "--depth", required = true, paramLabel = "N", description = "at most N steps per path")
	int depth;

	@Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "60",
			description = "stop each platform after this long, with a partial result (default ${DEFAULT-VALUE})")
	double timeLimit;

	@Option(names = "--max-states", paramLabel = "N", defaultValue = "2000000",
			description = "stop after this many distinct states (the memory bound, default ${DEFAULT-VALUE})")
	long maxStates;

	@Option(names = "--platform", paramLabel = "NAME", description = "only this platform (default: every platform)")
	List<String> platforms = new ArrayList<>();

	@Option(names = "--profile", paramLabel = "PROFILE", description = "base, ccs71, series-v6 or series-v7 (default: the platform's)")
	String profile;

	@Option(names = "--overlays", paramLabel = "LIST", description = "none or a comma-separated overlay list (default: the platform's)")
	String overlays;

	@Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "4K",
			description = "buffer sizes, e.g. 4K,64K (default ${DEFAULT-VALUE})")
	List<String> sizes;

	@Option(names = "--attrs", paramLabel = "LIST", split = ",", defaultValue = "none,CC_SHARED",
			description = "attribute sets for maps, ','-separated, attributes in a set joined by '|' (default ${DEFAULT-VALUE})")
	List<String> attrs;

	@Option(names = "--directions", paramLabel = "LIST", split = ",", defaultValue = "bidirectional",
			description = "map directions (default ${DEFAULT-VALUE})")
	List<String> directions;

	@Option(names = "--devices", paramLabel = "LIST", split = ",", description = "only these devices (default: all)")
	List<String> devices = new ArrayList<>();

	@Option(names = "--max-live", paramLabel = "N", defaultValue = "2",
			description = "at most N live buffers and N live mappings (default ${DEFAULT-VALUE})")
	int maxLive;

	@Option(names = "--invariants", paramLabel = "LIST", split = ",", description = "only these §6 invariant numbers (default: all)")
	List<Integer> invariants = new ArrayList<>();

	@Option(names = "--no-failures", description = "do not inject set_memory_* or TSM failures")
	boolean noFailures;

	@Option(names = "--no-tsm", description = "no TDISP lock/accept/unlock steps")
	boolean noTsm;

	@Option(names = "--atomic", description = "also GFP_ATOMIC coherent allocations")
	boolean atomic;

	@Option(names = "--threads", paramLabel = "N", description = "threads computing successor states (default: one per processor); "
			+ "the results do not depend on it")
	Integer threads;

	@Override
	public Integer call() {
		var err = spec.commandLine().getErr();
		var out = spec.commandLine().getOut();
		Bounds bounds;
		try {
			if (depth < 0 || depth > 64) {
				throw new IllegalArgumentException("--depth must be between 0 and 64");
			}
			if (threads != null && (threads < 1 || threads > 256)) {
				throw new IllegalArgumentException("--threads must be between 1 and 256");
			}
			RunOptions o = RunOptions.defaults();
			if (profile != null) {
				o = o.withProfile(LoadedModels.profile(profile));
			}
			if (overlays != null) {
				o = o.withOverlays(LoadedModels.overlays(overlays));
			}
			if (!invariants.isEmpty()) {
				o = o.withInvariants(List.<InvariantCheck>copyOf(Invariants.only(new TreeSet<>(invariants))));
			}
			bounds = Bounds.of(depth).withOptions(o).withTimeLimit((long) (timeLimit * 1000)).withMaxStates(maxStates)
					.withSizes(sizes.stream().map(ExploreCommand::size).toList()).withAttrSets(attrs.stream().map(ExploreCommand::attrSet).toList())
					.withDirections(directions.stream().map(ExploreCommand::direction).toList()).withDevices(devices)
					.withMaxLive(maxLive).withFailures(!noFailures).withTsm(!noTsm).withAtomic(atomic);
		} catch (IllegalArgumentException e) {
			err.println("coco explore: " + e.getMessage());
			return CocoCli.USAGE;
		}
		LoadedModels models = LoadedModels.load(inputs, err);
		if (models == null) {
			return CocoCli.USAGE;
		}
		List<Platform> chosen = models.platforms().stream().filter(p -> platforms.isEmpty() || platforms.contains(p.getName())).toList();
		if (chosen.isEmpty()) {
			err.println("coco explore: no platform" + (platforms.isEmpty() ? " in the files" : " named " + platforms)
					+ "; the files declare " + models.platforms().stream().map(Platform::getName).toList());
			return CocoCli.USAGE;
		}
		int violated = 0;
		Explorer.Strategy strategy = threads == null ? Explorer.Strategy.defaults() : Explorer.Strategy.defaults().withThreads(threads);
		for (Platform p : chosen) {
			ExplorationResult r = Explorer.explore(p, bounds, pr -> err.println("coco explore: " + p.getName() + ": " + pr.line()),
					strategy);
			for (Counterexample c : r.violations()) {
				out.println(c.scenario());
			}
			out.println("// " + r.summary());
			out.println();
			out.flush();
			violated += r.violations().size();
		}
		err.println("coco explore: " + chosen.size() + " platform(s), " + violated + " invariant violation(s)");
		return violated > 0 ? CocoCli.PROBLEMS : CocoCli.OK;
	}

	static long size(String s) {
		String t = s.trim().replace("_", "");
		try {
			if (t.startsWith("0x") || t.startsWith("0X")) {
				return Long.parseLong(t.substring(2), 16);
			}
			char unit = Character.toUpperCase(t.charAt(t.length() - 1));
			int shift = switch (unit) {
			case 'K' -> 10;
			case 'M' -> 20;
			case 'G' -> 30;
			default -> 0;
			};
			long v = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
			if (v <= 0) {
				throw new NumberFormatException();
			}
			return v << shift;
		} catch (RuntimeException e) {
			throw new IllegalArgumentException("bad size '" + s + "': write 4096, 4K, 2M or 0x1000");
		}
	}

	static Set<Attr> attrSet(String s) {
		Set<Attr> out = EnumSet.noneOf(Attr.class);
		if (s.trim().equals("none")) {
			return out;
		}
		for (String n : s.split("\\|")) {
			Attr a = Attr.get(n.trim());
			if (a == null) {
				throw new IllegalArgumentException("unknown attribute '" + n.trim() + "': use none or "
						+ String.join(", ", Attr.VALUES.stream().map(Attr::getLiteral).toList()) + ", joined by |");
			}
			out.add(a);
		}
		return out;
	}

	static Direction direction(String s) {
		Direction d = Direction.get(s.trim());
		if (d == null) {
			throw new IllegalArgumentException("unknown direction '" + s.trim() + "': use bidirectional, to-device or from-device");
		}
		return d;
	}
}

package org.coco.dsl.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `coco daemon start|stop|status`: a JVM kept warm for the batch commands run in this directory
 * (validate, run, generate, diagram, diff, explore). Once started, those commands go to it by themselves;
 * without one (or with COCO_DAEMON=off) they run in their own process as always.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
		description = { "Keep a warm coco JVM for the batch commands run in this directory: they start faster and run on compiled code.",
				"Each command still reads its files afresh; the answers are those of a new process. COCO_DAEMON=off bypasses it." },
		subcommands = { DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class, DaemonCommand.Run.class })
final class DaemonCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		spec.commandLine().usage(spec.commandLine().getOut());
		return CocoCli.USAGE;
	}

	/** Options that suit a short run and not a JVM that stays (C1 only, the serial collector, its sizing). */
	private static boolean shortRunOnly(String option) {
		return option.startsWith("-XX:TieredStopAtLevel") || option.equals("-XX:+UseSerialGC")
				|| option.startsWith("-XX:InitialRAMPercentage") || option.startsWith("-XX:NewRatio")
				|| option.startsWith("-XX:AOTCacheOutput") || option.startsWith("-XX:SharedArchiveFile")
				|| option.equals("-XX:+AutoCreateSharedArchive") || option.startsWith("-XX:StartFlightRecording");
	}

	@Command(name = "start", description = "Start the daemon of this directory (nothing if one runs).")
	static final class Start implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--idle-minutes", defaultValue = "180", description = "stop after this long without a command (default: ${DEFAULT-VALUE})")
		int idleMinutes;

		@Override
		public Integer call() throws IOException, InterruptedException {
			var out = spec.commandLine().getOut();
			var err = spec.commandLine().getErr();
			String running = DaemonClient.tell(DaemonProtocol.STATUS);
			if (running != null) {
				out.println(running);
				return CocoCli.OK;
			}
			Path cwd = DaemonAddress.cwd();
			DaemonAddress.createFolder();
			Path log = DaemonAddress.log(cwd);
			List<String> cmd = new ArrayList<>();
			if (new File("/usr/bin/setsid").canExecute()) {
				cmd.add("/usr/bin/setsid"); // its own session: closing the terminal does not stop it
			}
			cmd.add(ProcessHandle.current().info().command().orElse("java"));
			ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(o -> !shortRunOnly(o)).forEach(cmd::add);
			// (the throughput collector: the heap is reused by one command after another; measured in docs/performance.md)
			cmd.add("-XX:+UseParallelGC");
			cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CocoCli.class.getName(), "daemon", "run",
					"--idle-minutes", Integer.toString(Math.max(1, idleMinutes))));
			Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
					.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
			for (int i = 0; i < 600; i++) {
				String status = DaemonClient.tell(DaemonProtocol.STATUS);
				if (status != null) {
					out.println(status.replace("running", "started"));
					return CocoCli.OK;
				}
				if (!p.isAlive()) {
					break;
				}
				Thread.sleep(100);
			}
			p.destroy();
			err.println("coco: the daemon did not start; its log is " + log);
			return CocoCli.INTERNAL;
		}
	}

	@Command(name = "stop", description = "Stop the daemon of this directory.")
	static final class Stop implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Override
		public Integer call() throws InterruptedException {
			String text = DaemonClient.tell(DaemonProtocol.STOP);
			var out = spec.commandLine().getOut();
			if (text == null) {
				out.println("coco: no daemon runs for " + DaemonAddress.cwd());
				return CocoCli.OK;
			}
			Path socket = DaemonAddress.socket(DaemonAddress.cwd());
			for (int i = 0; i < 50 && Files.exists(socket); i++) {
				Thread.sleep(100);
			}
			out.println(text);
			return CocoCli.OK;
		}
	}

	@Command(name = "status", description = "Tell whether a daemon runs for this directory (exit 0) or not (exit 1).")
	static final class Status implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Override
		public Integer call() {
			String text = DaemonClient.tell(DaemonProtocol.STATUS);
			var out = spec.commandLine().getOut();
			if (text == null) {
				out.println("coco: no daemon runs for " + DaemonAddress.cwd());
				return CocoCli.PROBLEMS;
			}
			out.println(text);
			return CocoCli.OK;
		}
	}

	/** The daemon itself, in the foreground (what `start` runs in the background). */
	@Command(name = "run", hidden = true)
	static final class Run implements Callable<Integer> {
		@Option(names = "--idle-minutes", defaultValue = "180")
		int idleMinutes;

		@Override
		public Integer call() throws IOException {
			Path cwd = DaemonAddress.cwd();
			DaemonAddress.createFolder();
			Workspace.injector(); // Xtext's set-up once, before the first command
			new DaemonServer(DaemonAddress.socket(cwd), DaemonAddress.log(cwd), cwd, Duration.ofMinutes(Math.max(1, idleMinutes))).serve();
			return CocoCli.OK;
		}
	}
}

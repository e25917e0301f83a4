package org.coco.dsl.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The coco command. Exit codes: 0 clean, 1 problems found, 2 bad usage or unreadable input. */
@Command(name = "coco", mixinStandardHelpOptions = true, versionProvider = CocoCli.Version.class,
		description = "Describe confidential-computing platforms and check how the Linux DMA API behaves on them.",
		subcommands = { ValidateCommand.class, RunCommand.class, DiffCommand.class, ExploreCommand.class, GenerateCommand.class,
				DiagramCommand.class, LspCommand.class, DaemonCommand.class, CommandLine.HelpCommand.class })
public final class CocoCli implements Runnable {

	public static final int OK = 0;
	public static final int PROBLEMS = 1;
	public static final int USAGE = 2;
	public static final int INTERNAL = 3;

	/** The commands that load .coco files (their set-up starts before the command line is parsed). */
	private static final java.util.Set<String> LOADS_MODELS = java.util.Set.of("validate", "run", "generate", "diagram",
			"diff", "explore");

	public static void main(String[] args) {
		PhaseTimes.started();
		// Guice's class generation uses sun.misc.Unsafe, which JDK 24+ warns about on every start;
		// coco needs no AOP, so switch it off before the first injector is made.
		System.setProperty("guice_bytecode_gen_option", "DISABLED");
		quietLogging();
		if (args.length > 0 && LOADS_MODELS.contains(args[0])) {
			Integer answered = DaemonClient.forward(args, System.out, System.err);
			if (answered != null) {
				System.exit(answered); // the daemon of this directory ran it (coco daemon start)
			}
			Workspace.prepareInBackground();
		}
		int exit;
		try {
			exit = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
		} catch (OutOfMemoryError e) {
			// Workspace refuses input it estimates too large; this is the backstop, without a stack trace.
			System.err.println(outOfMemory());
			exit = INTERNAL;
		}
		System.exit(exit);
	}

	static String outOfMemory() {
		return "coco: out of memory (Java heap " + (Runtime.getRuntime().maxMemory() >> 20)
				+ " MB): split the model or give coco more memory, e.g. COCO_JAVA_OPTS=-Xmx8g ./coco ...";
	}

	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine cli = new CommandLine(new CocoCli());
		cli.setOut(out);
		cli.setErr(err);
		// Whatever goes wrong inside, a user sees one line, never a stack trace.
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			err.println("coco: internal error: " + ex);
			return INTERNAL;
		});
		return cli.execute(args);
	}

	/**
	 * Xtext and EMF log through log4j; on a terminal those lines (and their stack traces) are noise
	 * that would also corrupt machine-readable output. COCO_LOG=debug|info|warn turns them on, on stderr.
	 */
	static void quietLogging() {
		String level = System.getenv("COCO_LOG");
		org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
		root.removeAllAppenders();
		if (level == null || level.isBlank()) {
			root.setLevel(org.apache.log4j.Level.OFF);
			return;
		}
		root.setLevel(org.apache.log4j.Level.toLevel(level, org.apache.log4j.Level.WARN));
		var appender = new org.apache.log4j.ConsoleAppender(new org.apache.log4j.PatternLayout("%p %c{1} - %m%n"),
				org.apache.log4j.ConsoleAppender.SYSTEM_ERR);
		root.addAppender(appender);
	}

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

	static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			String v = CocoCli.class.getPackage().getImplementationVersion();
			return new String[] { "coco " + (v != null ? v : "development build") };
		}
	}
}

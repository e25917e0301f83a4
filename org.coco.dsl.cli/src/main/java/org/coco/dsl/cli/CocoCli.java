package org.coco.dsl.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The coco command. Exit codes: 0 clean, 1 problems found, 2 bad usage or unreadable input. */
@Command(name = "coco", mixinStandardHelpOptions = true, versionProvider = CocoCli.Version.class,
		description = "Describe confidential-computing platforms and check how the Linux DMA API behaves on them.",
		subcommands = { ValidateCommand.class, CommandLine.HelpCommand.class })
public final class CocoCli implements Runnable {

	public static final int OK = 0;
	public static final int PROBLEMS = 1;
	public static final int USAGE = 2;
	public static final int INTERNAL = 3;

	public static void main(String[] args) {
		System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
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

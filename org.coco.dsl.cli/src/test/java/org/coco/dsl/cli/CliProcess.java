package org.coco.dsl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real coco jar in its own process, as a user would. */
final class CliProcess {
	record Result(int exit, String out, String err) {
	}

	static Path examples() {
		return Paths.get(System.getProperty("coco.examples", "../examples")).toAbsolutePath().normalize();
	}

	static Result run(Path workDir, String... args) throws IOException, InterruptedException {
		return runWithJvmOptions(workDir, new String[0], args);
	}

	/** With JVM options before -jar, e.g. a small -Xmx to prove a huge input cannot exhaust the heap. */
	static Result runWithJvmOptions(Path workDir, String[] jvmOptions, String... args) throws IOException, InterruptedException {
		List<String> javaArgs = new ArrayList<>(List.of(jvmOptions));
		javaArgs.add("-jar");
		javaArgs.add(jar().toString());
		javaArgs.addAll(List.of(args));
		return java(workDir, javaArgs, "coco " + String.join(" ", args));
	}

	/** The coco jar the build made. */
	static Path jar() {
		return Paths.get(System.getProperty("coco.jar", "target/coco.jar")).toAbsolutePath();
	}

	/** The JDK's java with these arguments; {@code what} names it when it does not finish. */
	static Result java(Path workDir, List<String> javaArgs, String what) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(System.getProperty("coco.java", "java"));
		cmd.addAll(javaArgs);
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
		Path out = Files.createTempFile("coco-out", ".txt");
		Path err = Files.createTempFile("coco-err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile());
		Process p = pb.start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError(what + " did not finish in 120 s");
		}
		return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}
}

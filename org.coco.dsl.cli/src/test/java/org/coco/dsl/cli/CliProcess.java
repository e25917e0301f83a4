package org.coco.dsl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
		List<String> cmd = new ArrayList<>();
		cmd.add(System.getProperty("coco.java", "java"));
		cmd.addAll(List.of(jvmOptions));
		cmd.add("-jar");
		cmd.add(Paths.get(System.getProperty("coco.jar", "target/coco.jar")).toAbsolutePath().toString());
		cmd.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
		Path out = java.nio.file.Files.createTempFile("coco-out", ".txt");
		Path err = java.nio.file.Files.createTempFile("coco-err", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile());
		Process p = pb.start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("coco " + String.join(" ", args) + " did not finish in 120 s");
		}
		return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
				java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
	}
}

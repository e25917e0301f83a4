package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds examples/maven-consumer with Maven as its users would: the xtext-maven-plugin generates JUnit
 * tests from its .coco files and Surefire runs them. The coco artifacts it needs are put into a fresh
 * local repository; everything else comes from this build's own local repository (chained with
 * maven.repo.local.tail, read-only), so nothing is installed into the user's repository.
 */
class MavenConsumerTest {

	@TempDir
	Path tmp;

	private static final String VERSION = System.getProperty("coco.version", "1.0.0-SNAPSHOT");

	/** Puts a jar with a dependency-free pom into a local repository, as `mvn install` would. */
	private static void install(Path repo, String artifactId, Path jar) throws IOException {
		Path dir = repo.resolve("org/coco/" + artifactId + "/" + VERSION);
		Files.createDirectories(dir);
		Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
		Files.writeString(dir.resolve(artifactId + "-" + VERSION + ".pom"), """
				<?xml version="1.0" encoding="UTF-8"?>
				<project xmlns="http://maven.apache.org/POM/4.0.0">
				  <modelVersion>4.0.0</modelVersion>
				  <groupId>org.coco</groupId>
				  <artifactId>%s</artifactId>
				  <version>%s</version>
				</project>
				""".formatted(artifactId, VERSION));
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : s.toList()) {
				Path rel = from.relativize(p);
				if (rel.startsWith("target")) {
					continue;
				}
				Path dest = to.resolve(rel.toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(dest);
				} else {
					Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	@Test
	void consumerGeneratesAndRunsItsScenarioTests() throws Exception {
		Path root = Paths.get(System.getProperty("coco.root", "..")).toAbsolutePath().normalize();
		Path project = tmp.resolve("consumer");
		copyTree(root.resolve("examples/maven-consumer"), project);
		Path repo = tmp.resolve("repo");
		install(repo, "org.coco.dsl", Paths.get(System.getProperty("coco.dsl.jar",
				"../org.coco.dsl/target/org.coco.dsl-" + VERSION + ".jar")).toAbsolutePath());
		install(repo, "org.coco.dsl.cli", GeneratedTests.cocoJar());

		List<String> cmd = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-nsu", "-f",
				project.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + repo,
				"-Dcoco.version=" + VERSION));
		String outer = System.getProperty("coco.repo.local");
		if (outer != null && !outer.isBlank()) {
			cmd.add("-Dmaven.repo.local.tail=" + outer);
		}
		if (System.getProperty("coco.offline", "").equals("offline=true")) {
			cmd.add("-o");
		}
		cmd.add("verify");
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true);
		pb.environment().remove("MAVEN_PROJECTBASEDIR");
		pb.environment().remove("MAVEN_ARGS");
		Path log = tmp.resolve("build.log");
		pb.redirectOutput(log.toFile());
		Process p = pb.start();
		if (!p.waitFor(15, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("the consumer build did not finish in 15 minutes");
		}
		String out = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), () -> tail(out));
		Path generated = project.resolve("target/generated-test-sources/coco/consumer/ConsumerTdxTest.java");
		assertTrue(Files.isRegularFile(generated), () -> "not generated: " + generated + "\n" + tail(out));
		Matcher m = Pattern.compile("Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)\\s*$", Pattern.MULTILINE)
				.matcher(out);
		String last = null;
		while (m.find()) {
			last = m.group(0);
		}
		assertEquals("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0", last == null ? null : last.strip(), () -> tail(out));
	}

	private static String tail(String s) {
		return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
	}
}

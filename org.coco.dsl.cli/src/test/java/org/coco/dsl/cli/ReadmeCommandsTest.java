package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** CI must run exactly the test command README.md gives a new user. */
class ReadmeCommandsTest {

	@Test
	void ciRunsTheReadmeTestCommand() throws Exception {
		Path root = CliProcess.examples().getParent();
		List<String> readme = Files.readAllLines(root.resolve("README.md"));
		String command = null;
		for (int i = 0; i < readme.size(); i++) {
			if (readme.get(i).startsWith("Build everything and pass every test")) {
				for (int j = i + 1; j < readme.size() && command == null; j++) {
					if (readme.get(j).startsWith("    ")) {
						command = readme.get(j).trim();
					}
				}
			}
		}
		assertTrue(command != null && command.contains("./mvnw verify"), "README names the test command: " + command);
		String ci = Files.readString(root.resolve(".ci/run"));
		String expected = command;
		assertTrue(ci.lines().anyMatch(l -> l.trim().equals(expected)), ".ci/run runs `" + expected + "` verbatim");
	}
}

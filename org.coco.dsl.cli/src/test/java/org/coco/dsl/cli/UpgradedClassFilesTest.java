package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build raises the jar's Java 5 class files to Java 8 (build-tools/UpgradeClassFiles.java) so that ./coco's
 * start-up cache can hold them: every class it raised must still pass the JVM's verifier, and the classes it cannot
 * raise safely must be left as they were.
 */
class UpgradedClassFilesTest {

	private static List<String> raised() throws IOException {
		return Files.readAllLines(CliProcess.jar().resolveSibling("coco-upgraded-classes.txt"));
	}

	private static int version(JarFile jar, String className) throws IOException {
		var entry = jar.getJarEntry(className.replace('.', '/') + ".class");
		try (var in = jar.getInputStream(entry)) {
			byte[] head = in.readNBytes(8);
			return ((head[6] & 0xff) << 8) | (head[7] & 0xff);
		}
	}

	@Test
	void theJava5LibrariesCocoRunsOnAreRaised() throws IOException {
		List<String> raised = raised();
		try (JarFile jar = new JarFile(CliProcess.jar().toFile())) {
			// EMF (every model object), picocli (every command line), ANTLR (every parse): Java 5 class files upstream
			for (String c : List.of("org.eclipse.emf.ecore.impl.MinimalEObjectImpl", "picocli.CommandLine",
					"org.antlr.runtime.Lexer")) {
				assertTrue(raised.contains(c), c + " is not in the list of raised classes");
				assertEquals(52, version(jar, c), c);
			}
			for (String c : raised) {
				assertEquals(52, version(jar, c), c);
			}
			// names javax.jms, which is not in the jar: its frames cannot be computed against the real hierarchy
			assertFalse(raised.contains("org.apache.log4j.or.jms.MessageRenderer"));
			assertEquals(49, version(jar, "org.apache.log4j.or.jms.MessageRenderer"));
		}
	}

	/**
	 * The JVM loads and links (so verifies, against the jar's and the JDK's real classes) every raised class when it
	 * dumps a class-data archive of them, without running their static initialisers; a class that fails is reported.
	 */
	@Test
	void everyRaisedClassPassesTheVerifier(@TempDir Path dir) throws Exception {
		List<String> raised = raised();
		assertTrue(raised.size() > 1000, "only " + raised.size() + " classes raised");
		Path classList = dir.resolve("classes.txt");
		Files.write(classList, raised.stream().map(c -> c.replace('.', '/')).toList());
		CliProcess.Result r = CliProcess.java(dir, List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
				"-XX:SharedArchiveFile=" + dir.resolve("check.jsa"), "-cp", CliProcess.jar().toString()), "the class-data dump");
		String log = r.out() + r.err();
		assertEquals(0, r.exit(), log);
		assertFalse(log.contains("Verification failed"), log);
		assertFalse(log.contains("Preload Warning"), log);
	}
}

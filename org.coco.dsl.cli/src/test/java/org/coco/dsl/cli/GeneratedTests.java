package org.coco.dsl.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Compiles generated JUnit classes with javax.tools against coco.jar and JUnit, and runs them with the
 * JUnit Platform launcher in a class loader of their own, as a user's build would.
 */
final class GeneratedTests {
	private GeneratedTests() {
	}

	static Path cocoJar() {
		return CliProcess.jar();
	}

	/** Compiles every .java file under src into classes; throws with the compiler's output on failure. */
	static void compile(Path src, Path classes) throws IOException {
		List<String> files;
		try (Stream<Path> s = Files.walk(src)) {
			files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
		}
		if (files.isEmpty()) {
			throw new AssertionError("no .java files were generated under " + src);
		}
		Files.createDirectories(classes);
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
				cocoJar() + File.pathSeparator + System.getProperty("java.class.path"), "-Xlint:all", "-Werror",
				"-proc:none"));
		args.addAll(files);
		var out = new java.io.ByteArrayOutputStream();
		int rc = javac.run(null, out, out, args.toArray(String[]::new));
		if (rc != 0) {
			throw new AssertionError("generated tests do not compile (javac exit " + rc + "):\n" + out);
		}
	}

	/** Runs every compiled *Test class under classes, with coco.jar; returns the summary. */
	static TestExecutionSummary run(Path classes) throws IOException, ClassNotFoundException {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL(), cocoJar().toUri().toURL() },
				GeneratedTests.class.getClassLoader())) {
			Thread.currentThread().setContextClassLoader(loader);
			List<DiscoverySelector> selectors = new ArrayList<>();
			List<Path> classFiles;
			try (Stream<Path> s = Files.walk(classes)) {
				classFiles = s.filter(p -> p.toString().endsWith("Test.class")).toList();
			}
			for (Path f : classFiles) {
				String name = classes.relativize(f).toString().replace(File.separatorChar, '.');
				selectors.add(selectClass(loader.loadClass(name.substring(0, name.length() - ".class".length()))));
			}
			LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
			Launcher launcher = LauncherFactory.create();
			SummaryGeneratingListener listener = new SummaryGeneratingListener();
			launcher.execute(request, listener);
			return listener.getSummary();
		} finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}
}

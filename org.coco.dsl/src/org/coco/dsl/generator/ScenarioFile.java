package org.coco.dsl.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.CocoStandaloneSetup;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.Trace;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * What a generated JUnit test calls: loads the .coco text the generator embedded (the scenario file and
 * the files its platforms come from), runs one scenario as {@link CocoRuntime#run} does and fails with
 * {@code file.coco:LINE: expected ... but was ...} for every expectation and invariant that does not hold.
 * It throws AssertionError, so it needs no test framework.
 */
public final class ScenarioFile {
	private static Injector injector;

	private final String mainName;
	private final String[][] sources;
	private Resource main;
	private String loadProblems;
	/** One runner per loaded file: its platforms are booted once, not once per test method. */
	private ScenarioRunner runner;

	private ScenarioFile(String mainName, String[][] sources) {
		this.mainName = mainName;
		this.sources = sources;
	}

	/**
	 * @param mainName the scenario file's name
	 * @param sources  per file: its name, then its text in chunks (a class constant holds at most 64 KiB)
	 */
	public static ScenarioFile of(String mainName, String[][] sources) {
		return new ScenarioFile(mainName, sources);
	}

	private static synchronized Injector injector() {
		if (injector == null) {
			injector = new CocoStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	private synchronized void load() {
		if (main != null || loadProblems != null) {
			return;
		}
		XtextResourceSet rs = injector().getInstance(XtextResourceSet.class);
		List<Resource> loaded = new ArrayList<>();
		try {
			for (int i = 0; i < sources.length; i++) {
				String name = sources[i][0];
				StringBuilder text = new StringBuilder();
				for (int c = 1; c < sources[i].length; c++) {
					text.append(sources[i][c]);
				}
				// The file name is the last segment, so messages read "name.coco:LINE".
				Resource r = rs.createResource(URI.createURI("coco-embedded:/" + i + "/" + URI.encodeSegment(name, false)));
				r.load(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
				loaded.add(r);
				if (name.equals(mainName) && main == null) {
					main = r;
				}
			}
		} catch (IOException e) {
			loadProblems = mainName + ": cannot load the embedded text: " + e.getMessage();
			return;
		}
		EcoreUtil.resolveAll(rs);
		List<String> errors = new ArrayList<>();
		for (Resource r : loaded) {
			for (Issue issue : ((XtextResource) r).getResourceServiceProvider().getResourceValidator().validate(r,
					CheckMode.ALL, CancelIndicator.NullImpl)) {
				// a contradicted expectation is reported by check(), as the test's failure
				if (issue.getSeverity() == Severity.ERROR && !IssueCodes.EXPECTATION_CONTRADICTED.equals(issue.getCode())) {
					errors.add(GeneratedNames.sourceName(r) + ":" + issue.getLineNumber() + ":" + issue.getColumn() + ": "
							+ issue.getMessage());
				}
			}
		}
		if (main == null) {
			errors.add(mainName + ": not among the embedded files");
		}
		if (!errors.isEmpty()) {
			loadProblems = String.join("\n", errors);
		}
	}

	/** Runs the scenario and throws AssertionError listing every failed expectation and invariant. */
	public void check(String scenarioName) {
		load();
		if (loadProblems != null) {
			throw new AssertionError("the scenario file does not validate:\n" + loadProblems);
		}
		Scenario scenario = find(scenarioName);
		if (scenario == null) {
			throw new AssertionError(mainName + ": no scenario \"" + scenarioName + "\" (regenerate the tests)");
		}
		Trace trace = run(scenario);
		List<String> failures = failures(trace);
		if (!failures.isEmpty()) {
			throw new AssertionError(String.join("\n", failures) + "\n\ntrace:\n" + trace.describe());
		}
	}

	/** The runner is not thread-safe; test methods of one file may run in parallel. */
	private synchronized Trace run(Scenario scenario) {
		if (runner == null) {
			runner = new ScenarioRunner(RunOptions.defaults());
		}
		return runner.run(scenario);
	}

	/** One line per failed expectation or invariant: "file.coco:LINE: expected ... but was ...". */
	public static List<String> failures(Trace trace) {
		List<String> out = new ArrayList<>();
		for (var step : trace.steps()) {
			for (ExpectationResult e : step.expectations()) {
				if (!e.passed()) {
					out.add(where(e.source() != null ? e.source() : step.step()) + ": " + e.message());
				}
			}
		}
		for (Finding f : trace.unexpectedFindings()) {
			out.add(where(f.step()) + ": invariant " + f.invariant() + " violated: " + f.message()
					+ (f.rule() == null ? "" : " [" + f.rule().text() + "]"));
		}
		return out;
	}

	private static String where(org.eclipse.emf.ecore.EObject o) {
		String file = o == null || o.eResource() == null ? "?" : GeneratedNames.sourceName(o.eResource());
		return file + ":" + Fixtures.line(o);
	}

	private Scenario find(String name) {
		if (main.getContents().isEmpty() || !(main.getContents().get(0) instanceof Model model)) {
			return null;
		}
		for (TopLevel t : model.getElements()) {
			if (t instanceof Scenario s && name.equals(s.getName())) {
				return s;
			}
		}
		return null;
	}
}

package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Trace;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;


/**
 * "Run scenarios" for editors: runs every scenario of a file with the interpreter and reports the
 * traces as text plus the failed expectations with their place in the file. A file that does not
 * parse or link is not run; the report says so.
 */
public class ScenarioRuns {

	/** A failed expectation: where it is written and what went wrong. */
	public record Failure(int offset, int length, int line, String scenario, String message) {
	}

	/** text: the traces; passed/failed: scenarios; error: why nothing ran, or null. */
	public record Report(String text, int passed, int failed, List<Failure> failures, String error) {
	}

	public Report run(XtextResource resource) {
		// The interpreter needs a model that parses and links; validation errors such as a contradicted
		// expectation are exactly what a run is meant to show, so they do not stop it.
		EcoreUtil2.resolveAll(resource);
		long errors = resource.getErrors().size();
		if (errors > 0) {
			String why = "not run: the file has " + errors + " syntax or reference error(s); fix them first (see the Problems view)";
			return new Report(why + "\n", 0, 0, List.of(), why);
		}
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
			return new Report("no scenarios\n", 0, 0, List.of(), null);
		}
		StringBuilder text = new StringBuilder();
		List<Failure> failures = new ArrayList<>();
		int passed = 0;
		int failed = 0;
		List<Trace> traces;
		try {
			traces = CocoRuntime.runAll(model, RunOptions.defaults());
		} catch (RuntimeException e) {
			String why = "the interpreter stopped: " + e;
			return new Report(why + "\n", 0, 0, List.of(), why);
		}
		for (Trace t : traces) {
			text.append(t.describe());
			if (t.passed()) {
				passed++;
				text.append("  PASSED\n\n");
			} else {
				failed++;
				text.append("  FAILED: ").append(t.failures().size()).append(" expectation(s)\n\n");
				for (ExpectationResult e : t.failures()) {
					ICompositeNode node = e.source() == null ? null : NodeModelUtils.findActualNodeFor(e.source());
					failures.add(new Failure(node == null ? 0 : node.getOffset(), node == null ? 0 : node.getLength(),
							node == null ? 1 : node.getStartLine(), t.scenario().getName(), e.message()));
				}
			}
		}
		text.append(passed + failed).append(" scenario(s): ").append(passed).append(" passed, ").append(failed)
				.append(" failed\n");
		return new Report(text.toString(), passed, failed, failures, null);
	}
}

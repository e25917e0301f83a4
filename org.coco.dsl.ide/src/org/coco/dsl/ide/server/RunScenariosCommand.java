package org.coco.dsl.ide.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.Model;
import org.coco.dsl.semantics.CocoRuntime;
import org.coco.dsl.semantics.ExpectationResult;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.StepResult;
import org.coco.dsl.semantics.Trace;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.commands.IExecutableCommandService;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.gson.JsonPrimitive;

/**
 * workspace/executeCommand "coco.runScenarios" [uri]: runs every scenario of the file through the
 * interpreter and returns, per scenario, whether its expectations hold, the §6 invariant findings with
 * their lines, each step's outcome and deciding rule with its line, and the readable trace. Also
 * answers "coco.diff" and "coco.explore" ({@link AnalysisCommands}).
 */
public class RunScenariosCommand implements IExecutableCommandService {

	public static final String ID = "coco.runScenarios";

	@Override
	public List<String> initialize() {
		return List.of(ID, AnalysisCommands.DIFF, AnalysisCommands.EXPLORE);
	}

	@Override
	public Object execute(ExecuteCommandParams params, ILanguageServerAccess access, CancelIndicator cancelIndicator) {
		if (!initialize().contains(params.getCommand()) || params.getArguments() == null || params.getArguments().isEmpty()) {
			return Map.of("error", "usage: " + params.getCommand() + " <document uri> ...");
		}
		List<String> args = params.getArguments().stream().map(a -> a instanceof JsonPrimitive p ? p.getAsString() : String.valueOf(a))
				.toList();
		String uri = args.get(0);
		try {
			return access.doRead(uri, ctx -> {
				var contents = ctx.getResource().getContents();
				if (contents.isEmpty() || !(contents.get(0) instanceof Model model)) {
					return Map.of("error", "no coco model in " + uri);
				}
				if (AnalysisCommands.DIFF.equals(params.getCommand())) {
					return AnalysisCommands.diff(model, args);
				}
				if (AnalysisCommands.EXPLORE.equals(params.getCommand())) {
					return AnalysisCommands.explore(model, args);
				}
				List<Object> scenarios = new ArrayList<>();
				for (Trace trace : CocoRuntime.runAll(model, RunOptions.defaults())) {
					scenarios.add(toData(trace));
				}
				return Map.of("uri", uri, "scenarios", scenarios);
			}).get();
		} catch (Exception e) {
			return Map.of("error", "cannot run the scenarios of " + uri + ": " + e.getMessage());
		}
	}

	private static Map<String, Object> toData(Trace trace) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("scenario", trace.scenario().getName());
		s.put("platform", trace.platform().getName());
		s.put("profile", trace.profile().getLiteral());
		s.put("passed", trace.passed());
		s.put("succeeded", trace.succeeded());
		List<Object> invariants = new ArrayList<>();
		for (var f : trace.findings()) {
			invariants.add(Map.of("line", line(f.step()), "invariant", f.invariant(), "message", f.message()));
		}
		s.put("invariants", invariants);
		List<Object> steps = new ArrayList<>();
		for (StepResult step : trace.steps()) {
			Map<String, Object> st = new LinkedHashMap<>();
			st.put("line", line(step.step()));
			st.put("step", step.description());
			st.put("outcome", String.valueOf(step.outcome()));
			st.put("rule", String.valueOf(step.rule()));
			st.put("warnings", step.warnings());
			List<String> failures = new ArrayList<>();
			for (ExpectationResult e : step.expectations()) {
				if (!e.passed()) {
					failures.add("line " + line(e.source()) + ": " + e.message());
				}
			}
			st.put("failures", failures);
			steps.add(st);
		}
		s.put("steps", steps);
		s.put("trace", trace.describe());
		return s;
	}

	private static int line(EObject o) {
		ICompositeNode node = o == null ? null : NodeModelUtils.findActualNodeFor(o);
		return node == null ? 0 : node.getStartLine();
	}
}

package org.coco.dsl.validation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.ScenarioRunner;
import org.coco.dsl.semantics.Trace;
import org.eclipse.emf.common.notify.Notifier;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The scenario runs of a resource's last validations, kept for the next one: an editor validates the
 * whole file after every keystroke, and the interpreter ran every scenario each time though an edit
 * changes one scenario at most. Installed on a resource by the language server (see
 * PartialReparsingBuilder); ScenarioRunValidator runs every scenario anew where it is not installed.
 *
 * A run is reused only when nothing it can depend on has changed:
 * <ul>
 * <li>the file's text outside its scenarios (the platforms, imports, package, comments between the
 * scenarios, and where each scenario sits among them), and the objects there and those they refer to:
 * any change there drops every run;</li>
 * <li>the scenario's own text;</li>
 * <li>the very objects of the scenario (itself, its platform, everything it contains, and every object
 * it refers to): a partial parse that replaced one of them, or a reload, gives new objects;</li>
 * <li>every object the scenario and the platforms refer to lies in this resource (another file's
 * changes are not tracked here: such scenarios are run every time).</li>
 * </ul>
 * The interpreter is deterministic and reads only the scenario, the objects it refers to and its
 * platform (RunOptions.defaults(): no outside parameters), so equal text and equal objects give the
 * same trace. Diagnostics are made from the
 * trace at each validation, so their positions follow the text.
 */
public final class ScenarioRunCache extends AdapterImpl {

	/** A scenario's run and what it was computed from. */
	private record Entry(String text, List<EObject> objects, Trace trace) {
	}

	private final Map<Scenario, Entry> entries = new IdentityHashMap<>();
	/** The resource's text outside its scenarios when the entries were computed. */
	private String surroundings;
	/** The objects outside the scenarios and the targets of their references, then. */
	private List<EObject> outside;
	/**
	 * The runner of the scenarios run since the last change outside them: its boot images (one per platform,
	 * profile and overlays) depend on nothing else, so they serve the next validations too.
	 */
	private ScenarioRunner runner;
	private int runs;
	private int reuses;

	/** Keeps the resource's scenario runs from one validation to the next (idempotent). */
	public static ScenarioRunCache install(Resource resource) {
		ScenarioRunCache cache = of(resource);
		if (cache == null) {
			cache = new ScenarioRunCache();
			resource.eAdapters().add(cache);
		}
		return cache;
	}

	/** The resource's cache, or null if none is installed. */
	public static ScenarioRunCache of(Resource resource) {
		if (resource == null) {
			return null;
		}
		for (var a : resource.eAdapters()) {
			if (a instanceof ScenarioRunCache c) {
				return c;
			}
		}
		return null;
	}

	@Override
	public boolean isAdapterForType(Object type) {
		return type == ScenarioRunCache.class;
	}

	/** Runs made since installed (for tests: what was not reused). */
	public synchronized int runs() {
		return runs;
	}

	/** Runs reused since installed. */
	public synchronized int reuses() {
		return reuses;
	}

	/**
	 * Starts a validation of the resource: drops every run if the text outside the scenarios changed, and
	 * the runs of scenarios no longer in it. False if the resource has no node model (nothing is kept then).
	 */
	synchronized boolean startPass() {
		Notifier target = getTarget();
		if (!(target instanceof XtextResource r) || r.getParseResult() == null || r.getParseResult().getRootNode() == null
				|| r.getContents().isEmpty() || !(r.getContents().get(0) instanceof Model model)) {
			entries.clear();
			runner = null;
			surroundings = null;
			outside = null;
			return false;
		}
		String now = surroundings(r.getParseResult().getRootNode(), model);
		List<EObject> objects = outsideObjects(model);
		if (objects == null) { // a platform refers into another file, whose changes are not tracked here
			entries.clear();
			runner = null;
			surroundings = null;
			outside = null;
			return false;
		}
		if (!now.equals(surroundings) || outside == null || !sameObjects(outside, objects)) {
			entries.clear();
			runner = null;
			surroundings = now;
			outside = objects;
		}
		entries.keySet().removeIf(s -> s.eResource() != r || s.eContainer() != model);
		return true;
	}

	/** The runner for this validation's runs (kept while nothing outside the scenarios changes). */
	synchronized ScenarioRunner runner() {
		if (runner == null) {
			runner = new ScenarioRunner(RunOptions.defaults());
		}
		return runner;
	}

	/**
	 * The trace of the scenario: the last one if nothing it depends on changed, else a new run (kept).
	 * dependencies: the scenario's objects and the objects they refer to, in a fixed order; null when the
	 * run must not be kept (a reference into another resource).
	 */
	synchronized Trace trace(Scenario s, List<EObject> dependencies, Supplier<Trace> run) {
		ICompositeNode node = NodeModelUtils.getNode(s);
		if (dependencies == null || node == null || surroundings == null) {
			runs++;
			return run.get();
		}
		String text = node.getText();
		Entry e = entries.get(s);
		if (e != null && e.text.equals(text) && sameObjects(e.objects, dependencies)) {
			reuses++;
			return e.trace;
		}
		runs++;
		Trace t = run.get();
		if (t != null) {
			entries.put(s, new Entry(text, dependencies, t));
		} else {
			entries.remove(s);
		}
		return t;
	}

	/**
	 * The scenario's objects in the order of a walk over its contents: the scenario, its platform, then each
	 * object and the targets of its cross-references. Null if a reference leaves the resource or is not
	 * resolved (a proxy is in no resource).
	 */
	static List<EObject> dependencies(Scenario s) {
		Resource resource = s.eResource();
		if (s.getPlatform() == null || s.getPlatform().eResource() != resource) {
			return null;
		}
		List<EObject> objects = new ArrayList<>();
		objects.add(s);
		objects.add(s.getPlatform());
		for (var it = s.eAllContents(); it.hasNext();) {
			EObject o = it.next();
			objects.add(o);
			for (EObject ref : o.eCrossReferences()) {
				if (ref.eResource() != resource) {
					return null;
				}
				objects.add(ref);
			}
		}
		return objects;
	}

	/**
	 * The model's objects outside its scenarios and the targets of their references, in the order of a walk:
	 * a platform re-parsed or re-linked gives other objects, even with the same tokens. Null if a reference
	 * leaves the resource.
	 */
	static List<EObject> outsideObjects(Model model) {
		List<EObject> objects = new ArrayList<>();
		objects.add(model);
		for (var it = model.eAllContents(); it.hasNext();) {
			EObject o = it.next();
			if (o instanceof Scenario) {
				it.prune();
				continue;
			}
			objects.add(o);
			for (EObject ref : o.eCrossReferences()) {
				if (ref.eResource() != model.eResource()) {
					return null;
				}
				objects.add(ref);
			}
		}
		return objects;
	}

	private static boolean sameObjects(List<EObject> a, List<EObject> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (int i = 0; i < a.size(); i++) {
			if (a.get(i) != b.get(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The file's text outside its scenarios, with a mark where each scenario stands (so a scenario moved
	 * among the platforms changes it too). Text, not tokens: a space in a platform gives it new objects
	 * anyway (the partial parse replaces them), and copying text costs less than walking the tokens.
	 */
	static String surroundings(ICompositeNode root, Model model) {
		String text = root.getText();
		if (text.indexOf(SCENARIO) >= 0) {
			return text; // the mark would be ambiguous: the whole text, so that any change drops everything
		}
		int base = root.getTotalOffset();
		StringBuilder out = new StringBuilder(text.length());
		int at = 0;
		for (TopLevel t : model.getElements()) {
			INode n = t instanceof Scenario ? NodeModelUtils.getNode(t) : null;
			if (n == null) {
				continue;
			}
			int start = n.getTotalOffset() - base;
			int end = n.getTotalEndOffset() - base;
			if (start < at || end > text.length()) {
				return text; // not in text order as expected: the whole text
			}
			out.append(text, at, start).append(SCENARIO);
			at = end;
		}
		return out.append(text, at, text.length()).toString();
	}

	/** Marks a scenario's place. */
	private static final char SCENARIO = '\0';
}

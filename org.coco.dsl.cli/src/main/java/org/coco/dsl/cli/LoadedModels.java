package org.coco.dsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Scenario;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * The models of the files named on a command line, for commands that run the interpreter (diff,
 * explore): loaded and validated first, because running a model with errors would answer a question
 * about a different model. Also parses the profile and overlay names those commands take.
 */
final class LoadedModels {
	final List<Model> models = new ArrayList<>();

	/** Loads and validates; prints every error (file:line:col) and returns null if there is one. */
	static LoadedModels load(List<Path> inputs, PrintWriter err) {
		List<Diagnostic> problems = new ArrayList<>();
		List<Path> files = Workspace.expand(inputs, problems);
		Workspace ws = new Workspace();
		ws.load(files);
		problems.addAll(ws.validate().stream().filter(Diagnostic::isError).toList());
		if (!problems.isEmpty()) {
			problems.stream().distinct().sorted().forEach(d -> err.println(d.format()));
			err.println("coco: fix the errors above first (coco validate shows them all)");
			return null;
		}
		LoadedModels out = new LoadedModels();
		for (Resource r : ws.resources()) {
			for (EObject o : r.getContents()) {
				if (o instanceof Model m) {
					out.models.add(m);
				}
			}
		}
		return out;
	}

	List<Scenario> scenarios() {
		return models.stream().flatMap(m -> m.getElements().stream()).filter(Scenario.class::isInstance).map(Scenario.class::cast)
				.toList();
	}

	List<Platform> platforms() {
		return models.stream().flatMap(m -> m.getElements().stream()).filter(Platform.class::isInstance).map(Platform.class::cast)
				.toList();
	}

	/** A profile literal (base, ccs71, series-v6, series-v7), or a usage error. */
	static Profile profile(String name) {
		Profile p = Profile.get(name);
		if (p == null) {
			throw new IllegalArgumentException("unknown profile '" + name + "': use one of "
					+ String.join(", ", Profile.VALUES.stream().map(Profile::getLiteral).toList()));
		}
		return p;
	}

	/** "none" or a comma-separated list of overlay literals (ov-ms, ov-devsec, ...), or a usage error. */
	static Set<Overlay> overlays(String list) {
		Set<Overlay> out = EnumSet.noneOf(Overlay.class);
		if (list.isBlank() || list.equals("none")) {
			return out;
		}
		for (String n : list.split(",")) {
			Overlay o = Overlay.get(n.trim());
			if (o == null) {
				throw new IllegalArgumentException("unknown overlay '" + n.trim() + "': use none or a comma-separated list of "
						+ String.join(", ", Overlay.VALUES.stream().map(Overlay::getLiteral).toList()));
			}
			out.add(o);
		}
		return out;
	}
}

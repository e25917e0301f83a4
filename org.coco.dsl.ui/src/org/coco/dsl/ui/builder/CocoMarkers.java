package org.coco.dsl.ui.builder;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.validation.IssueCodes;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/**
 * coco problems as markers: one type, written by the builder (saved text) and the reconciler
 * (text being typed). The `code` attribute is the stable issue code users filter on.
 */
public final class CocoMarkers {
	private CocoMarkers() {
	}

	public static final String PROBLEM = "org.coco.dsl.ui.problem";
	/** The stable issue code (coco.*). */
	public static final String CODE = "code";
	/** Xtext's own issue code, which quick fix providers are keyed on. */
	public static final String XTEXT_CODE = "xtextCode";
	/** The issue data the validator computed for its quick fixes, joined by DATA_SEPARATOR. */
	public static final String DATA = "issueData";
	public static final String DATA_SEPARATOR = "\u001f";

	/** Replaces file's coco problem markers by issues; leaves them alone if nothing changed (no flicker). */
	public static void replace(IFile file, List<Issue> issues) {
		if (!file.exists()) {
			return;
		}
		try {
			List<Map<String, Object>> wanted = issues.stream().filter(i -> i.getSeverity() != Severity.IGNORE)
					.map(i -> attributes(file, i)).toList();
			IMarker[] existing = file.findMarkers(PROBLEM, false, IResource.DEPTH_ZERO);
			if (same(existing, wanted)) {
				return;
			}
			IWorkspace workspace = ResourcesPlugin.getWorkspace();
			workspace.run(monitor -> {
				file.deleteMarkers(PROBLEM, false, IResource.DEPTH_ZERO);
				for (Map<String, Object> a : wanted) {
					file.createMarker(PROBLEM, a);
				}
			}, workspace.getRuleFactory().markerRule(file), IWorkspace.AVOID_UPDATE, null);
		} catch (CoreException e) {
			CocoUiPlugin.log("cannot update problem markers of " + file.getFullPath(), e);
		}
	}

	public static void clear(IResource resource) throws CoreException {
		resource.deleteMarkers(PROBLEM, false, IResource.DEPTH_INFINITE);
	}

	private static Map<String, Object> attributes(IFile file, Issue issue) {
		Map<String, Object> a = new HashMap<>();
		a.put(IMarker.MESSAGE, issue.getMessage());
		a.put(IMarker.SEVERITY, switch (issue.getSeverity()) {
		case ERROR -> IMarker.SEVERITY_ERROR;
		case WARNING -> IMarker.SEVERITY_WARNING;
		default -> IMarker.SEVERITY_INFO;
		});
		if (issue.getLineNumber() != null) {
			a.put(IMarker.LINE_NUMBER, issue.getLineNumber());
			a.put(IMarker.LOCATION, "line " + issue.getLineNumber());
		}
		if (issue.getOffset() != null && issue.getLength() != null) {
			a.put(IMarker.CHAR_START, issue.getOffset());
			a.put(IMarker.CHAR_END, issue.getOffset() + issue.getLength());
		}
		a.put(CODE, IssueCodes.stable(issue.getCode()));
		if (issue.getData() != null && issue.getData().length > 0) {
			a.put(DATA, String.join(DATA_SEPARATOR, issue.getData()));
		}
		if (issue.getCode() != null) {
			a.put(XTEXT_CODE, issue.getCode());
		}
		return a;
	}

	private static boolean same(IMarker[] existing, List<Map<String, Object>> wanted) throws CoreException {
		if (existing.length != wanted.size()) {
			return false;
		}
		Set<Map<String, Object>> have = new HashSet<>();
		for (IMarker m : existing) {
			have.add(m.getAttributes());
		}
		for (Map<String, Object> w : wanted) {
			if (have.stream().noneMatch(h -> Objects.equals(h, w))) {
				return false;
			}
		}
		return true;
	}
}

package org.coco.dsl.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;

/**
 * Parses coco text for the editor: the file's text (the editor's, possibly unsaved) in a resource
 * set with the project's other .coco files (from disk), so cross-file names resolve.
 */
public final class CocoParser {
	private CocoParser() {
	}

	public static final String EXTENSION = "coco";

	public static URI uriOf(IFile file) {
		return URI.createPlatformResourceURI(file.getFullPath().toString(), true);
	}

	/** file may be null (text not in the workspace): then the text is parsed alone. */
	public static XtextResource parse(IFile file, String text) {
		XtextResourceSet set = CocoUiPlugin.get(XtextResourceSet.class);
		URI uri = file == null ? URI.createURI("inmemory:/unsaved.coco") : uriOf(file);
		XtextResource resource = (XtextResource) set.createResource(uri);
		load(resource, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
		if (file != null) {
			for (IFile other : cocoFiles(file.getProject())) {
				if (!other.equals(file)) {
					loadFile(set, other);
				}
			}
		}
		return resource;
	}

	/** All files of a project in one resource set, each as saved. */
	public static List<XtextResource> parseProject(IProject project) {
		XtextResourceSet set = CocoUiPlugin.get(XtextResourceSet.class);
		List<XtextResource> out = new ArrayList<>();
		for (IFile f : cocoFiles(project)) {
			XtextResource r = loadFile(set, f);
			if (r != null) {
				out.add(r);
			}
		}
		return out;
	}

	private static XtextResource loadFile(XtextResourceSet set, IFile file) {
		XtextResource r = (XtextResource) set.createResource(uriOf(file));
		try (InputStream in = file.getContents(true)) {
			load(r, in);
			return r;
		} catch (IOException | CoreException e) {
			set.getResources().remove(r);
			return null;
		}
	}

	private static void load(Resource resource, InputStream in) {
		try {
			resource.load(in, Map.of(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name()));
		} catch (IOException e) {
			// a byte stream in memory or a workspace file: parse errors are diagnostics, not exceptions
			CocoUiPlugin.log("cannot read " + resource.getURI(), e);
		}
	}

	/** The project's .coco files, derived ones (build output copies) excluded. */
	public static List<IFile> cocoFiles(IProject project) {
		List<IFile> out = new ArrayList<>();
		if (project == null || !project.isAccessible()) {
			return out;
		}
		try {
			project.accept(r -> {
				if (r.isDerived()) {
					return false;
				}
				if (r.getType() == IResource.FILE && EXTENSION.equals(r.getFileExtension())) {
					out.add((IFile) r);
				}
				return true;
			});
		} catch (CoreException e) {
			CocoUiPlugin.log("cannot list " + project.getName(), e);
		}
		return out;
	}
}

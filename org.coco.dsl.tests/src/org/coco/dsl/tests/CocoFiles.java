package org.coco.dsl.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.coco.dsl.coco.Model;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Loads coco files into one resource set, as the CLI and the editor do, so that `import` and
 * qualified platform names resolve across files.
 */
public class CocoFiles {
	private static final AtomicInteger COUNTER = new AtomicInteger();

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	public XtextResourceSet load(List<Path> files) {
		XtextResourceSet set = resourceSets.get();
		for (Path file : files) {
			set.getResource(uri(file), true);
		}
		EcoreUtil.resolveAll(set);
		return set;
	}

	public XtextResourceSet loadExamples() throws IOException {
		return load(Examples.all());
	}

	public XtextResourceSet empty() {
		return resourceSets.get();
	}

	public static URI uri(Path file) {
		return URI.createFileURI(file.toAbsolutePath().normalize().toString());
	}

	public static Model model(XtextResourceSet set, Path file) {
		return (Model) set.getResource(uri(file), false).getContents().get(0);
	}

	/** Parses text as a new file of the set (a fresh name each time) and resolves its links. */
	public Model parse(XtextResourceSet set, String name, String text) throws IOException {
		Resource resource = set.createResource(URI.createURI(name));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		EcoreUtil.resolveAll(resource);
		return (Model) resource.getContents().get(0);
	}

	public Model parse(XtextResourceSet set, String text) throws IOException {
		return parse(set, "synthetic" + COUNTER.incrementAndGet() + ".coco", text);
	}

	/** Places a copy of the model in a new resource of the set: it has no node model. */
	public Model detachedCopy(XtextResourceSet set, Model model) {
		Model copy = EcoreUtil.copy(model);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("copy" + COUNTER.incrementAndGet() + ".coco"));
		resource.getContents().add(copy);
		return copy;
	}

	/** EMF structural equality, with a readable failure. */
	public static boolean equal(EObject a, EObject b) {
		return new EcoreUtil.EqualityHelper().equals(a, b);
	}
}

package org.coco.dsl.ui.builder;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.coco.dsl.ui.CocoParser;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Validates the project's .coco files on build and on save (auto-build). Any .coco change
 * revalidates every .coco file of the project, so files that import a changed one (dependents)
 * get their markers updated too.
 */
public class CocoBuilder extends IncrementalProjectBuilder {

	public static final String ID = "org.coco.dsl.ui.builder";

	@Override
	protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
		IResourceDelta delta = kind == FULL_BUILD ? null : getDelta(getProject());
		if (delta == null || touchesCoco(delta)) {
			ProjectValidation.validate(getProject(), monitor);
		}
		return null;
	}

	@Override
	protected void clean(IProgressMonitor monitor) throws CoreException {
		CocoMarkers.clear(getProject());
	}

	private static boolean touchesCoco(IResourceDelta delta) throws CoreException {
		AtomicBoolean found = new AtomicBoolean();
		delta.accept(d -> {
			IResource r = d.getResource();
			if (r.getType() == IResource.FILE && CocoParser.EXTENSION.equals(r.getFileExtension())
					&& (d.getKind() != IResourceDelta.CHANGED || (d.getFlags() & IResourceDelta.CONTENT) != 0
							|| (d.getFlags() & IResourceDelta.REPLACED) != 0)) {
				found.set(true);
			}
			return !found.get();
		});
		return found.get();
	}
}

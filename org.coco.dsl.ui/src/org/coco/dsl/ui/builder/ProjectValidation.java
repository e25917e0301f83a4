package org.coco.dsl.ui.builder;

import java.util.List;

import org.coco.dsl.ui.CocoParser;
import org.coco.dsl.ui.CocoUiPlugin;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

/** Validates all saved .coco files of a project together (cross-file names resolve) into markers. */
public final class ProjectValidation {
	private ProjectValidation() {
	}

	public static void validate(IProject project, IProgressMonitor monitor) {
		List<XtextResource> resources = CocoParser.parseProject(project);
		SubMonitor sub = SubMonitor.convert(monitor, "Validating coco files", resources.size());
		IResourceValidator validator = CocoUiPlugin.get(IResourceValidator.class);
		for (XtextResource r : resources) {
			if (sub.isCanceled()) {
				throw new OperationCanceledException();
			}
			IFile file = ResourcesPlugin.getWorkspace().getRoot()
					.getFile(new org.eclipse.core.runtime.Path(r.getURI().toPlatformString(true)));
			List<Issue> issues;
			try {
				issues = validator.validate(r, CheckMode.ALL, sub::isCanceled);
			} catch (org.eclipse.xtext.service.OperationCanceledError e) {
				throw new OperationCanceledException();
			}
			CocoMarkers.replace(file, issues);
			sub.worked(1);
		}
	}

	/** Validates in the background (e.g. after an editor closed without saving). */
	public static void schedule(IProject project) {
		WorkspaceJob job = new WorkspaceJob("Validating coco files of " + project.getName()) {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) {
				validate(project, monitor);
				return Status.OK_STATUS;
			}
		};
		job.setSystem(true);
		job.setRule(ResourcesPlugin.getWorkspace().getRuleFactory().markerRule(project));
		job.schedule();
	}
}

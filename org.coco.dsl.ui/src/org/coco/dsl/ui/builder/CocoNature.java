package org.coco.dsl.ui.builder;

import java.util.Arrays;

import org.coco.dsl.ui.CocoUiPlugin;
import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * The coco nature puts the coco builder on a project. It is added without asking when a .coco
 * file is opened or created there: a project with coco files should just get validated.
 */
public class CocoNature implements IProjectNature {

	public static final String ID = "org.coco.dsl.ui.nature";

	private IProject project;

	/** Adds the nature (and so the builder) to project in the background, if it lacks it. */
	public static void ensureOn(IProject project) {
		try {
			if (project == null || !project.isAccessible() || project.hasNature(ID)) {
				return;
			}
		} catch (CoreException e) {
			return;
		}
		WorkspaceJob job = new WorkspaceJob("Adding coco validation to " + project.getName()) {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
				add(project, monitor);
				return Status.OK_STATUS;
			}
		};
		// changing natures locks the workspace root (natures may affect other projects)
		job.setRule(ResourcesPlugin.getWorkspace().getRoot());
		job.setSystem(true);
		job.schedule();
	}

	/** Adds the nature now (the caller holds the project's modify rule or none is needed). */
	public static void add(IProject project, IProgressMonitor monitor) throws CoreException {
		if (!project.isAccessible() || project.hasNature(ID)) {
			return;
		}
		IProjectDescription d = project.getDescription();
		String[] natures = Arrays.copyOf(d.getNatureIds(), d.getNatureIds().length + 1);
		natures[natures.length - 1] = ID;
		d.setNatureIds(natures);
		project.setDescription(d, monitor);
	}

	@Override
	public void configure() throws CoreException {
		IProjectDescription d = project.getDescription();
		ICommand[] commands = d.getBuildSpec();
		if (Arrays.stream(commands).anyMatch(c -> CocoBuilder.ID.equals(c.getBuilderName()))) {
			return;
		}
		ICommand command = d.newCommand();
		command.setBuilderName(CocoBuilder.ID);
		ICommand[] more = Arrays.copyOf(commands, commands.length + 1);
		more[commands.length] = command;
		d.setBuildSpec(more);
		project.setDescription(d, null);
	}

	@Override
	public void deconfigure() throws CoreException {
		IProjectDescription d = project.getDescription();
		d.setBuildSpec(Arrays.stream(d.getBuildSpec()).filter(c -> !CocoBuilder.ID.equals(c.getBuilderName()))
				.toArray(ICommand[]::new));
		project.setDescription(d, null);
		CocoMarkers.clear(project);
	}

	@Override
	public IProject getProject() {
		return project;
	}

	@Override
	public void setProject(IProject project) {
		this.project = project;
	}

	static void log(String message, Throwable t) {
		CocoUiPlugin.log(message, t);
	}
}

package org.coco.dsl.ui.wizard;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.coco.dsl.ide.editor.PlatformTemplates;
import org.coco.dsl.ide.editor.PlatformTemplates.Template;
import org.coco.dsl.ui.CocoUiPlugin;
import org.coco.dsl.ui.builder.CocoNature;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;

/** File > New > coco file: a platform of the chosen kind (from the examples) and an empty scenario on it. */
public class NewCocoFileWizard extends Wizard implements INewWizard {

	private IStructuredSelection selection;
	private Page page;

	@Override
	public void init(IWorkbench workbench, IStructuredSelection selection) {
		this.selection = selection;
		setWindowTitle("New coco file");
		setNeedsProgressMonitor(false);
	}

	@Override
	public void addPages() {
		page = new Page(selection);
		addPage(page);
	}

	/** The page (for tests: set the name and kind, then performFinish). */
	public Page page() {
		return page;
	}

	@Override
	public boolean performFinish() {
		IFile file = page.createNewFile();
		if (file == null) {
			return false;
		}
		CocoNature.ensureOn(file.getProject());
		try {
			IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), file);
		} catch (PartInitException e) {
			CocoUiPlugin.log("cannot open " + file.getFullPath(), e);
		}
		return true;
	}

	public static final class Page extends WizardNewFileCreationPage {
		private final List<Template> templates = Templates.all();
		private Combo kind;

		Page(IStructuredSelection selection) {
			super("newCocoFile", selection == null ? org.eclipse.jface.viewers.StructuredSelection.EMPTY : selection);
			setTitle("coco file");
			setDescription("A platform of the chosen kind, from the examples, and a scenario to start from.");
			setFileExtension("coco");
		}

		@Override
		protected void createAdvancedControls(Composite parent) {
			Composite row = new Composite(parent, SWT.NONE);
			row.setLayout(new GridLayout(2, false));
			row.setLayoutData(new GridData(GridData.FILL_HORIZONTAL));
			new Label(row, SWT.NONE).setText("Platform &kind:");
			kind = new Combo(row, SWT.READ_ONLY);
			for (Template t : templates) {
				kind.add(t.kind());
			}
			if (!templates.isEmpty()) {
				kind.select(0);
			}
			super.createAdvancedControls(parent);
		}

		public List<String> kinds() {
			return templates.stream().map(Template::kind).toList();
		}

		public void selectKind(String k) {
			kind.select(kinds().indexOf(k));
		}

		@Override
		protected InputStream getInitialContents() {
			int i = kind == null ? -1 : kind.getSelectionIndex();
			if (i < 0 || i >= templates.size()) {
				return new ByteArrayInputStream(new byte[0]);
			}
			String text = PlatformTemplates.named(templates.get(i), platformName(getFileName()));
			return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		}

		/** "my-lab.coco" -> "MyLab": the platform is named after its file, so files do not clash. */
		static String platformName(String fileName) {
			String base = fileName.endsWith(".coco") ? fileName.substring(0, fileName.length() - 5) : fileName;
			StringBuilder sb = new StringBuilder();
			boolean upper = true;
			for (char c : base.toCharArray()) {
				if (Character.isLetterOrDigit(c)) {
					sb.append(upper ? Character.toUpperCase(c) : c);
					upper = false;
				} else {
					upper = true;
				}
			}
			if (sb.isEmpty() || !Character.isLetter(sb.charAt(0))) {
				sb.insert(0, "Platform");
			}
			return sb.toString();
		}
	}
}

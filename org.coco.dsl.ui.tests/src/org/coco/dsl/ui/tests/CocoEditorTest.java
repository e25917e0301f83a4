package org.coco.dsl.ui.tests;

import static org.coco.dsl.ui.tests.Workbench.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.coco.dsl.ide.editor.Outline;
import org.coco.dsl.ide.editor.ScenarioRuns.Report;
import org.coco.dsl.ui.builder.CocoNature;
import org.coco.dsl.ui.editor.CocoContentAssistProcessor;
import org.coco.dsl.ui.editor.CocoHyperlinkDetector;
import org.coco.dsl.ui.editor.CocoOutlinePage;
import org.coco.dsl.ui.editor.CocoTextHover;
import org.coco.dsl.ui.run.RunScenariosHandler;
import org.coco.dsl.ui.run.TraceView;
import org.coco.dsl.ui.wizard.NewCocoFileWizard;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.ITextViewerExtension5;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.quickassist.IQuickAssistAssistant;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.ISourceViewerExtension3;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coco editor in a real workbench, on the examples: each test drives what a user would do. */
class CocoEditorTest {

	private static final long TIMEOUT = 30_000;

	/** A platform without technology (coco.missing-setting) and a scenario naming an unknown device. */
	private static final String BROKEN = """
			// A platform that forgot its technology.
			platform Broken {
			    phys-bits 52
			    pool swiotlb default size 64M
			    device nic : pci {
			        dma-mask 64
			    }
			}

			scenario "maps to a device that is not there" on Broken {
			    buf = alloc pages 8K
			    m = map buf -> nosuch to-device
			}
			""";

	@AfterEach
	void closeEditors() {
		page().closeAllEditors(false);
	}

	@Test
	void syntaxAndSemanticColoring() throws Exception {
		IFile file = write(project("coloring"), "sev-snp-guest.coco", example("sev-snp-guest.coco"));
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		ISourceViewer viewer = viewer(editor);
		int reference = offsetOf(doc, "map buf -> legacy") + "map buf -> ".length();
		waitUntil("semantic coloring of the device reference", TIMEOUT,
				() -> rgb(viewer, reference) != null && rgb(viewer, reference).equals(new RGB(0, 128, 0)));

		int keyword = offsetOf(doc, "platform SnpGuest");
		assertEquals(new RGB(127, 0, 85), rgb(viewer, keyword), "keyword color");
		assertEquals(SWT.BOLD, style(viewer, keyword).fontStyle & SWT.BOLD, "keywords are bold");
		assertEquals(new RGB(125, 66, 0), rgb(viewer, offsetOf(doc, "c-bit 51") + 6), "number color");
		assertEquals(new RGB(125, 66, 0), rgb(viewer, offsetOf(doc, "size 64M") + 5), "sizes are numbers");
		assertEquals(new RGB(0, 0, 192), rgb(viewer, offsetOf(doc, "technology sev-snp") + 11), "enum values (attributes)");
		assertEquals(new RGB(63, 127, 95), rgb(viewer, 0), "comment color");
		assertEquals(new RGB(0, 102, 153), rgb(viewer, keyword + "platform ".length()), "platform name");
		int on = offsetOf(doc, "on SnpGuest {") + 3;
		assertEquals(new RGB(0, 102, 153), rgb(viewer, on), "platform reference");
		assertEquals(new RGB(128, 0, 128), rgb(viewer, offsetOf(doc, "unmap m") + 6), "buffer reference");
		assertEquals(new RGB(150, 75, 0), rgb(viewer, offsetOf(doc, "nic_bar ->") + 1), "MMIO reference");
		screenshot("editor-coloring.png");
	}

	@Test
	void contentAssistProposesDevicesKeywordsAndValues() throws Exception {
		IFile file = write(project("assist"), "sev-snp-guest.coco", example("sev-snp-guest.coco"));
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		ISourceViewer viewer = viewer(editor);

		int afterArrow = offsetOf(doc, "map buf -> legacy") + "map buf -> ".length();
		doc.replace(afterArrow, "legacy".length(), "");
		List<String> devices = proposals(viewer, afterArrow);
		assertTrue(devices.containsAll(List.of("nic", "legacy", "nvme")), "device names: " + devices);

		doc.replace(afterArrow, 0, "le");
		assertEquals(List.of("legacy"), proposals(viewer, afterArrow + 2).stream().filter(p -> !p.isBlank()).toList(),
				"the prefix filters");

		int technology = offsetOf(doc, "sev-snp\n");
		doc.replace(technology, "sev-snp".length(), "");
		List<String> values = proposals(viewer, technology);
		assertTrue(values.containsAll(List.of("sev-snp", "tdx", "cca-realm", "non-cc")), "technologies: " + values);

		int member = offsetOf(doc, "    heap system\n");
		List<String> keywords = proposals(viewer, member + 4);
		assertTrue(keywords.containsAll(List.of("device", "pool", "heap", "mmio")), "member keywords: " + keywords);
	}

	@Test
	void contentAssistProposesOnlyTheTsmOperationsTheDeviceAccepts() throws Exception {
		IFile file = write(project("tsm"), "sev-snp-guest.coco", example("sev-snp-guest.coco"));
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		ISourceViewer viewer = viewer(editor);
		// §2.2 ov-devsec: after a refused accept the NIC is still unlocked: lock, not accept
		String refused = "    nic accept expect errno EINVAL expect t0\n";
		int end = offsetOf(doc, refused) + refused.length();
		doc.replace(end, 0, "    nic l\n");
		List<String> l = proposals(viewer, end + "    nic l".length());
		doc.replace(end, "    nic l\n".length(), "    nic a\n");
		List<String> a = proposals(viewer, end + "    nic a".length());
		// once locked it can be accepted (`expect ok` ends the lock step: a bare `nic lock` would take
		// the next line's device name as its optional tsm name)
		doc.replace(end, "    nic a\n".length(), "    nic lock expect ok\n    nic a\n");
		List<String> lockedA = proposals(viewer, end + "    nic lock expect ok\n    nic a".length());
		String all = "l: " + l + " a: " + a + " locked a: " + lockedA;
		assertTrue(l.contains("lock"), all);
		assertFalse(a.contains("accept"), all);
		assertTrue(lockedA.contains("accept"), all);
	}

	@Test
	void buildMarksProblemsWithTheirCodeAndRevalidatesDependents() throws Exception {
		IProject project = project("build");
		IFile broken = write(project, "broken.coco", BROKEN);
		IFile platforms = write(project, "lab-platforms.coco", example("multi-file/lab-platforms.coco"));
		IFile scenarios = write(project, "lab-scenarios.coco", example("multi-file/lab-scenarios.coco"));
		open(broken);
		waitUntil("the coco nature on a project with a .coco file open", TIMEOUT, () -> hasNature(project));
		closeEditors();
		project.build(IncrementalProjectBuilder.FULL_BUILD, null);
		waitUntil("problem markers", TIMEOUT, () -> !problems(broken, "coco.missing-setting").isEmpty());

		IMarker missing = problems(broken, "coco.missing-setting").get(0);
		assertEquals(2, missing.getAttribute(IMarker.LINE_NUMBER, -1));
		assertEquals(IMarker.SEVERITY_ERROR, missing.getAttribute(IMarker.SEVERITY, -1));
		assertTrue(missing.getAttribute(IMarker.MESSAGE, "").contains("needs a technology"));
		IMarker unresolved = problems(broken, "coco.unresolved-reference").get(0);
		assertEquals(12, unresolved.getAttribute(IMarker.LINE_NUMBER, -1));
		assertEquals(BROKEN.indexOf("nosuch"), unresolved.getAttribute(IMarker.CHAR_START, -1));
		assertTrue(markers(scenarios, PROBLEM).isEmpty(), "the imported platform resolves: " + messages(scenarios));

		// renaming the platform in one file breaks the file that uses it
		write(project, "lab-platforms.coco", example("multi-file/lab-platforms.coco").replace("LabTdx", "LabTdx2"));
		project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
		waitUntil("an unresolved-reference marker in the dependent file", TIMEOUT,
				() -> !problems(scenarios, "coco.unresolved-reference").isEmpty());
		write(project, "lab-platforms.coco", example("multi-file/lab-platforms.coco"));
		project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
		waitUntil("the dependent file clean again", TIMEOUT, () -> markers(scenarios, PROBLEM).isEmpty());
		assertTrue(markers(platforms, PROBLEM).isEmpty(), messages(platforms));
	}

	@Test
	void reconcilingMarksProblemsWhileTypingAndQuickFixClearsThem() throws Exception {
		IFile file = write(project("quickfix"), "broken.coco", BROKEN);
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		waitUntil("a missing-setting marker", TIMEOUT, () -> !problems(file, "coco.missing-setting").isEmpty());
		page().showView(IPageLayout.ID_PROBLEM_VIEW);
		page().showView(IPageLayout.ID_OUTLINE);
		page().activate(editor);
		settle(1500);
		expandTreeItems("Errors");
		screenshot("editor-with-markers.png");

		// typing: the marker of the unknown device goes when the name is fixed, before saving
		int nosuch = offsetOf(doc, "nosuch");
		doc.replace(nosuch, "nosuch".length(), "nic");
		waitUntil("the unresolved-reference marker gone while typing", TIMEOUT,
				() -> problems(file, "coco.unresolved-reference").isEmpty());
		assertTrue(editor.isDirty());

		IMarker missing = problems(file, "coco.missing-setting").get(0);
		assertTrue(IDE.getMarkerHelpRegistry().hasResolutions(missing));
		List<String> labels = Arrays.stream(IDE.getMarkerHelpRegistry().getResolutions(missing)).map(IMarkerResolution::getLabel).toList();
		assertTrue(labels.contains("Add 'technology non-cc'"), labels.toString());

		// Ctrl+1 on the marker: the Generic Editor's quick assist offers the marker resolution
		ISourceViewer viewer = viewer(editor);
		int at = missing.getAttribute(IMarker.CHAR_START, -1) + 1;
		IQuickAssistAssistant assistant = ((ISourceViewerExtension3) viewer).getQuickAssistAssistant();
		ICompletionProposal[] proposals = assistant.getQuickAssistProcessor()
				.computeQuickAssistProposals(new TextInvocationContext(viewer, at, 0));
		ICompletionProposal add = Arrays.stream(proposals == null ? new ICompletionProposal[0] : proposals)
				.filter(p -> p.getDisplayString().contains("technology")).findFirst()
				.orElseThrow(() -> new AssertionError("Ctrl+1 offers no technology fix at " + at));
		add.apply(doc);
		assertTrue(doc.get().contains("platform Broken {\n    technology non-cc\n    phys-bits 52"), doc.get());
		waitUntil("the missing-setting marker gone", TIMEOUT, () -> problems(file, "coco.missing-setting").isEmpty());
		assertTrue(markers(file, PROBLEM).stream().noneMatch(m -> m.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR),
				messages(file));
	}

	@Test
	void typingInALargeFileStaysResponsiveAndTheLastEditIsValidated() throws Exception {
		String example = example("sev-snp-guest.coco");
		StringBuilder big = new StringBuilder();
		for (int i = 0; i < 40; i++) {
			big.append(example.replace("SnpGuest", "SnpGuest" + i)).append('\n');
		}
		IFile file = write(project("large"), "large.coco", big.toString());
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		settle(2000);
		long worst = 0;
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			doc.replace(doc.getLength(), 0, i % 2 == 0 ? "x" : " ");
			settle(0);
			worst = Math.max(worst, System.nanoTime() - start);
			Thread.sleep(40);
		}
		long worstMs = worst / 1_000_000;
		assertTrue(worstMs < 1500, "an edit held the UI thread for " + worstMs + " ms (" + doc.getNumberOfLines() + " lines)");
		// validation jobs were cancelled by the edits; the last text still gets its marker
		waitUntil("a syntax marker on the last line", TIMEOUT,
				() -> problems(file, "coco.syntax").stream().anyMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == doc.getNumberOfLines()));
	}

	@Test
	void formatCommandFormatsTheFile() throws Exception {
		String original = example("sev-snp-guest.coco");
		String messy = original.replace("    technology sev-snp", "technology    sev-snp").replace("platform SnpGuest {",
				"platform SnpGuest{").replace("        dma-mask 64\n", "  dma-mask   64\n");
		IFile file = write(project("format"), "sev-snp-guest.coco", messy);
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
		handlers.executeCommand("org.coco.dsl.ui.format", null);
		String formatted = doc.get();
		assertTrue(formatted.contains("platform SnpGuest {\n    technology sev-snp\n"), formatted);
		assertTrue(formatted.contains("    device nic : pci {\n        dma-mask 64\n"), formatted);
		assertEquals(messy.replaceAll("\\s", ""), formatted.replaceAll("\\s", ""), "only whitespace changed");
		handlers.executeCommand("org.coco.dsl.ui.format", null);
		assertEquals(formatted, doc.get(), "formatting is stable");
	}

	@Test
	void hoverShowsKeywordAndElementDocumentation() throws Exception {
		IFile file = write(project("hover"), "sev-snp-guest.coco", example("sev-snp-guest.coco"));
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		String keyword = CocoTextHover.hoverText(doc, offsetOf(doc, "technology sev-snp") + 2);
		assertNotNull(keyword);
		assertTrue(keyword.contains("confidential-computing technology"), keyword);
		String device = CocoTextHover.hoverText(doc, offsetOf(doc, "map buf -> legacy") + "map buf -> ".length() + 1);
		assertNotNull(device);
		assertTrue(device.contains("device legacy : pci"), device);
		assertTrue(device.contains("dma-mask 32"), device);
	}

	@Test
	void goToDefinitionInTheFileAndAcrossFiles() throws Exception {
		IProject project = project("navigation");
		write(project, "lab-platforms.coco", example("multi-file/lab-platforms.coco"));
		IFile scenarios = write(project, "lab-scenarios.coco", example("multi-file/lab-scenarios.coco"));
		ITextEditor editor = open(scenarios);
		IDocument doc = document(editor);

		int ref = offsetOf(doc, "on LabTdx {") + 4;
		IHyperlink[] links = new CocoHyperlinkDetector().detectHyperlinks(viewer(editor), new Region(ref, 0), false);
		assertNotNull(links, "a link on the platform reference");
		assertEquals(ref - 1, links[0].getHyperlinkRegion().getOffset());
		links[0].open();
		ITextEditor target = (ITextEditor) page().getActiveEditor();
		assertEquals("lab-platforms.coco", target.getEditorInput().getName());
		ITextSelection selection = (ITextSelection) target.getSelectionProvider().getSelection();
		assertEquals("LabTdx", selection.getText());
		assertEquals(document(target).get().indexOf("platform LabTdx") + "platform ".length(), selection.getOffset());

		page().activate(editor);
		int device = offsetOf(doc, "-> virtio_net") + 4;
		IHyperlink[] local = new CocoHyperlinkDetector().detectHyperlinks(viewer(editor), new Region(device, 0), false);
		assertNotNull(local);
		local[0].open();
		assertEquals("lab-platforms.coco", page().getActiveEditor().getEditorInput().getName(),
				"the device is declared with the platform");
	}

	@Test
	void outlineAndFolding() throws Exception {
		IFile file = write(project("outline"), "sev-snp-guest.coco", example("sev-snp-guest.coco"));
		ITextEditor editor = open(file);
		IDocument doc = document(editor);
		ContentOutline view = (ContentOutline) page().showView(IPageLayout.ID_OUTLINE);
		page().activate(editor);
		waitUntil("the coco outline page", TIMEOUT, () -> view.getCurrentPage() instanceof CocoOutlinePage p && !p.nodes().isEmpty());
		List<Outline.Node> nodes = ((CocoOutlinePage) view.getCurrentPage()).nodes();
		assertEquals("platform SnpGuest (sev-snp)", nodes.get(0).label());
		assertTrue(nodes.get(0).children().stream().anyMatch(n -> n.label().equals("device nic : pci")),
				nodes.get(0).children().toString());
		assertTrue(nodes.stream().anyMatch(n -> n.label().equals("scenario \"accept without lock is refused\" on SnpGuest")));

		ProjectionViewer viewer = (ProjectionViewer) viewer(editor);
		waitUntil("folding regions", TIMEOUT, () -> foldedLines(viewer, doc).contains(doc.get().indexOf("platform SnpGuest")));
		List<Integer> starts = foldedLines(viewer, doc);
		assertTrue(starts.contains(doc.get().indexOf("scenario \"accept without lock")), "scenario folds: " + starts);
		assertTrue(starts.contains(doc.get().lastIndexOf("\n", doc.get().indexOf("device nic")) + 1), "device folds");
		assertFalse(starts.contains(0), "no indentation folding of the leading comment");
	}

	@Test
	void runScenariosShowsTracesAndMarksFailedExpectations() throws Exception {
		IFile file = write(project("run"), "sev-snp-guest.coco", example("sev-snp-guest.coco"));
		ITextEditor editor = open(file);
		Report ok = RunScenariosHandler.run(editor, page());
		assertTrue(ok.passed() > 3, ok.text());
		assertEquals(0, ok.failed(), ok.text());

		IDocument doc = document(editor);
		int expectation = offsetOf(doc, "expect bounce via default expect t0");
		doc.replace(expectation, "expect bounce via default".length(), "expect direct");
		IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
		handlers.executeCommand("org.coco.dsl.ui.runScenarios", null);
		TraceView view = (TraceView) page().findView(TraceView.ID);
		assertNotNull(view);
		String text = view.text();
		int fail = text.indexOf("FAIL expected direct");
		assertTrue(fail >= 0, text);
		assertEquals(new RGB(200, 0, 0), view.styleAt(fail + 6).foreground.getRGB(), "failures are red");
		List<IMarker> failures = markers(file, RunScenariosHandler.FAILURE);
		assertEquals(1, failures.size());
		assertEquals(doc.getLineOfOffset(expectation) + 1, failures.get(0).getAttribute(IMarker.LINE_NUMBER, -1));
		assertTrue(failures.get(0).getAttribute(IMarker.MESSAGE, "").contains("expected direct"));
	}

	@Test
	void newFileWizardCreatesAValidPlatformOfTheChosenKind() throws Exception {
		IProject project = project("wizard");
		NewCocoFileWizard wizard = new NewCocoFileWizard();
		wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
		WizardDialog dialog = new WizardDialog(page().getWorkbenchWindow().getShell(), wizard);
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			var page = wizard.page();
			assertTrue(page.kinds().containsAll(List.of("sev-snp", "tdx", "cca-realm", "pkvm", "s390-pv")), page.kinds().toString());
			page.setFileName("my-lab.coco");
			page.selectKind("tdx");
			assertTrue(wizard.performFinish());
		} finally {
			dialog.close();
		}
		IFile file = project.getFile("my-lab.coco");
		assertTrue(file.exists());
		String text = new String(file.getContents().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(text.contains("platform MyLab {"), text);
		assertTrue(text.contains("technology tdx"), text);
		assertTrue(text.contains("on MyLab {"), text);
		waitUntil("the coco nature", TIMEOUT, () -> hasNature(project));
		project.build(IncrementalProjectBuilder.FULL_BUILD, null);
		assertTrue(markers(file, PROBLEM).stream().noneMatch(m -> m.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR),
				messages(file));
	}

	// ---- helpers

	private static List<String> proposals(ISourceViewer viewer, int offset) {
		ICompletionProposal[] ps = new CocoContentAssistProcessor().computeCompletionProposals(viewer, offset);
		List<String> out = new ArrayList<>();
		for (ICompletionProposal p : ps) {
			String s = p.getDisplayString();
			int dash = s.indexOf(" - ");
			out.add(dash > 0 ? s.substring(0, dash) : s);
		}
		return out;
	}

	private static StyleRange style(ISourceViewer viewer, int modelOffset) {
		int widget = viewer instanceof ITextViewerExtension5 e ? e.modelOffset2WidgetOffset(modelOffset) : modelOffset;
		return viewer.getTextWidget().getStyleRangeAtOffset(widget);
	}

	private static RGB rgb(ISourceViewer viewer, int modelOffset) {
		StyleRange s = style(viewer, modelOffset);
		return s == null || s.foreground == null ? null : s.foreground.getRGB();
	}

	private static List<Integer> foldedLines(ProjectionViewer viewer, IDocument doc) {
		List<Integer> out = new ArrayList<>();
		ProjectionAnnotationModel model = viewer.getProjectionAnnotationModel();
		if (model == null) {
			return out;
		}
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Position p = model.getPosition(it.next());
			if (p != null) {
				out.add(p.getOffset());
			}
		}
		return out;
	}

	private static boolean hasNature(IProject project) {
		try {
			return project.hasNature(CocoNature.ID);
		} catch (Exception e) {
			return false;
		}
	}

	private static String messages(IFile file) {
		return markers(file, PROBLEM).stream().map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList().toString();
	}

	/** Expands top-level tree items starting with label (the Problems view's severity groups), for the screenshot. */
	private static void expandTreeItems(String label) {
		List<Tree> trees = new ArrayList<>();
		collectTrees(page().getWorkbenchWindow().getShell(), trees);
		for (Tree tree : trees) {
			for (TreeItem item : tree.getItems()) {
				if (item.getText().startsWith(label)) {
					Event e = new Event();
					e.item = item;
					tree.notifyListeners(SWT.Expand, e);
					item.setExpanded(true);
				}
			}
		}
		settle(500);
	}

	private static void collectTrees(Control control, List<Tree> out) {
		if (control instanceof Tree t) {
			out.add(t);
		}
		if (control instanceof Composite c) {
			for (Control child : c.getChildren()) {
				collectTrees(child, out);
			}
		}
	}

	private static void screenshot(String name) throws Exception {
		settle(500);
		OpenExampleInEditorTest.screenshot(name);
	}
}

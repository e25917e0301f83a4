package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.coco.dsl.coco.Model;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/**
 * The two-thread validation of `coco validate` gives exactly Xtext's issues (position, severity, code, message)
 * in Xtext's order, on every example and on a model with syntax, linking and validation problems in both halves.
 */
class SplitValidatorTest {

	@Test
	void examplesGiveXtextsIssuesInXtextsOrder() throws Exception {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(CliProcess.examples())) {
			files = walk.filter(p -> p.toString().endsWith(".coco")).sorted().toList();
		}
		assertTrue(files.size() >= 10, files.toString());
		int split = 0;
		for (Path file : files) {
			XtextResource r = load(Files.readString(file), file.getFileName().toString());
			List<Issue> issues = new SplitValidator(Workspace.injector()).validate(r, 0);
			if (((Model) r.getContents().get(0)).getElements().size() >= 2) {
				split++;
				assertEquals(xtext(file), issues(issues), file.toString());
			} else {
				assertNull(issues, file.toString());
			}
		}
		assertTrue(split >= 10, "examples with two or more top-level elements: " + split);
	}

	@Test
	void problemsOnBothSidesOfTheCutGiveXtextsIssues() {
		String text = model();
		XtextResource split = load(text, "m.coco");
		List<String> actual = issues(new SplitValidator(Workspace.injector()).validate(split, 0));
		List<String> expected = issues(xtextIssues(load(text, "m.coco")));
		assertEquals(expected, actual);
		// the model has each kind of problem, and some in each half
		String all = String.join("\n", expected);
		for (String code : List.of("coco.syntax", "coco.unresolved-reference", "coco.duplicate-name", "warning")) {
			assertTrue(all.contains(code), code + " in\n" + all);
		}
		int cut = SplitValidator.cut((Model) split.getContents().get(0), 0);
		assertTrue(cut > 1 && cut < ((Model) split.getContents().get(0)).eContents().size(), "cut " + cut);
		int cutLine = org.eclipse.xtext.nodemodel.util.NodeModelUtils
				.getNode(((Model) split.getContents().get(0)).eContents().get(cut)).getStartLine();
		assertTrue(expected.stream().anyMatch(i -> line(i) < cutLine), "an issue before line " + cutLine);
		assertTrue(expected.stream().anyMatch(i -> line(i) >= cutLine), "an issue after line " + cutLine);
	}

	@Test
	void smallModelsAreLeftToXtext() {
		XtextResource r = load(model(), "m.coco");
		assertNull(new SplitValidator(Workspace.injector()).validate(r, Integer.MAX_VALUE));
		assertNotNull(new SplitValidator(Workspace.injector()).validate(r, 0));
		assertNull(new SplitValidator(Workspace.injector()).validate(load("platform P { technology tdx }\n", "one.coco"), 0),
				"a single element is not split");
	}

	@Test
	void theCutHalvesMembersAndSteps() {
		XtextResource r = load("import a.*\n" + model(), "m.coco");
		Model m = (Model) r.getContents().get(0);
		int cut = SplitValidator.cut(m, 0);
		long before = 0, after = 0;
		for (int i = 0; i < m.eContents().size(); i++) {
			long w = 1 + m.eContents().get(i).eContents().size();
			if (i < cut) {
				before += w;
			} else {
				after += w;
			}
		}
		assertTrue(Math.abs(before - after) <= 45, before + " / " + after);
		assertTrue(cut > m.getImports().size(), "imports stay in the first half");
	}

	/** A platform and 40 scenarios of 6 steps, with problems spread over them. */
	private static String model() {
		StringBuilder b = new StringBuilder("platform P {\n  technology sev-snp\n  c-bit 51\n");
		for (int i = 0; i < 60; i++) {
			b.append("  pool restricted rp").append(i).append(" size 4M at 0x").append(Long.toHexString(0x100000000L + i * 0x400000L))
					.append(" shared\n");
			b.append("  device d").append(i).append(" : pci { dma-mask 32 restricted-pool rp").append(i).append(" }\n");
		}
		b.append("  device d3 : pci { }\n}\n");
		for (int s = 0; s < 40; s++) {
			b.append("scenario \"s").append(s % 37).append("\" on P {\n");
			b.append("  b = alloc pages 8K\n");
			b.append("  m = map b -> ").append(s % 9 == 4 ? "nodev" : "d" + s).append(" to-device\n");
			b.append(s % 13 == 7 ? "  unmap\n" : "  unmap m\n");
			b.append("  free b\n");
			b.append(s % 11 == 5 ? "  free b\n" : "  b2 = alloc pages 4K\n");
			b.append("  free ").append(s % 7 == 3 ? "zz" : "b2").append("\n}\n");
		}
		return b.toString();
	}

	private static XtextResource load(String text, String name) {
		XtextResourceSet rs = Workspace.injector().getInstance(XtextResourceSet.class);
		Resource r = rs.createResource(URI.createFileURI("/tmp/" + name));
		try {
			r.load(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rs.getLoadOptions());
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
		EcoreUtil.resolveAll(rs);
		return (XtextResource) r;
	}

	private static List<String> xtext(Path file) throws Exception {
		return issues(xtextIssues(load(Files.readString(file), file.getFileName().toString())));
	}

	private static List<Issue> xtextIssues(XtextResource r) {
		return r.getResourceServiceProvider().getResourceValidator().validate(r, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	private static List<String> issues(List<Issue> issues) {
		assertNotNull(issues);
		List<String> out = new ArrayList<>();
		for (Issue i : issues) {
			out.add(i.getLineNumber() + ":" + i.getColumn() + ":" + i.getOffset() + "+" + i.getLength() + " "
					+ i.getSeverity().name().toLowerCase() + " " + org.coco.dsl.validation.IssueCodes.stable(i.getCode()) + " (" + i.getCode()
					+ ") " + i.getMessage());
		}
		return out;
	}

	private static int line(String issue) {
		return Integer.parseInt(issue.substring(0, issue.indexOf(':')));
	}
}

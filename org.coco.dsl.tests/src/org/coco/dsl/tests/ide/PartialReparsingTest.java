package org.coco.dsl.tests.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.linking.lazy.LazyURIEncoder;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.inject.Injector;

/**
 * The language server re-parses an edited file partially (PartialReparsingBuilder): over a sequence of
 * random edits of every example (names replaced, text deleted, lines copied elsewhere, and each edit
 * undone half of the time, so that syntax errors come and go), the partially re-parsed resource has
 * the diagnostics, text and model of the same text loaded from scratch.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class PartialReparsingTest {

	static final int EDITS = 40;

	static Injector ide;

	@BeforeEach
	void injector() {
		// after CocoInjectorProvider's EMF registration, which the language server's injector needs too
		ide = new CocoIdeSetup().createInjector();
	}

	@ParameterizedTest
	@MethodSource("org.coco.dsl.tests.Examples#all")
	void randomEditsGiveTheDiagnosticsOfAFullParse(Path example) throws Exception {
		String original = Files.readString(example);
		Random random = new Random(example.getFileName().toString().hashCode());
		XtextResource edited = load(newSet(), "mem:/edited.coco", original);
		String text = original;
		int partial = 0;
		for (int i = 0; i < EDITS; i++) {
			String next = RandomEdit.apply(text, random);
			boolean undo = random.nextBoolean();
			for (String t : undo ? List.of(next, text) : List.of(next)) {
				String what = example + (t == text ? " undo of edit " : " edit ") + i;
				if (PartialReparsingBuilder.reparse(edited, t)) {
					partial++;
				} else { // what the builder does then: a full reload
					edited = reload(edited, t);
				}
				assertSameAsFullParse(edited, t, what);
			}
			if (!undo) {
				text = next;
			}
		}
		assertTrue(partial > 0, "no edit was re-parsed partially");
	}

	static void assertSameAsFullParse(XtextResource edited, String text, String what) throws Exception {
		XtextResource fresh = load(newSet(), "mem:/edited.coco", text);
		assertEquals(text, edited.getParseResult().getRootNode().getText(), what);
		assertEquals(issues(fresh), issues(edited), what);
		assertTrue(new SameModel().equals(fresh.getContents(), edited.getContents()), what + ": models differ");
	}

	/**
	 * EMF's structural equality, but two unresolved references of Xtext's lazy linking are equal whatever
	 * their proxy's number: an edit inside a scenario links that scenario alone (RelinkingResource), so
	 * its new proxies are numbered after the file's others, not from 0 as in a fresh load. (The name
	 * each one stands for is compared with the node model through the diagnostics.)
	 */
	@SuppressWarnings("serial")
	static final class SameModel extends EcoreUtil.EqualityHelper {
		@Override
		public boolean equals(EObject a, EObject b) {
			if (a != null && b != null && a.eIsProxy() && b.eIsProxy() && lazyLink(a) && lazyLink(b)
					&& a.eClass() == b.eClass()) {
				return true;
			}
			return super.equals(a, b);
		}

		private static boolean lazyLink(EObject proxy) {
			String fragment = ((InternalEObject) proxy).eProxyURI().fragment();
			return fragment != null && (fragment.startsWith("|") || fragment.startsWith(LazyURIEncoder.XTEXT_LINK));
		}
	}

	@Test
	void referencesFromAnotherFileFollowAPartiallyReparsedPlatform() throws Exception {
		Path dir = Examples.dir().resolve("multi-file");
		XtextResourceSet set = newSet();
		String platforms = Files.readString(dir.resolve("lab-platforms.coco"));
		XtextResource p = load(set, "mem:/lab-platforms.coco", platforms);
		XtextResource s = load(set, "mem:/lab-scenarios.coco", Files.readString(dir.resolve("lab-scenarios.coco")));
		List<String> before = issues(s);
		List<Resource> targetFiles = crossReferenced(s).stream().map(EObject::eResource).toList();
		assertTrue(targetFiles.contains(p), "some reference into the platforms file");

		// an edit inside a device, which the partial parse replaces (its old object becomes a proxy)
		String changed = platforms.replace("dma-mask 64", "dma-mask  64");
		assertTrue(!changed.equals(platforms));
		assertTrue(PartialReparsingBuilder.reparse(p, changed), "re-parsed partially");
		assertEquals(targetFiles, crossReferenced(s).stream().map(EObject::eResource).toList(),
				"each reference resolves into the same file's current model");
		assertEquals(before, issues(s));
	}

	@Test
	void theSameTextIsLinkedAgainNotReloaded() throws Exception {
		Path dir = Examples.dir().resolve("multi-file");
		XtextResourceSet set = newSet();
		String platforms = Files.readString(dir.resolve("lab-platforms.coco"));
		String scenarios = Files.readString(dir.resolve("lab-scenarios.coco"));
		XtextResource p = load(set, "mem:/lab-platforms.coco", platforms);
		XtextResource s = load(set, "mem:/lab-scenarios.coco", scenarios);
		List<String> before = issues(s);
		EObject model = s.getContents().get(0);

		// the same text (a didOpen of a file loaded from disk): same objects, same diagnostics
		assertTrue(PartialReparsingBuilder.reparse(s, scenarios));
		assertSame(model, s.getContents().get(0), "not re-parsed");
		assertEquals(before, issues(s));

		// the platform renamed in the other file: linking the same text again reports the lost platform
		String renamed = platforms.replace("platform LabTdx", "platform LabTdx2");
		assertNotEquals(platforms, renamed);
		assertTrue(PartialReparsingBuilder.reparse(p, renamed));
		assertTrue(PartialReparsingBuilder.reparse(s, scenarios));
		assertSame(model, s.getContents().get(0), "not re-parsed");
		XtextResourceSet fresh = newSet();
		load(fresh, "mem:/lab-platforms.coco", renamed);
		List<String> expected = issues(load(fresh, "mem:/lab-scenarios.coco", scenarios));
		assertNotEquals(before, expected);
		assertEquals(expected, issues(s));
	}

	/** The targets of the resource's cross-references, resolved. */
	static List<EObject> crossReferenced(XtextResource r) {
		List<EObject> targets = new ArrayList<>();
		for (var it = r.getAllContents(); it.hasNext();) {
			EObject o = it.next();
			for (EReference ref : o.eClass().getEAllReferences()) {
				if (!ref.isContainment() && !ref.isContainer() && !ref.isMany() && o.eIsSet(ref)) {
					EObject target = (EObject) o.eGet(ref, true);
					assertNotNull(target);
					if (!target.eIsProxy()) {
						targets.add(target);
					}
				}
			}
		}
		return targets;
	}

	/** A resource set of the language server's injector (its factory for .coco, not the global one). */
	static XtextResourceSet newSet() {
		return newSet(ide);
	}

	static XtextResourceSet newSet(Injector injector) {
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("coco",
				injector.getInstance(org.eclipse.xtext.resource.IResourceFactory.class));
		return set;
	}

	static XtextResource load(XtextResourceSet set, String uri, String text) throws Exception {
		XtextResource r = (XtextResource) set.createResource(URI.createURI(uri));
		r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		EcoreUtil2.resolveLazyCrossReferences(r, CancelIndicator.NullImpl);
		return r;
	}

	static XtextResource reload(XtextResource old, String text) throws Exception {
		XtextResourceSet set = (XtextResourceSet) old.getResourceSet();
		set.getResources().remove(old);
		old.unload();
		return load(set, old.getURI().toString(), text);
	}

	/** What the language server publishes of a resource: every issue of a full validation. */
	static List<String> issues(XtextResource r) {
		EcoreUtil2.resolveLazyCrossReferences(r, CancelIndicator.NullImpl);
		List<Issue> issues = r.getResourceServiceProvider().getResourceValidator().validate(r, CheckMode.ALL,
				CancelIndicator.NullImpl);
		return issues.stream().map(i -> i.getSeverity() + " " + i.getLineNumber() + ":" + i.getColumn() + "+"
				+ i.getLength() + " " + i.getCode() + " " + i.getMessage()).toList();
	}

	/** Edits such as a user makes: a name replaced by another, a few characters deleted, a line copied. */
	static final class RandomEdit {
		private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

		static String apply(String text, Random random) {
			switch (random.nextInt(4)) {
			case 0: { // a word replaced by another word of the file (breaks or retargets a reference)
				List<int[]> words = new ArrayList<>();
				Matcher m = WORD.matcher(text);
				while (m.find()) {
					words.add(new int[] { m.start(), m.end() });
				}
				int[] w = words.get(random.nextInt(words.size()));
				int[] other = words.get(random.nextInt(words.size()));
				return text.substring(0, w[0]) + text.substring(other[0], other[1]) + text.substring(w[1]);
			}
			case 1: { // up to 12 characters deleted
				int at = random.nextInt(text.length());
				int end = Math.min(text.length(), at + 1 + random.nextInt(12));
				return text.substring(0, at) + text.substring(end);
			}
			case 2: { // a line of the file inserted at the start of another
				String[] lines = text.split("\n", -1);
				String line = lines[random.nextInt(lines.length)];
				int at = lineStart(text, random.nextInt(lines.length));
				return text.substring(0, at) + line + "\n" + text.substring(at);
			}
			default: { // a typo: one character inserted
				int at = random.nextInt(text.length() + 1);
				char c = "x0 {}-\n\"".charAt(random.nextInt(8));
				return text.substring(0, at) + c + text.substring(at);
			}
			}
		}

		private static int lineStart(String text, int line) {
			int at = 0;
			for (int i = 0; i < line; i++) {
				at = text.indexOf('\n', at) + 1;
			}
			return at;
		}
	}
}

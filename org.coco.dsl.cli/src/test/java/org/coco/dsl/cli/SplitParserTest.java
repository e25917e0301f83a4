package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.junit.jupiter.api.Test;

/**
 * The two-thread parse of `coco` batch commands gives exactly Xtext's parse of the whole text: node by node
 * (class, offset, length, line, grammar element, look-ahead, hidden or not, syntax error, semantic element) and
 * object by object (EcoreUtil.equals), or falls back to Xtext's parse, on the examples, on a synthetic model, at
 * every possible cut and at random ones, and around syntax errors, comments and strings at the cut.
 */
class SplitParserTest {

	private static final IParser XTEXT = Workspace.injector().getInstance(IParser.class);

	@Test
	void everyCutOfEveryExampleGivesXtextsParse() throws Exception {
		int joined = 0;
		for (Path file : examples()) {
			String text = Files.readString(file);
			for (int cut : elementLines(text)) {
				if (sameAsXtext(text, cut)) {
					joined++;
				}
			}
		}
		assertTrue(joined >= 20, "cuts joined rather than left to Xtext: " + joined);
	}

	@Test
	void theExamplesTogetherAtEveryCutAndAtRandomLinesGiveXtextsParse() throws Exception {
		String text = allExamples();
		IParseResult expected = XTEXT.parse(new StringReader(text));
		int joined = 0;
		for (int cut : elementLines(text)) {
			assertTrue(sameAsXtext(text, expected, cut), "a clean cut at " + cut + " is joined");
			joined++;
		}
		assertTrue(joined >= 30, "cuts: " + joined);
		// any other line start: inside an element, so the parts have syntax errors and Xtext parses
		Random random = new Random(42);
		List<Integer> lines = lineStarts(text);
		for (int i = 0; i < 60; i++) {
			sameAsXtext(text, expected, lines.get(random.nextInt(lines.size())));
		}
		// and offsets anywhere
		for (int i = 0; i < 20; i++) {
			sameAsXtext(text, expected, random.nextInt(text.length()));
		}
	}

	@Test
	void theCutHalvesTheTextWithScenarioTextWeighedTwice() throws Exception {
		String text = allExamples();
		assertTrue(elementLines(text).contains(SplitParser.cut(text)), "the cut is an element line");
		// a platform of 1,000 characters and 11 scenarios of 100: weights 1,000 + 11 x 200, half is 1,600: the
		// weight before the 4th scenario (before the 3rd: 1,400, the 5th: 1,800)
		String platform = "platform P {\n  technology tdx\n" + " ".repeat(967) + "\n}\n";
		String scenario = "scenario \"s\" on P {\n  free b\n" + " ".repeat(69) + "}\n";
		assertEquals(1000, platform.length());
		assertEquals(100, scenario.length());
		assertEquals(1300, SplitParser.cut(platform + scenario.repeat(11)));
		assertEquals(-1, SplitParser.cut("platform P {\n}"), "no element line after the first character");
		assertEquals(-1, SplitParser.cut(""));
		assertEquals(-1, SplitParser.cut("// x\n\nscenario \"s\" on P {\n}\n"), "one element after a comment");
		// the smaller part must weigh a quarter of the whole: 1,000 + 200 is not a cut, 1,000 + 2 x 200 and up is
		assertEquals(-1, SplitParser.cut(platform + scenario));
		assertEquals(1000, SplitParser.cut(platform + scenario.repeat(2)));
	}

	@Test
	void aSyntheticModelIsJoined() {
		String text = synthetic(400, "\n");
		int cut = SplitParser.cut(text);
		assertTrue(sameAsXtext(text, cut));
		String crlf = synthetic(400, "\r\n");
		assertTrue(sameAsXtext(crlf, SplitParser.cut(crlf)), "CRLF line ends");
	}

	@Test
	void commentsAndWhiteSpaceBeforeTheCutGoWhereXtextPutsThem() {
		String head = "platform P {\n  technology tdx\n}\n";
		String tail = "scenario \"s\" on P {\n  b = alloc pages 8K\n  free b\n}\n";
		for (String between : List.of("", "\n", "// a note\n", "/* a\n note */\n", "\n\n  // x\n\t\n", "/**/ // y\n")) {
			String text = head + between + tail + "// end";
			assertTrue(sameAsXtext(text, text.indexOf("scenario")), "between: " + between);
		}
	}

	@Test
	void syntaxErrorsNearTheCutOrACutInsideACommentOrStringAreLeftToXtext() {
		String platform = "platform P {\n  technology tdx\n}\n";
		String scenario = "scenario \"s\" on P {\n  b = alloc pages 8K\n  free b\n}\n";
		// | marks the cut
		List<String> texts = List.of(
				platform + "platform Q { technology }\n|" + scenario, // an error before the cut
				platform + "|" + scenario + "scenario \"t\" on P { b = }\n", // after it
				"platform P {\n  technology tdx\n|" + scenario, // the first part's element is not closed
				platform + "/*\n|" + scenario + "*/\n" + scenario, // the cut is in a comment
				platform + "scenario \"a\n|scenario \" on P {\n  free b\n}\n" + scenario, // in a string
				platform + "|scenario\n" + scenario, // an element line without its element
				platform + "import a.b\n|" + scenario, // the second part is not only elements
				platform + "}\n|" + scenario, // a stray brace at the cut
				"scenario \"s\" on P {\n  b = alloc pages 99999999999999999999999K\n}\n|" + scenario); // a value error
		for (String marked : texts) {
			int cut = marked.indexOf('|');
			String text = marked.replace("|", "");
			assertNull(new SplitParser(XTEXT, 0).parseInTwo(text, cut), text + " cut at " + cut);
			// other cuts: joined only where the parts are clean, and then as Xtext's parse
			for (int other : elementLines(text)) {
				sameAsXtext(text, other);
			}
			// through parse(): Xtext's result, syntax errors included
			assertSameParse(XTEXT.parse(new StringReader(text)), new SplitParser(XTEXT, 0).parse(new StringReader(text)));
		}
	}

	@Test
	void smallInputIsParsedOnce() {
		String text = synthetic(3, "\n");
		IParseResult r = new SplitParser(XTEXT, Integer.MAX_VALUE).parse(new StringReader(text));
		assertSameParse(XTEXT.parse(new StringReader(text)), r);
	}

	/** Whether the split parse at this cut was joined; either way its result is Xtext's. */
	private static boolean sameAsXtext(String text, int cut) {
		return sameAsXtext(text, XTEXT.parse(new StringReader(text)), cut);
	}

	/** The same against Xtext's parse of the text, made once for many cuts (the parts share no objects with it). */
	private static boolean sameAsXtext(String text, IParseResult expected, int cut) {
		IParseResult split = new SplitParser(XTEXT, 0).parseInTwo(text, cut);
		if (split == null) {
			return false;
		}
		assertSameParse(expected, split);
		return true;
	}

	static void assertSameParse(IParseResult expected, IParseResult actual) {
		assertNotNull(actual);
		assertEquals(expected.hasSyntaxErrors(), actual.hasSyntaxErrors());
		assertTrue(EcoreUtil.equals(expected.getRootASTElement(), actual.getRootASTElement()), "the EMF models are equal");
		Map<EObject, EObject> objects = new IdentityHashMap<>();
		objects.put(expected.getRootASTElement(), actual.getRootASTElement());
		Iterator<EObject> a = actual.getRootASTElement().eAllContents();
		expected.getRootASTElement().eAllContents().forEachRemaining(e -> objects.put(e, a.next()));
		assertEquals(expected.getRootNode().getText(), actual.getRootNode().getText());
		assertNodes(expected.getRootNode(), actual.getRootNode(), objects);
		for (Map.Entry<EObject, EObject> e : objects.entrySet()) {
			INode en = NodeModelUtils.getNode(e.getKey());
			INode an = NodeModelUtils.getNode(e.getValue());
			assertEquals(en == null, an == null);
			if (en != null) {
				assertEquals(en.getTotalOffset(), an.getTotalOffset(), "node of " + e.getKey());
				assertEquals(en.getGrammarElement(), an.getGrammarElement());
			}
		}
		List<String> expectedErrors = new ArrayList<>();
		List<String> actualErrors = new ArrayList<>();
		expected.getSyntaxErrors().forEach(n -> expectedErrors.add(n.getOffset() + " " + n.getSyntaxErrorMessage().getMessage()));
		actual.getSyntaxErrors().forEach(n -> actualErrors.add(n.getOffset() + " " + n.getSyntaxErrorMessage().getMessage()));
		assertEquals(expectedErrors, actualErrors);
	}

	private static void assertNodes(INode e, INode a, Map<EObject, EObject> objects) {
		String at = "node at " + e.getTotalOffset() + " (" + e.getText().strip().lines().findFirst().orElse("") + ")";
		assertSame(e.getClass(), a.getClass(), at);
		assertEquals(e.getTotalOffset(), a.getTotalOffset(), at);
		assertEquals(e.getTotalLength(), a.getTotalLength(), at);
		assertEquals(e.getOffset(), a.getOffset(), at);
		assertEquals(e.getLength(), a.getLength(), at);
		assertEquals(e.getStartLine(), a.getStartLine(), at);
		assertEquals(e.getEndLine(), a.getEndLine(), at);
		assertEquals(e.getTotalStartLine(), a.getTotalStartLine(), at);
		assertEquals(e.getText(), a.getText(), at);
		assertSame(e.getGrammarElement(), a.getGrammarElement(), at);
		assertEquals(e instanceof ILeafNode l && l.isHidden(), a instanceof ILeafNode l && l.isHidden(), at);
		assertEquals(e.hasDirectSemanticElement(), a.hasDirectSemanticElement(), at);
		assertSame(objects.get(e.getSemanticElement()), a.getSemanticElement(), at);
		SyntaxErrorMessage es = e.getSyntaxErrorMessage();
		SyntaxErrorMessage as = a.getSyntaxErrorMessage();
		assertEquals(es == null ? null : es.getMessage() + es.getIssueCode(), as == null ? null : as.getMessage() + as.getIssueCode(), at);
		assertEquals(e.getParent() == null, a.getParent() == null, at);
		assertEquals(e.hasNextSibling(), a.hasNextSibling(), at);
		assertEquals(e.hasPreviousSibling(), a.hasPreviousSibling(), at);
		if (e instanceof ILeafNode) {
			return;
		}
		ICompositeNode ec = (ICompositeNode) e;
		ICompositeNode ac = (ICompositeNode) a;
		assertEquals(ec.getLookAhead(), ac.getLookAhead(), at);
		assertEquals(ec.hasChildren(), ac.hasChildren(), at);
		INode echild = ec.getFirstChild();
		INode achild = ac.getFirstChild();
		if (echild != null) {
			assertTrue(same(ac.getLastChild(), lastOf(achild)), at);
		}
		while (echild != null) {
			assertNotNull(achild, at + ": a child is missing");
			assertTrue(same(ac, achild.getParent()), at);
			assertNodes(echild, achild, objects);
			echild = echild.getNextSibling();
			achild = achild.getNextSibling();
		}
		assertNull(achild, at + ": an extra child");
	}

	/** Node objects of a composite's folded grammar elements are made on each access: alike, not identical. */
	private static boolean same(INode a, INode b) {
		return a.getClass() == b.getClass() && a.getTotalOffset() == b.getTotalOffset() && a.getTotalLength() == b.getTotalLength()
				&& a.getGrammarElement() == b.getGrammarElement();
	}

	private static INode lastOf(INode first) {
		INode n = first;
		while (n.getNextSibling() != null) {
			n = n.getNextSibling();
		}
		return n;
	}

	private static List<Path> examples() throws Exception {
		try (Stream<Path> walk = Files.walk(CliProcess.examples())) {
			List<Path> files = walk.filter(p -> p.toString().endsWith(".coco")).sorted().toList();
			assertTrue(files.size() >= 10, files.toString());
			return files;
		}
	}

	/** Every example without its package and import lines, one after the other: a file of many elements. */
	private static String allExamples() throws Exception {
		StringBuilder b = new StringBuilder("package all\nimport x.*\n");
		for (Path file : examples()) {
			for (String line : Files.readAllLines(file)) {
				if (!line.startsWith("package ") && !line.startsWith("import ")) {
					b.append(line).append('\n');
				}
			}
		}
		return b.toString();
	}

	/** The starts of the lines that begin with platform or scenario, but the first one. */
	private static List<Integer> elementLines(String text) {
		List<Integer> out = new ArrayList<>();
		for (int start : lineStarts(text)) {
			if (start > 0 && (text.startsWith("platform ", start) || text.startsWith("scenario ", start)
					|| text.startsWith("scenario\n", start))) {
				out.add(start);
			}
		}
		return out;
	}

	private static List<Integer> lineStarts(String text) {
		List<Integer> out = new ArrayList<>();
		out.add(0);
		for (int i = text.indexOf('\n'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\n', i + 1)) {
			out.add(i + 1);
		}
		return out;
	}

	/** A platform of devices and pools and scenarios over them, as the bench's synthetic model. */
	private static String synthetic(int devices, String nl) {
		StringBuilder b = new StringBuilder("// synthetic" + nl + "platform Fleet {" + nl + "    technology sev-snp" + nl
				+ "    c-bit 51" + nl + "    pool swiotlb default size 64M at 0x8000_0000" + nl);
		for (int i = 0; i < devices / 2; i++) {
			b.append("    pool restricted rp").append(i).append(" size 4M at 0x").append(Long.toHexString(0x100000000L + i * 0x400000L))
					.append(" shared").append(nl);
		}
		for (int i = 0; i < devices; i++) {
			b.append("    device d").append(i).append(" : pci {").append(nl).append("        dma-mask 64").append(nl);
			if (i % 2 == 0) {
				b.append("        restricted-pool rp").append(i / 2).append(nl);
			}
			b.append("    }").append(nl);
		}
		b.append("}").append(nl);
		for (int s = 0; s < devices / 10; s++) {
			b.append(nl).append("scenario \"s").append(s).append("\" on Fleet {").append(nl);
			for (int k = 0; k < 5; k++) {
				b.append("    b").append(k).append(" = alloc pages 8K").append(nl);
				b.append("    m").append(k).append(" = map b").append(k).append(" -> d").append((s + k) % devices).append(" to-device")
						.append(nl);
				b.append("    unmap m").append(k).append(nl).append("    free b").append(k).append(nl);
			}
			b.append("}").append(nl);
		}
		return b.toString();
	}
}

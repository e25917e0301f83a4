package org.coco.dsl.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.coco.dsl.MetamodelTables;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.TopLevel;
import org.eclipse.emf.common.util.WrappedException;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.impl.AbstractNode;
import org.eclipse.xtext.nodemodel.impl.CompositeNode;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.ParseResult;
import org.eclipse.xtext.parser.antlr.AbstractAntlrParser;
import org.eclipse.xtext.util.ReplaceRegion;

/**
 * Parses a large file on two cores (`coco` batch commands): the text is cut before a top-level element near its
 * middle, the first part is parsed on the calling thread and the rest on a second one, and the two results are
 * joined into the node model and EMF model that one parse of the whole text gives (SplitParserTest compares them
 * node by node and object by object).
 * <p>
 * The rest is parsed as the whole text with the first part blanked out (every character but line breaks made a
 * space), so its nodes already have the offsets, lines and columns of the whole text, and the lexer starts at the
 * cut where it would be in one pass. Joining moves the rest's top-level elements under the first part's model and
 * root node, and the first part's trailing comments and white space into the first moved element, where one parse
 * puts them (hidden tokens go to the node of the token that follows them).
 * <p>
 * Anything unusual falls back to one parse of the whole text: a syntax error in either part (it might come from the
 * cut itself, and one parse reports it best), a second part that is not only top-level elements, a first part that
 * does not end at the cut with white space or a line comment, any exception or stack overflow.
 */
final class SplitParser implements IParser {

	/** Below this many characters (about 5,000 lines) one thread parses: a second one would not pay for itself. */
	static final int MIN_CHARS = 100_000;

	private final IParser delegate;
	private final int minChars;

	SplitParser(IParser delegate, int minChars) {
		this.delegate = delegate;
		this.minChars = minChars;
	}

	@Override
	public IParseResult parse(Reader reader) {
		String text;
		try {
			text = read(reader);
		} catch (IOException e) {
			throw new WrappedException(e);
		}
		if (text.length() >= minChars && Runtime.getRuntime().availableProcessors() >= 2) {
			IParseResult split = parseInTwo(text, cut(text));
			if (split != null) {
				return split;
			}
		}
		return delegate.parse(new StringReader(text));
	}

	/**
	 * The joined parse of text cut at this offset, or null where one parse of the whole text is needed (see the
	 * class comment). Package-private for the test, which tries every cut.
	 */
	IParseResult parseInTwo(String text, int cut) {
		if (cut <= 0 || cut >= text.length()) {
			return null;
		}
		try {
			prepareSharedState();
			FutureTask<IParseResult> rest = new FutureTask<>(() -> delegate.parse(new StringReader(blankedBefore(text, cut))));
			Thread thread = new Thread(null, rest, "coco-parse", STACK_SIZE);
			thread.setDaemon(true);
			thread.start();
			IParseResult first = delegate.parse(new StringReader(text.substring(0, cut)));
			IParseResult second = rest.get();
			return join(first, second, text, cut);
		} catch (ExecutionException e) {
			if (e.getCause() instanceof OutOfMemoryError oom) {
				throw oom;
			}
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		} catch (RuntimeException | StackOverflowError | LinkageError e) {
			// LinkageError: the node model's links below were not found (another Xtext than the one tested)
			return null;
		}
	}

	/** The main thread's stack size is the JVM's default for new threads too (0 = that default). */
	private static final long STACK_SIZE = 0;

	/**
	 * A scenario's text costs about twice a platform's to parse, per character (more objects and references: on the
	 * 100k-line bench model 0.63 against 0.30 microseconds of CPU per character), so the cut weighs scenario text so.
	 */
	private static final int SCENARIO_WEIGHT = 2;
	private static final int PLATFORM_WEIGHT = 1;

	/**
	 * Where to cut: the start of a line beginning with `platform` or `scenario` (a top-level element, unless it is
	 * inside a comment or string, which the parse of the two parts shows), the one that best halves the parse's cost
	 * as weighed by the text before and after it; -1 if there is none after the first character, or if the smaller
	 * part would weigh less than a quarter of the whole (a platform-only file: one element after a comment): then
	 * the first thread would only wait for the second, and the split costs more than it saves.
	 */
	static int cut(String text) {
		List<Integer> lines = new ArrayList<>();
		for (int i = text.indexOf('\n'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\n', i + 1)) {
			if (startsElement(text, i + 1)) {
				lines.add(i + 1);
			}
		}
		// prefix[k]: the weight of the text before lines[k]
		long[] prefix = new long[lines.size() + 1];
		long weight = 0;
		int from = 0;
		int kind = PLATFORM_WEIGHT; // what precedes the first element line (package, imports, an element at 0)
		if (startsElement(text, 0) && text.startsWith("scenario")) {
			kind = SCENARIO_WEIGHT;
		}
		for (int k = 0; k < lines.size(); k++) {
			int at = lines.get(k);
			weight += (long) (at - from) * kind;
			prefix[k] = weight;
			from = at;
			kind = text.startsWith("scenario", at) ? SCENARIO_WEIGHT : PLATFORM_WEIGHT;
		}
		long total = weight + (long) (text.length() - from) * kind;
		int best = -1;
		long bestDistance = Long.MAX_VALUE;
		for (int k = 0; k < lines.size(); k++) {
			long distance = Math.abs(2 * prefix[k] - total);
			if (distance < bestDistance) {
				best = lines.get(k);
				bestDistance = distance;
			}
		}
		return 2 * bestDistance > total ? -1 : best;
	}

	private static boolean startsElement(String text, int at) {
		return (text.startsWith("platform", at) || text.startsWith("scenario", at)) && at + 8 < text.length()
				&& Character.isWhitespace(text.charAt(at + 8));
	}

	/** The text with every character before the cut but line breaks replaced by a space. */
	static String blankedBefore(String text, int cut) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < cut; i++) {
			if (chars[i] != '\n' && chars[i] != '\r') {
				chars[i] = ' ';
			}
		}
		return new String(chars);
	}

	/** The first part's result with the rest's elements joined in, or null (see the class comment). */
	private static IParseResult join(IParseResult first, IParseResult second, String text, int cut) {
		if (first.hasSyntaxErrors() || second.hasSyntaxErrors() || !(first.getRootASTElement() instanceof Model head)
				|| !(second.getRootASTElement() instanceof Model tail) || tail.getName() != null || !tail.getImports().isEmpty()
				|| tail.getElements().isEmpty()) {
			return null;
		}
		ICompositeNode headRoot = first.getRootNode();
		ICompositeNode tailRoot = second.getRootNode();
		// The first part's trailing hidden leaves (white space, comments after its last element, up to the cut).
		List<INode> headChildren = children(headRoot);
		int keep = headChildren.size();
		while (keep > 0 && headChildren.get(keep - 1) instanceof ILeafNode leaf && leaf.isHidden()) {
			keep--;
		}
		List<INode> trailing = headChildren.subList(keep, headChildren.size());
		if (trailing.isEmpty() || !text.startsWith("\n", cut - 1)) {
			return null;
		}
		// The rest's first leaf is the blanked first part as one white-space token, exactly up to the cut.
		INode firstLeaf = tailRoot.getFirstChild();
		while (firstLeaf instanceof ICompositeNode c) {
			firstLeaf = c.getFirstChild();
		}
		if (!(firstLeaf instanceof ILeafNode blank) || !blank.isHidden() || blank.getTotalOffset() != 0
				|| blank.getTotalLength() != cut || blank.getNextSibling() == null || blank.getParent() == tailRoot) {
			return null;
		}
		// Where one parse puts the first part's trailing hidden leaves: before the rest's first token.
		List<INode> withTrailing = new ArrayList<>(trailing);
		List<INode> blankSiblings = children(blank.getParent());
		withTrailing.addAll(blankSiblings.subList(1, blankSiblings.size()));
		List<INode> joined = new ArrayList<>(headChildren.subList(0, keep));
		joined.addAll(children(tailRoot));
		setChildren(blank.getParent(), withTrailing);
		setChildren(headRoot, joined);
		new NodeModelBuilder().setCompleteContent(headRoot, text);

		List<TopLevel> moved = new ArrayList<>(tail.getElements());
		tail.getElements().clear();
		((InternalEList<TopLevel>) head.getElements()).addAllUnique(moved);
		return new ParseResult(head, headRoot, false);
	}

	private static List<INode> children(ICompositeNode node) {
		List<INode> out = new ArrayList<>();
		for (INode child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
			out.add(child);
		}
		return out;
	}

	/**
	 * The node model has no public way to move nodes between trees; its package-private links are set directly.
	 * In a class of their own: should they not be found, only the split parse fails (see parseInTwo).
	 */
	private static final class Links {
		static final MethodHandle SET_FIRST_CHILD;
		static final MethodHandle SET_PARENT;
		static final MethodHandle SET_NEXT;
		static final MethodHandle SET_PREVIOUS;
		static {
			try {
				MethodHandles.Lookup composite = MethodHandles.privateLookupIn(CompositeNode.class, MethodHandles.lookup());
				MethodHandles.Lookup node = MethodHandles.privateLookupIn(AbstractNode.class, MethodHandles.lookup());
				SET_FIRST_CHILD = composite.findVirtual(CompositeNode.class, "basicSetFirstChild",
						MethodType.methodType(void.class, AbstractNode.class));
				SET_PARENT = node.findVirtual(AbstractNode.class, "basicSetParent", MethodType.methodType(void.class, CompositeNode.class));
				SET_NEXT = node.findVirtual(AbstractNode.class, "basicSetNextSibling", MethodType.methodType(void.class, AbstractNode.class));
				SET_PREVIOUS = node.findVirtual(AbstractNode.class, "basicSetPreviousSibling",
						MethodType.methodType(void.class, AbstractNode.class));
			} catch (ReflectiveOperationException e) {
				throw new ExceptionInInitializerError(e);
			}
		}
	}

	/** Makes these nodes, in this order, the children of the composite (siblings form a ring, as Xtext keeps them). */
	private static void setChildren(ICompositeNode parent, List<INode> children) {
		int n = children.size();
		try {
			Links.SET_FIRST_CHILD.invoke((CompositeNode) parent, (AbstractNode) children.get(0));
			for (int i = 0; i < n; i++) {
				AbstractNode child = (AbstractNode) children.get(i);
				Links.SET_PARENT.invoke(child, (CompositeNode) parent);
				Links.SET_NEXT.invoke(child, (AbstractNode) children.get((i + 1) % n));
				Links.SET_PREVIOUS.invoke(child, (AbstractNode) children.get((i + n - 1) % n));
			}
		} catch (RuntimeException | Error e) {
			throw e;
		} catch (Throwable e) {
			throw new IllegalStateException(e);
		}
	}

	/** Lazily built tables both threads would otherwise build at once: EMF's, and the parser's token map. */
	private void prepareSharedState() {
		MetamodelTables.build();
		if (delegate instanceof AbstractAntlrParser antlr) {
			antlr.getTokenDefProvider().getTokenDefMap();
		}
	}

	private static String read(Reader reader) throws IOException {
		StringBuilder out = new StringBuilder();
		char[] buffer = new char[1 << 16];
		for (int n; (n = reader.read(buffer)) >= 0;) {
			out.append(buffer, 0, n);
		}
		return out.toString();
	}

	@Override
	public IParseResult parse(ParserRule rule, Reader reader) {
		return delegate.parse(rule, reader);
	}

	@Override
	public IParseResult parse(RuleCall ruleCall, Reader reader, int initialLookAhead) {
		return delegate.parse(ruleCall, reader, initialLookAhead);
	}

	@Override
	public IParseResult reparse(IParseResult previousParseResult, ReplaceRegion replaceRegion) {
		return delegate.reparse(previousParseResult, replaceRegion);
	}
}

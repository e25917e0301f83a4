package org.coco.dsl.ide.server;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.impl.PartialParsingHelper;
import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.ReplaceRegion;
import org.eclipse.xtext.util.TextRegion;

/**
 * A partial parse that finds the tokens around an edit by lexing from a token some way before it, not from the start
 * of the file (bound in CocoIdeModule).
 *
 * Xtext's partial parse first widens the edited region to whole tokens (TokenRegionProvider), lexing the new text
 * from its first character to the edit: an edit in the second half of a 10k-line file lexed some 5,000 lines (8 %
 * of a first edit's samples). coco's lexer has no modes, so the tokens after any token boundary are the same
 * whether lexing starts there or at the file's start; the previous parse's node model has a leaf per token of the
 * old text, which is the new text up to the edit. Lexing starts at the leaf that holds the offset DISTANCE characters
 * before the edit (more than any token's look-ahead in coco's grammar reaches), and the region found is moved back.
 * PartialReparsingTest and PlatformMemberEditTest compare every partial parse with a parse from scratch.
 */
public final class NearbyTokenRegions {

	private NearbyTokenRegions() {
	}

	/** How far before the edit lexing starts, at least. */
	static final int DISTANCE = 512;

	/** The root node of the parse being updated, while Xtext's partial parse runs on this thread. */
	private static final ThreadLocal<ICompositeNode> PREVIOUS = new ThreadLocal<>();

	/** Xtext's partial parse, which tells the token regions the node model it updates. */
	public static class Helper extends PartialParsingHelper {
		@Override
		public IParseResult reparse(IParser parser, IParseResult previousParseResult, ReplaceRegion changedRegion) {
			PREVIOUS.set(previousParseResult == null ? null : previousParseResult.getRootNode());
			try {
				return super.reparse(parser, previousParseResult, changedRegion);
			} finally {
				PREVIOUS.remove();
			}
		}
	}

	/** Xtext's token regions, lexed from a token of the previous parse before the edit. */
	public static class Regions extends TokenRegionProvider {
		@Override
		public ITextRegion getTokenRegion(String text, ITextRegion region) {
			return getTokenRegion(PREVIOUS.get(), text, region);
		}

		/** The region Xtext finds in the text, which is the previous parse's text up to the region (previous may be null). */
		public ITextRegion getTokenRegion(ICompositeNode previous, String text, ITextRegion region) {
			int start = restart(previous, text, region.getOffset());
			if (start <= 0) {
				return super.getTokenRegion(text, region);
			}
			ITextRegion found = super.getTokenRegion(text.substring(start), new TextRegion(region.getOffset() - start, region.getLength()));
			return new TextRegion(found.getOffset() + start, found.getLength());
		}

		/** The start of the old text's token at DISTANCE before the offset, if the old text is the text up to it; else 0. */
		private static int restart(ICompositeNode previous, String text, int offset) {
			if (previous == null || offset < 2 * DISTANCE || offset > text.length()) {
				return 0;
			}
			ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(previous, offset - DISTANCE);
			if (leaf == null) {
				return 0;
			}
			int start = leaf.getTotalOffset();
			String old = previous.getText();
			return start > 0 && start <= offset - DISTANCE && old.length() >= offset && old.regionMatches(start, text, start, offset - start)
					? start : 0;
		}
	}
}

package org.coco.dsl.parser;

import java.util.Arrays;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.nodemodel.impl.RootNode;

/**
 * Xtext's node model builder, but a text that ends in a lone carriage return does not end in a line break.
 * Xtext counts that \r as one, and then the line and column of the end of the text (where an error at the
 * end of input lies, or the last node ends) read one character past it (InternalNodeModelUtils): the
 * exception was logged and the diagnostic dropped, so `platform p {` followed by \r passed validation
 * (a fuzzing finding, CocoFuzzTest). Here the end of such a text lies on its last line, after the \r.
 */
public class CocoNodeModelBuilder extends NodeModelBuilder {

	@Override
	public ICompositeNode newRootNode(String input) {
		return new Root(input);
	}

	/** The root node, whose line breaks leave out a \r that ends the text. */
	static final class Root extends RootNode {
		Root(String input) {
			basicSetCompleteContent(input);
		}

		@Override
		protected int[] computeLineBreaks(String text) {
			int[] breaks = super.computeLineBreaks(text);
			int last = text.length() - 1;
			return breaks.length > 0 && breaks[breaks.length - 1] == last && text.charAt(last) == '\r'
					? Arrays.copyOf(breaks, breaks.length - 1)
					: breaks;
		}
	}
}

package org.coco.dsl.ide.editor;

import java.util.ArrayList;
import java.util.List;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Token;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.parser.antlr.ITokenDefProvider;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.name.Named;

/**
 * Splits text into styled tokens with the language's own (generated ANTLR) lexer, so syntax
 * coloring agrees with the parser on what a keyword, number or comment is.
 */
@Singleton
public class SyntaxTokens {

	/** A token: where it is and its style id (see {@link CocoTokenStyles}). */
	public record StyledToken(int offset, int length, String style) {
	}

	@Inject
	@Named(LexerBindings.RUNTIME)
	private Provider<Lexer> lexerProvider;

	private final CocoTokenStyles styles;

	@Inject
	public SyntaxTokens(IGrammarAccess grammar, ITokenDefProvider tokenDefs) {
		styles = new CocoTokenStyles(grammar, tokenDefs);
	}

	public CocoTokenStyles styles() {
		return styles;
	}

	public List<StyledToken> tokens(String text) {
		List<StyledToken> out = new ArrayList<>();
		Lexer lexer = lexerProvider.get();
		lexer.setCharStream(new ANTLRStringStream(text));
		try {
			for (Token t = lexer.nextToken(); t != null && t.getType() != Token.EOF; t = lexer.nextToken()) {
				if (t instanceof CommonToken c && c.getStopIndex() >= c.getStartIndex()) {
					out.add(new StyledToken(c.getStartIndex(), c.getStopIndex() - c.getStartIndex() + 1, styles.getId(t.getType())));
				}
			}
		} catch (RuntimeException e) {
			// A lexer error mid-document leaves the rest uncolored rather than failing the editor.
		}
		return out;
	}
}

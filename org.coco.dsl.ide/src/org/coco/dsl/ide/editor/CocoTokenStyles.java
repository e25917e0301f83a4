package org.coco.dsl.ide.editor;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.EnumRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.ide.editor.syntaxcoloring.DefaultAntlrTokenToAttributeIdMapper;
import org.eclipse.xtext.ide.editor.syntaxcoloring.HighlightingStyles;
import org.eclipse.xtext.parser.antlr.ITokenDefProvider;


/**
 * Maps lexer token types to style ids: Xtext's defaults (keyword, number, string, comment,
 * punctuation), plus coco's sizes and hex values as numbers and enum values (technologies, attrs,
 * directions...) as {@link #ATTRIBUTE} rather than keywords, since they are values, not structure.
 */
public class CocoTokenStyles extends DefaultAntlrTokenToAttributeIdMapper {

	/** LSP semantic token type used for enum values. */
	public static final String ATTRIBUTE = "enumMember";

	private final Set<String> keywords = new HashSet<>();
	private final Set<String> values = new HashSet<>();

	/**
	 * Built by {@link SyntaxTokens}, not by Guice: Xtext's mapper would be injected with the token
	 * defs of a highlighting lexer the ide module does not bind; these are the runtime lexer's.
	 */
	public CocoTokenStyles(IGrammarAccess grammar, ITokenDefProvider tokenDefs) {
		for (EnumRule rule : GrammarUtil.allEnumRules(grammar.getGrammar())) {
			for (EnumLiteralDeclaration literal : EcoreUtil2.getAllContentsOfType(rule, EnumLiteralDeclaration.class)) {
				values.add(literal.getLiteral().getValue());
			}
		}
		for (ParserRule rule : GrammarUtil.allParserRules(grammar.getGrammar())) {
			for (Keyword k : GrammarUtil.containedKeywords(rule)) {
				keywords.add(k.getValue());
			}
		}
		setTokenDefProvider(tokenDefs);
	}

	@Override
	protected String calculateId(String tokenName, int tokenType) {
		if ("RULE_HEX".equals(tokenName) || "RULE_UNIT_SIZE".equals(tokenName)) {
			return HighlightingStyles.NUMBER_ID;
		}
		if (tokenName.length() > 2 && tokenName.startsWith("'") && tokenName.endsWith("'")) {
			String value = tokenName.substring(1, tokenName.length() - 1);
			if (Character.isLetter(value.charAt(0)) || value.charAt(0) == '_') {
				return values.contains(value) && !keywords.contains(value) ? ATTRIBUTE : HighlightingStyles.KEYWORD_ID;
			}
		}
		return super.calculateId(tokenName, tokenType);
	}

	/** True if the keyword is one of coco's enum values (for hovers). */
	public boolean isValue(String keyword) {
		return values.contains(keyword);
	}
}

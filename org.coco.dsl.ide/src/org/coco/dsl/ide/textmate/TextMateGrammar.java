package org.coco.dsl.ide.textmate;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.GrammarUtil;

/**
 * Derives the TextMate grammar (editors/textmate/coco.tmLanguage.json, for VS Code, Sublime and
 * other TextMate-coloring editors) from the Xtext grammar, so its keyword list never drifts: a
 * test compares the committed file with this output.
 */
public final class TextMateGrammar {

	private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-=.]*");
	private static final Pattern CONSTANT = Pattern.compile("_*[A-Z][A-Z0-9_]+");

	private TextMateGrammar() {
	}

	public static String generate(Grammar grammar) {
		TreeSet<String> keywords = new TreeSet<>();
		TreeSet<String> constants = new TreeSet<>();
		for (String k : GrammarUtil.getAllKeywords(grammar)) {
			if (!WORD.matcher(k).matches()) {
				continue;
			}
			(CONSTANT.matcher(k).matches() ? constants : keywords).add(k);
		}
		return """
				{
				  "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
				  "name": "coco",
				  "scopeName": "source.coco",
				  "fileTypes": ["coco"],
				  "comment": "Generated from Coco.xtext by org.coco.dsl.ide.textmate.TextMateGrammar; do not edit by hand.",
				  "patterns": [
				    { "name": "comment.line.double-slash.coco", "match": "//.*$" },
				    { "name": "comment.block.coco", "begin": "/\\\\*", "end": "\\\\*/" },
				    { "name": "string.quoted.double.coco", "begin": "\\"", "end": "\\"", "patterns": [ { "name": "constant.character.escape.coco", "match": "\\\\\\\\." } ] },
				    { "name": "constant.numeric.hex.coco", "match": "\\\\b0[xX][0-9a-fA-F][0-9a-fA-F_]*\\\\b" },
				    { "name": "constant.numeric.size.coco", "match": "\\\\b[0-9]+[KMGT]?\\\\b" },
				    { "name": "support.constant.coco", "match": "(?<![\\\\w-])(%s)(?![\\\\w-])" },
				    { "name": "keyword.control.coco", "match": "(?<![\\\\w-])(%s)(?![\\\\w=-])" }
				  ]
				}
				""".formatted(alternatives(constants), alternatives(keywords));
	}

	/** Longest first, so that 'sev-snp-vtom' wins over 'sev-snp' and 'sev'. */
	private static String alternatives(TreeSet<String> words) {
		List<String> sorted = words.stream().sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b))
				.toList();
		return sorted.stream().map(w -> w.replace(".", "\\\\.")).collect(Collectors.joining("|"));
	}
}

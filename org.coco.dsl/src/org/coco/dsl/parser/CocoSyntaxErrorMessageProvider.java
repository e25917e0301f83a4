package org.coco.dsl.parser;

import java.util.List;
import java.util.stream.Collectors;

import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenStream;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.services.CocoGrammarAccess;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

import com.google.inject.Inject;

/**
 * Says what was expected in coco's own words instead of ANTLR's ("mismatched input 'x' expecting
 * RULE_ID"). The hint depends on the token before the error, which tells what the user was writing;
 * lists of allowed words come from the grammar, so they cannot drift from it.
 */
public class CocoSyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

	@Inject
	private CocoGrammarAccess grammar;

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		RecognitionException e = context.getRecognitionException();
		if (e == null) {
			return super.getSyntaxErrorMessage(context);
		}
		String message = explain(e, context.getTokenNames(), context.getCurrentContext());
		// Keep Xtext's syntax code: tools map it to coco.syntax (IssueCodes.stable).
		return message == null ? super.getSyntaxErrorMessage(context)
				: new SyntaxErrorMessage(message, Diagnostic.SYNTAX_DIAGNOSTIC);
	}

	private String explain(RecognitionException e, String[] tokenNames, EObject current) {
		String found = found(e.token);
		String previous = previousToken(e, 1);
		if ("->".equals(previousToken(e, 2))) {
			return "expected the direction after the device (found " + found + "): " + words(grammar.getDirectionRule());
		}
		String expected = expected(e, tokenNames);
		String hint = hintAfter(previous, found);
		if (hint != null) {
			return hint;
		}
		if (e.token != null && e.token.getType() == Token.EOF) {
			return "the file ends too early: " + (expected != null ? expected + " is missing" : "a block is not closed")
					+ (openBlock(current) != null ? " (in " + openBlock(current) + ")" : "");
		}
		if ((current == null || current instanceof Model) && (previous == null || "}".equals(previous))) {
			return "unexpected " + found
					+ ": a coco file holds package, import, platform <name> { ... } and scenario \"<title>\" on <platform> { ... }";
		}
		String block = openBlock(current);
		if ("'}'".equals(expected) && block != null) {
			return "unexpected " + found + " in " + block + ": " + whatGoesIn(current) + ", or '}' to close it";
		}
		if (expected != null) {
			return "unexpected " + found + ": expected " + expected + (block != null ? " (in " + block + ")" : "");
		}
		return "unexpected " + found + (block != null ? " in " + block + ": " + whatGoesIn(current) : "");
	}

	/** Hints keyed on the word the user just wrote. */
	private String hintAfter(String previous, String found) {
		if (previous == null) {
			return null;
		}
		switch (previous) {
		case "device":
			return "a device needs a name: device <name> : pci { ... } (found " + found + ")";
		case "platform":
			return "a platform needs a name: platform <name> { technology <kind> ... } (found " + found + ")";
		case "scenario":
			return "a scenario needs a quoted title: scenario \"<title>\" on <platform> { ... } (found " + found + ")";
		case "on":
			return "name the platform the scenario runs on: scenario \"<title>\" on <platform> { ... } (found " + found + ")";
		case "technology":
			return unknown("technology", found, grammar.getTechnologyRule());
		case "profile":
			return unknown("profile", found, grammar.getProfileRule());
		case "overlays":
			return unknown("overlay", found, grammar.getOverlayRule());
		case "attrs":
		case "|":
			return unknown("DMA attribute", found, grammar.getAttrRule());
		case "errno":
			return unknown("errno", found, grammar.getErrnoRule());
		case "state":
			return "expected a state here (found " + found + "): " + words(grammar.getPageStateRule()) + " after `expect state`, "
					+ words(grammar.getTsmStateRule()) + " after `tdisp state`";
		case "boot":
			return unknown("boot option", found, grammar.getBootOptionRule());
		case "config":
			return unknown("config switch", found, grammar.getConfigSwitchRule());
		case "heap":
			return unknown("heap", found, grammar.getHeapKindRule());
		case "iommu":
			return unknown("IOMMU mode", found, grammar.getIommuModeRule());
		case "path":
			return unknown("DMA path", found, grammar.getDmaPathRule());
		case "expect":
			return "unknown expectation " + found
					+ ": use expect direct [encrypted|unencrypted] [addr <a>], bounce [via <pool>], ok, error, null, leak, warn \"<text>\", no-warn, errno <E>, state <s>, t1 or t0";
		case "dma-mask":
		case "coherent-mask":
			return "a DMA mask is a bit count (dma-mask 32) or the mask itself in hex (dma-mask 0xffff_ffff), found " + found;
		case "size":
		case "iommu-leaf":
		case "rmp-page":
			return "expected a size such as 4096, 4K, 2M or 0x20_0000, found " + found;
		case "at":
		case "addr":
		case "bus-limit":
		case "range-offset":
		case "shared-gpa-boundary":
			return "expected an address such as 0x8000_0000, found " + found;
		case ":":
			return unknown("bus", found, grammar.getBusRule()) + " (device <name> : pci { ... })";
		case "=":
			return "after `<name> =` comes what creates it (found " + found
					+ "): alloc pages <size>, alloc heap <heap> <size>, dma_alloc_coherent <device> <size>, dma_alloc_pages <device> <size> or map <buffer> -> <device> <direction>";
		case "->":
			return "name the device to map for: map <buffer> -> <device> <direction> (found " + found + ")";
		case "pool":
			return "expected the pool kind (found " + found + "): pool swiotlb default | pool swiotlb dynamic <name> | pool restricted <name> size <s> | pool atomic <zone> | pool coherent <name> size <s> for <device>";
		default:
			return null;
		}
	}

	private String unknown(String what, String found, AbstractRule rule) {
		return "unknown " + what + " " + found + ": use one of " + words(rule);
	}

	private static String words(AbstractRule rule) {
		List<Keyword> keywords = GrammarUtil.containedKeywords(rule);
		return keywords.stream().map(Keyword::getValue).distinct().collect(Collectors.joining(", "));
	}

	private static String found(Token token) {
		if (token == null || token.getType() == Token.EOF) {
			return "the end of the file";
		}
		// A 1 MB token must not make a 1 MB message: quote its start only.
		return "'" + org.coco.dsl.conversion.CocoValueConverters.excerpt(token.getText()) + "'";
	}

	/** The n-th token on the default channel before the offending one: what the user just wrote. */
	private static String previousToken(RecognitionException e, int n) {
		if (!(e.input instanceof TokenStream tokens) || e.token == null) {
			return null;
		}
		int index = e.token.getTokenIndex();
		if (index < 0) {
			index = e.index;
		}
		int seen = 0;
		for (int i = index - 1; i >= 0; i--) {
			Token t = tokens.get(i);
			if (t.getChannel() == Token.DEFAULT_CHANNEL && ++seen == n) {
				return t.getText();
			}
		}
		return null;
	}

	/** ANTLR's expected token, in words. */
	private static String expected(RecognitionException e, String[] tokenNames) {
		if (!(e instanceof MismatchedTokenException m) || tokenNames == null || m.expecting < 0
				|| m.expecting >= tokenNames.length) {
			return null;
		}
		String name = tokenNames[m.expecting];
		switch (name) {
		case "RULE_ID":
			return "a name";
		case "RULE_STRING":
			return "a quoted text";
		case "RULE_INT":
			return "a number";
		case "RULE_HEX":
			return "a hex value such as 0x8000_0000";
		case "RULE_UNIT_SIZE":
			return "a size such as 4K";
		case "EOF":
			return "the end of the file";
		default:
			return name;
		}
	}

	private static String openBlock(EObject current) {
		Device device = EcoreUtil2.getContainerOfType(current, Device.class);
		if (device != null) {
			return "device " + device.getName();
		}
		Scenario scenario = EcoreUtil2.getContainerOfType(current, Scenario.class);
		if (scenario != null) {
			return "scenario \"" + scenario.getName() + "\"";
		}
		Platform platform = EcoreUtil2.getContainerOfType(current, Platform.class);
		if (platform != null) {
			return "platform " + platform.getName();
		}
		return null;
	}

	private static String whatGoesIn(EObject current) {
		if (EcoreUtil2.getContainerOfType(current, Device.class) != null) {
			return "a device holds settings such as dma-mask 64, coherent-mask 32, coherent, tdisp, restricted-pool <pool>";
		}
		if (EcoreUtil2.getContainerOfType(current, Scenario.class) != null) {
			return "a scenario holds steps such as buf = alloc pages 8K, m = map buf -> <device> to-device, unmap m, free buf";
		}
		return "a platform holds settings (technology, c-bit, profile, boot, ...) then devices, pools, heaps and mmio regions";
	}
}

package org.coco.dsl.tests.ide;

import static org.coco.dsl.tests.ide.PartialReparsingTest.assertSameAsFullParse;
import static org.coco.dsl.tests.ide.PartialReparsingTest.load;
import static org.coco.dsl.tests.ide.PartialReparsingTest.newSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Random;

import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.NearbyTokenRegions;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.parser.antlr.IPartialParsingHelper;
import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.TextRegion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partial parse lexes from a token of the previous parse some way before the edit (NearbyTokenRegions): in a
 * file long enough for that, random edits (names replaced, characters deleted, lines copied, inside comments and
 * strings too) give what a parse from scratch gives, and the token regions are those lexed from the start.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class NearbyTokenRegionsTest {

	@BeforeEach
	void injector() {
		PartialReparsingTest.ide = new CocoIdeSetup().createInjector();
	}

	/** Several examples in one file (their platforms have different names). */
	private static String longFile() throws Exception {
		StringBuilder b = new StringBuilder();
		for (String name : new String[] { "cca-realm.coco", "sev-snp-guest.coco", "tdx-guest.coco", "sme-host.coco" }) {
			b.append(Files.readString(Examples.dir().resolve(name))).append('\n');
		}
		return b.toString();
	}

	@Test
	void theLanguageServerParsesWithThem() {
		assertTrue(PartialReparsingTest.ide.getInstance(IPartialParsingHelper.class) instanceof NearbyTokenRegions.Helper);
		assertTrue(PartialReparsingTest.ide.getInstance(TokenRegionProvider.class) instanceof NearbyTokenRegions.Regions);
	}

	/**
	 * At every 13th offset of the file, a few characters replaced (an identifier's, a quote, a comment's start, a
	 * space): the region found from the previous parse's token is the one Xtext lexes from the start of the new text.
	 */
	@Test
	void theRegionsAreThoseLexedFromTheStart() throws Exception {
		String text = longFile();
		XtextResource r = load(newSet(), "mem:/long.coco", text);
		ICompositeNode previous = r.getParseResult().getRootNode();
		NearbyTokenRegions.Regions nearby = (NearbyTokenRegions.Regions) PartialReparsingTest.ide.getInstance(TokenRegionProvider.class);
		TokenRegionProvider xtext = PartialReparsingTest.ide.getInstance(XtextRegions.class);
		String[] inserts = { "x", "\"", "/*", " ", "", "-> 0x1" };
		int restarted = 0;
		for (int offset = 0; offset < text.length() - 4; offset += 13) {
			String insert = inserts[(offset / 13) % inserts.length];
			String changed = text.substring(0, offset) + insert + text.substring(offset + 2);
			TextRegion region = new TextRegion(offset, insert.length());
			assertEquals(xtext.getTokenRegion(changed, region), nearby.getTokenRegion(previous, changed, region), "at " + offset);
			restarted += offset >= 2 * 512 ? 1 : 0;
		}
		assertTrue(restarted > 1000, "offsets far into the file: " + restarted);
	}

	/** Xtext's own provider, not the bound one. */
	static final class XtextRegions extends TokenRegionProvider {
	}

	@Test
	void randomEditsFarIntoAFileGiveWhatAFullParseGives() throws Exception {
		String text = longFile();
		assertTrue(text.length() > 8 * 1024, "a long file");
		Random random = new Random(42);
		XtextResource r = load(newSet(), "mem:/long.coco", text);
		int partial = 0;
		for (int i = 0; i < 120; i++) {
			String next = PartialReparsingTest.RandomEdit.apply(text, random);
			if (PartialReparsingBuilder.reparse(r, next)) {
				partial++;
			} else {
				r = PartialReparsingTest.reload(r, next);
			}
			assertSameAsFullParse(r, next, "edit " + i);
			text = next;
		}
		assertTrue(partial > 60, "re-parsed partially: " + partial);
	}
}

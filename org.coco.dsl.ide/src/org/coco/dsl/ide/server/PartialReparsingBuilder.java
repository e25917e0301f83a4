package org.coco.dsl.ide.server;

import java.io.IOException;
import java.io.InputStream;

import org.coco.dsl.validation.ScenarioRunCache;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The language server's builder, which re-parses only the changed part of an edited file.
 *
 * Xtext's builder unloads every changed file and loads it again from its text: each keystroke in a
 * 10k-line file paid a full parse, proxies for all of the old file's objects and a content adapter
 * walked over all of the new one (about 40 % of the server's time per edit). Here a changed file that
 * is loaded keeps its resource and gets {@link XtextResource#update}, Xtext's partial parsing (the
 * Eclipse editor's path): the text between the common prefix and suffix of the old and new text is
 * the replaced region, so edits merged from several didChange messages, or left over from a cancelled
 * build, are one region too; the same text is linked again without a parse. Whatever goes wrong (no old parse, the update throws, the result's text
 * is not the new text) falls back to Xtext's unload and full reload.
 *
 * Linking and validation still cover the whole file, as after a full reload, but validation reuses
 * the scenario runs an edit cannot have changed (see validate).
 */
public class PartialReparsingBuilder extends IncrementalBuilder.InternalStatefulIncrementalBuilder {

	@Override
	protected void unloadResource(URI uri) {
		if (getRequest().getDirtyFiles().contains(uri) && !getRequest().getDeletedFiles().contains(uri)) {
			Resource resource = getRequest().getResourceSet().getResource(uri, false);
			if (resource instanceof XtextResource x && update(x)) {
				return;
			}
		}
		super.unloadResource(uri);
	}

	/**
	 * Each validation also keeps the file's scenario runs for the next one (ScenarioRunCache: an edit in
	 * one scenario runs that scenario again, not the others).
	 */
	@Override
	protected boolean validate(Resource resource) {
		ScenarioRunCache.install(resource);
		return super.validate(resource);
	}

	/**
	 * The builder has just resolved every reference of the file (launch): its description need not resolve
	 * them again for the reference descriptions and the imported names (ReusingResourceDescription).
	 */
	@Override
	protected IResourceDescription getSerializableResourceDescription(IResourceDescription description) {
		if (description instanceof ReusingResourceDescription d) {
			d.resolved();
		}
		return super.getSerializableResourceDescription(description);
	}

	private static boolean update(XtextResource resource) {
		String newText = currentText(resource);
		return newText != null && reparse(resource, newText);
	}

	/**
	 * Brings a loaded resource to the given text by partial parsing. True if it now holds that text;
	 * false if it must be reloaded (it may be half-updated then).
	 */
	public static boolean reparse(XtextResource resource, String newText) {
		IParseResult parse = resource.isLoaded() ? resource.getParseResult() : null;
		if (parse == null || parse.getRootNode() == null || resource.getContents().size() != 1) {
			return false;
		}
		String oldText = parse.getRootNode().getText();
		Region changed = Region.between(oldText, newText);
		if (changed == null) {
			return relink(resource);
		}
		try {
			resource.update(changed.offset(), changed.replacedLength(), changed.text());
		} catch (RuntimeException e) {
			return false;
		}
		IParseResult updated = resource.getParseResult();
		return updated != null && updated.getRootNode() != null && newText.equals(updated.getRootNode().getText());
	}

	/**
	 * The same text, rebuilt for another reason: the didOpen of a file the server had loaded from disk (the
	 * user's first edit waited for that reload: 0.6-0.9 s in a 10k-line file), an edit undone before the
	 * build, or a change of a file it refers to. The parse stands; the links are made again, as a reload
	 * would (so a reference into a changed file is resolved, or reported, anew).
	 */
	private static boolean relink(XtextResource resource) {
		try {
			resource.relink();
			return true;
		} catch (RuntimeException e) {
			return false;
		}
	}

	/** The text a reload would parse (an open document's content, else the file's), or null. */
	private static String currentText(XtextResource resource) {
		try (InputStream in = resource.getResourceSet().getURIConverter().createInputStream(resource.getURI())) {
			return new String(in.readAllBytes(), resource.getEncoding());
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** The replacement that turns one text into another: what lies between their common prefix and suffix. */
	record Region(int offset, int replacedLength, String text) {

		/** Null when the texts are equal. */
		static Region between(String oldText, String newText) {
			int max = Math.min(oldText.length(), newText.length());
			int prefix = 0;
			while (prefix < max && oldText.charAt(prefix) == newText.charAt(prefix)) {
				prefix++;
			}
			if (prefix == oldText.length() && prefix == newText.length()) {
				return null;
			}
			int suffix = 0;
			while (suffix < max - prefix
					&& oldText.charAt(oldText.length() - 1 - suffix) == newText.charAt(newText.length() - 1 - suffix)) {
				suffix++;
			}
			return new Region(prefix, oldText.length() - prefix - suffix,
					newText.substring(prefix, newText.length() - suffix));
		}
	}
}

package org.coco.dsl.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.validation.ScenarioRunCache;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.build.BuildRequest;
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
 * An edit inside one scenario or one platform member links that part alone (RelinkingResource) when the file
 * is all the build changes; validation still covers the whole file, as after a full reload, but keeps the
 * issues of the platform members the edit did not change (MemberReusingDiagnostician) and reuses
 * the scenario runs an edit cannot have changed (see validate); a file that holds the text its last
 * completed build made of it is not built again (see unchanged).
 */
public class PartialReparsingBuilder extends IncrementalBuilder.InternalStatefulIncrementalBuilder {

	@Override
	protected void unloadResource(URI uri) {
		Resource resource = getRequest().getResourceSet().getResource(uri, false);
		if (resource != null && unchanged(uri, resource)) {
			unchanged.add(uri);
			return;
		}
		if (resource != null) {
			CompletedBuild.forget(resource);
		}
		if (getRequest().getDirtyFiles().contains(uri) && !getRequest().getDeletedFiles().contains(uri)) {
			if (resource instanceof XtextResource x && update(x, onlyChange())) {
				return;
			}
		}
		super.unloadResource(uri);
	}

	/** The dirty files left as the last completed build made them. */
	private final Set<URI> unchanged = new HashSet<>();

	/** The resources validated by this build: CompletedBuild once it completes. */
	private final List<Resource> validated = new ArrayList<>();

	/**
	 * A dirty file needs no build when it holds the text the last completed build made of it and nothing else
	 * changed: the didOpen of a file the server built from disk, with the same text (the user's first edit
	 * waited for its re-link, its validation and the publication of its diagnostics), or an edit undone before
	 * its build. Its diagnostics are those already published (LSP clients keep a file's diagnostics whether it
	 * is open or not). When any file is deleted, or another dirty file is not in the same case, or another
	 * project's index changed, the file is built.
	 */
	private boolean unchanged(URI uri, Resource resource) {
		BuildRequest request = getRequest();
		if (!request.getDirtyFiles().contains(uri) || !request.getDeletedFiles().isEmpty()
				|| !request.getExternalDeltas().isEmpty()) {
			return false;
		}
		for (URI dirty : request.getDirtyFiles()) {
			Resource r = dirty.equals(uri) ? resource : request.getResourceSet().getResource(dirty, false);
			if (!(r instanceof XtextResource x) || !builtAsIs(x)) {
				return false;
			}
		}
		return true;
	}

	/** Whether the resource is what the last completed build made of it, and its text is still the same. */
	private static boolean builtAsIs(XtextResource resource) {
		CompletedBuild built = CompletedBuild.of(resource);
		IParseResult parse = resource.isLoaded() ? resource.getParseResult() : null;
		return built != null && parse != null && parse.getRootNode() != null
				&& built.text.equals(parse.getRootNode().getText()) && built.text.equals(currentText(resource));
	}

	@Override
	public IncrementalBuilder.Result launch() {
		IncrementalBuilder.Result result = super.launch();
		for (Resource resource : validated) {
			IParseResult parse = resource instanceof XtextResource x ? x.getParseResult() : null;
			if (parse != null && parse.getRootNode() != null) {
				CompletedBuild.remember(resource, parse.getRootNode().getText());
			}
		}
		return result;
	}

	/**
	 * Each validation also keeps the file's scenario runs for the next one (ScenarioRunCache: an edit in
	 * one scenario runs that scenario again, not the others), and after a whole-model linking the file's table of
	 * qualified names is made for the edits that follow (PartReusingScopeProvider.prepare); once the build completes, the file is marked as
	 * built (CompletedBuild). A file left unchanged (see unchanged) is not validated again, nor are its issues
	 * published again.
	 */
	@Override
	protected boolean validate(Resource resource) {
		if (unchanged.contains(resource.getURI())) {
			validated.add(resource);
			return true; // its issues are published already
		}
		ScenarioRunCache.install(resource);
		if (resource instanceof XtextResource x && x.getResourceServiceProvider() != null) {
			x.getResourceServiceProvider().get(PartReusingScopeProvider.class).prepare(resource);
		}
		boolean valid = super.validate(resource);
		validated.add(resource);
		return valid;
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

	/**
	 * The file is all this build changes: no other dirty or deleted file, no other project's index changed. Only
	 * then may an edit link its part alone (RelinkingResource): references into a file that changes too must be
	 * linked again by name.
	 */
	private boolean onlyChange() {
		BuildRequest request = getRequest();
		return request.getDirtyFiles().size() == 1 && request.getDeletedFiles().isEmpty() && request.getExternalDeltas().isEmpty();
	}

	private static boolean update(XtextResource resource, boolean partsAlone) {
		String newText = currentText(resource);
		if (newText == null) {
			return false;
		}
		if (!(resource instanceof RelinkingResource r)) {
			return reparse(resource, newText);
		}
		r.linkPartsAlone(partsAlone);
		try {
			return reparse(resource, newText);
		} finally {
			r.linkPartsAlone(true);
		}
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

		/**
		 * Null when the texts are equal. The common ends are found by the JDK's vectorized array comparison
		 * (Arrays.mismatch, Arrays.equals on ranges), block by block from the end for the suffix: a char loop
		 * over a 10k-line file ran interpreted during the first edits (11 % of the first edit's samples).
		 */
		static Region between(String oldText, String newText) {
			char[] a = oldText.toCharArray();
			char[] b = newText.toCharArray();
			int max = Math.min(a.length, b.length);
			int prefix = Arrays.mismatch(a, b);
			if (prefix < 0) {
				return null;
			}
			int suffix = 0;
			int limit = max - prefix; // the suffix may not overlap the prefix
			while (suffix < limit) {
				int block = Math.min(BLOCK, limit - suffix);
				if (Arrays.equals(a, a.length - suffix - block, a.length - suffix, b, b.length - suffix - block, b.length - suffix)) {
					suffix += block;
					continue;
				}
				while (a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
					suffix++;
				}
				break;
			}
			return new Region(prefix, oldText.length() - prefix - suffix,
					newText.substring(prefix, newText.length() - suffix));
		}

		private static final int BLOCK = 256;
	}
}

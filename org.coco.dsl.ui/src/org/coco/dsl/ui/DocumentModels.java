package org.coco.dsl.ui;

import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentExtension4;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The last parse of each open document, keyed by its modification stamp: hover, go to
 * definition, outline, format and run reuse the reconciler's parse while the text is unchanged
 * instead of parsing on the UI thread again.
 */
public final class DocumentModels {
	private DocumentModels() {
	}

	private record Parsed(long stamp, XtextResource resource) {
	}

	private static final Map<IDocument, Parsed> LAST = new WeakHashMap<>();

	/** The model of document's current text: cached if unchanged since the last parse, else parsed now. */
	public static XtextResource of(IDocument document) {
		long stamp = stamp(document);
		synchronized (LAST) {
			Parsed p = LAST.get(document);
			if (p != null && p.stamp() == stamp && stamp != IDocumentExtension4.UNKNOWN_MODIFICATION_STAMP) {
				return p.resource();
			}
		}
		XtextResource resource = CocoParser.parse(Documents.fileOf(document), document.get());
		remember(document, stamp, resource);
		return resource;
	}

	/** Records a parse of document's text as it was at stamp (the reconciler's, once validated). */
	public static void remember(IDocument document, long stamp, XtextResource resource) {
		synchronized (LAST) {
			LAST.put(document, new Parsed(stamp, resource));
		}
	}

	public static long stamp(IDocument document) {
		return document instanceof IDocumentExtension4 d ? d.getModificationStamp()
				: IDocumentExtension4.UNKNOWN_MODIFICATION_STAMP;
	}
}

package org.coco.dsl.ui.editor;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.coco.dsl.ide.editor.Outline;
import org.eclipse.jface.text.IDocument;

/** Hands each reconcile's outline to the outline pages showing that document (UI thread). */
final class ReconcileResults {
	private ReconcileResults() {
	}

	private static final Map<IDocument, List<Consumer<List<Outline.Node>>>> LISTENERS = new WeakHashMap<>();
	private static final Map<IDocument, List<Outline.Node>> LAST = new WeakHashMap<>();

	static synchronized void subscribe(IDocument document, Consumer<List<Outline.Node>> listener) {
		LISTENERS.computeIfAbsent(document, d -> new CopyOnWriteArrayList<>()).add(listener);
		List<Outline.Node> last = LAST.get(document);
		if (last != null) {
			listener.accept(last);
		}
	}

	static synchronized void unsubscribe(IDocument document, Consumer<List<Outline.Node>> listener) {
		var list = LISTENERS.get(document);
		if (list != null) {
			list.remove(listener);
		}
	}

	static void publish(IDocument document, List<Outline.Node> outline) {
		List<Consumer<List<Outline.Node>>> listeners;
		synchronized (ReconcileResults.class) {
			LAST.put(document, outline);
			listeners = LISTENERS.getOrDefault(document, List.of());
		}
		listeners.forEach(l -> l.accept(outline));
	}

	static synchronized void forget(IDocument document) {
		LAST.remove(document);
		LISTENERS.remove(document);
	}
}

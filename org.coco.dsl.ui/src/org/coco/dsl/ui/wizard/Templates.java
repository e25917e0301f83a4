package org.coco.dsl.ui.wizard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.coco.dsl.ide.editor.PlatformTemplates;
import org.coco.dsl.ide.editor.PlatformTemplates.Template;
import org.coco.dsl.ui.CocoUiPlugin;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** The new-file templates: the examples copied into the bundle at build time (templates/). */
public final class Templates {
	private Templates() {
	}

	public static List<Template> all() {
		Bundle bundle = Platform.getBundle(CocoUiPlugin.ID);
		List<String> examples = new ArrayList<>();
		var entries = bundle == null ? null : bundle.findEntries("templates", "*.coco", false);
		if (entries != null) {
			for (URL url : Collections.list(entries)) {
				try (InputStream in = url.openStream()) {
					examples.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				} catch (IOException e) {
					CocoUiPlugin.log("cannot read template " + url, e);
				}
			}
		}
		return PlatformTemplates.fromExamples(examples);
	}
}

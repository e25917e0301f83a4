package org.coco.dsl.ui;

import org.coco.dsl.ide.CocoIdeSetup;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import com.google.inject.Injector;

/** The plugin's one Xtext injector (IDE services: parser, validator, proposals, formatter...). */
public final class CocoUiPlugin {
	private CocoUiPlugin() {
	}

	public static final String ID = "org.coco.dsl.ui";

	private static volatile Injector injector;

	public static Injector injector() {
		Injector i = injector;
		if (i == null) {
			synchronized (CocoUiPlugin.class) {
				i = injector;
				if (i == null) {
					i = new CocoIdeSetup().createInjectorAndDoEMFRegistration();
					injector = i;
				}
			}
		}
		return i;
	}

	public static <T> T get(Class<T> type) {
		return injector().getInstance(type);
	}

	/** Logs to the Error Log; users see a message, never a stack trace. */
	public static void log(String message, Throwable t) {
		ILog.of(CocoUiPlugin.class).log(new Status(IStatus.ERROR, ID, message, t));
	}
}

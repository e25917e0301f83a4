package org.coco.dsl.validation;

import org.eclipse.xtext.diagnostics.Diagnostic;

/**
 * Every diagnostic coco reports has one of these stable codes. Users filter and suppress by them
 * in CI, so a code is never renamed or reused; docs/rules.md lists them all.
 */
public final class IssueCodes {
	private IssueCodes() {
	}

	private static final String PREFIX = "coco.";

	/** The text does not follow the grammar. */
	public static final String SYNTAX = PREFIX + "syntax";
	/** A name refers to nothing visible from here. */
	public static final String UNRESOLVED_REFERENCE = PREFIX + "unresolved-reference";
	/** A number does not fit (e.g. more than 64 bits) or a size/address is malformed. */
	public static final String BAD_NUMBER = PREFIX + "bad-number";
	/** A required setting is missing (a platform without `technology`). */
	public static final String MISSING_SETTING = PREFIX + "missing-setting";
	/** A setting that takes one value is given twice. */
	public static final String DUPLICATE_SETTING = PREFIX + "duplicate-setting";
	/** A file cannot be read, or is not valid input. */
	public static final String UNREADABLE_INPUT = PREFIX + "unreadable-input";

	/**
	 * The stable code for a diagnostic: our own codes pass through, Xtext's built-in ones (syntax,
	 * linking, value conversion) are mapped to ours.
	 */
	public static String stable(String code) {
		if (code == null) {
			return PREFIX + "other";
		}
		if (code.startsWith(PREFIX)) {
			return code;
		}
		switch (code) {
		case Diagnostic.SYNTAX_DIAGNOSTIC:
			return SYNTAX;
		case Diagnostic.LINKING_DIAGNOSTIC:
			return UNRESOLVED_REFERENCE;
		case "org.eclipse.xtext.conversion.ValueConverterException":
			return BAD_NUMBER;
		default:
			return PREFIX + "other";
		}
	}
}

package org.coco.dsl.conversion;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Sizes (4096, 4K, 2M, 0x20_0000) and addresses (hex with '_' separators) as 64-bit values. A value
 * that does not fit in 64 bits is a diagnostic, never a silent wrap-around.
 */
public class CocoValueConverters extends DefaultTerminalConverters {

	private final IValueConverter<Long> size = new NumberConverter(true);
	private final IValueConverter<Long> address = new NumberConverter(false);

	// Injected: Xtext's INT converter needs its lexer and rule to serialize values.
	@com.google.inject.Inject
	private IntConverter integer;

	/** INT (c-bit, phys-bits, dma-mask 64, ...): Xtext's own says only "For input string" on overflow. */
	@Override
	@ValueConverter(rule = "INT")
	public IValueConverter<Integer> INT() {
		return integer;
	}

	/** The start of a token for a message: long tokens (a 1 MB line) are cut, with their length said. */
	public static String excerpt(String text) {
		if (text == null || text.length() <= 40) {
			return text;
		}
		return text.substring(0, 32) + "… (" + text.length() + " characters)";
	}

	public static class IntConverter extends org.eclipse.xtext.conversion.impl.INTValueConverter {
		@Override
		public Integer toValue(String string, INode node) throws ValueConverterException {
			try {
				return super.toValue(string, node);
			} catch (ValueConverterException e) {
				if (string != null && !string.isEmpty() && string.chars().allMatch(Character::isDigit)) {
					throw new ValueConverterException("'" + excerpt(string) + "' is too large: use a number below 2^31",
							node, null);
				}
				throw e;
			}
		}
	}

	@ValueConverter(rule = "Size")
	public IValueConverter<Long> Size() {
		return size;
	}

	@ValueConverter(rule = "Address")
	public IValueConverter<Long> Address() {
		return address;
	}

	@ValueConverter(rule = "HexValue")
	public IValueConverter<Long> HexValue() {
		return address;
	}

	/** Parses a number token; formats sizes with the largest exact unit and addresses in hex. */
	public static final class NumberConverter implements IValueConverter<Long> {
		private static final String UNITS = "KMGT";
		private final boolean sizeStyle;

		NumberConverter(boolean sizeStyle) {
			this.sizeStyle = sizeStyle;
		}

		@Override
		public Long toValue(String string, INode node) throws ValueConverterException {
			if (string == null || string.isEmpty()) {
				throw new ValueConverterException(sizeStyle ? "a size such as 4096, 4K, 2M or 0x20_0000 is expected here"
						: "an address such as 0x8000_0000 is expected here", node, null);
			}
			return parse(string.trim(), node);
		}

		public static long parse(String text, INode node) {
			String s = text.replace("_", "");
			try {
				if (s.startsWith("0x") || s.startsWith("0X")) {
					String digits = s.substring(2);
					if (digits.length() > 16) {
						throw tooBig(text, node);
					}
					return Long.parseUnsignedLong(digits, 16);
				}
				char last = s.charAt(s.length() - 1);
				int unit = UNITS.indexOf(last);
				if (unit >= 0) {
					long n = Long.parseLong(s.substring(0, s.length() - 1));
					return Math.multiplyExact(n, 1L << (10 * (unit + 1)));
				}
				return Long.parseLong(s);
			} catch (NumberFormatException | ArithmeticException e) {
				throw tooBig(text, node);
			}
		}

		private static ValueConverterException tooBig(String text, INode node) {
			return new ValueConverterException("'" + excerpt(text) + "' does not fit in 64 bits: use a smaller value",
					node, null);
		}

		@Override
		public String toString(Long value) throws ValueConverterException {
			if (value == null) {
				throw new ValueConverterException("no value", null, null);
			}
			long v = value;
			if (sizeStyle && v > 0) {
				for (int unit = UNITS.length() - 1; unit >= 0; unit--) {
					long factor = 1L << (10 * (unit + 1));
					if (v % factor == 0) {
						return (v / factor) + String.valueOf(UNITS.charAt(unit));
					}
				}
				return Long.toString(v);
			}
			return hex(v);
		}

		/** 0x8000_0000 style: '_' every four hex digits, as kernel engineers write long addresses. */
		public static String hex(long v) {
			String digits = Long.toHexString(v);
			StringBuilder sb = new StringBuilder();
			for (int i = 0; i < digits.length(); i++) {
				if (i > 0 && (digits.length() - i) % 4 == 0) {
					sb.append('_');
				}
				sb.append(digits.charAt(i));
			}
			return "0x" + sb;
		}
	}
}

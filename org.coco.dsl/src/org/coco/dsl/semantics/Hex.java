package org.coco.dsl.semantics;

/** Number formatting used in traces and in the kernel's message formats. */
public final class Hex {
	private Hex() {
	}

	/** Trace style: 0x8000_0000 (underscores every four digits, as the DSL writes addresses). */
	public static String of(long v) {
		String digits = Long.toHexString(v);
		StringBuilder sb = new StringBuilder("0x");
		for (int i = 0; i < digits.length(); i++) {
			if (i > 0 && (digits.length() - i) % 4 == 0) {
				sb.append('_');
			}
			sb.append(digits.charAt(i));
		}
		return sb.toString();
	}

	/** The kernel's %pad for a 64-bit dma_addr_t: 0x plus 16 zero-padded hex digits. */
	public static String pad(long v) {
		String digits = Long.toHexString(v); // as String.format("0x%016x", v), without the formatter
		return "0x" + "0000000000000000".substring(digits.length()) + digits;
	}

	/** The kernel's %llx: lower-case hex, no prefix. */
	public static String llx(long v) {
		return Long.toHexString(v);
	}

	public static String size(long v) {
		String[] units = { "T", "G", "M", "K" };
		int[] shifts = { 40, 30, 20, 10 };
		for (int i = 0; i < units.length; i++) {
			long f = 1L << shifts[i];
			if (v >= f && v % f == 0) {
				return (v / f) + units[i];
			}
		}
		return Long.toString(v);
	}
}

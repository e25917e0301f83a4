package org.coco.dsl.semantics;

/** Linux errno values that the modelled calls return (negated in the kernel). */
public enum Errno {
	EIO(5), ENXIO(6), ENOMEM(12), EBUSY(16), EINVAL(22);

	private final int code;

	Errno(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	@Override
	public String toString() {
		return "-" + name();
	}
}

package org.coco.dsl.semantics;

/** The SEV-SNP RMP page-size rule (§5.1): ok iff size_class(iommu leaf) == RMP page size. */
public final class RmpRule {
	private RmpRule() {
	}

	public static final long SIZE_4K = 4096, SIZE_2M = 2L << 20;

	/** size_class(x) = x >= 2M ? 2M : 4K. */
	public static long sizeClass(long leaf) {
		return leaf >= SIZE_2M ? SIZE_2M : SIZE_4K;
	}

	public static boolean ok(long iommuLeaf, long rmpPage) {
		return sizeClass(iommuLeaf) == rmpPage;
	}

	public static String explain(long iommuLeaf, long rmpPage) {
		return "IOMMU leaf " + Hex.size(iommuLeaf) + " (checked as " + Hex.size(sizeClass(iommuLeaf)) + ") vs RMP "
				+ Hex.size(rmpPage) + (ok(iommuLeaf, rmpPage) ? ": OK" : ": RMP check fails");
	}
}

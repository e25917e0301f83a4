package org.coco.dsl.semantics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.MmioImpliesShared;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.T1SharedAccess;

/**
 * The named parameters for points the reference marks unknown or disputed (§7), with the value used in a
 * run and where it came from. Every run records them in its Trace, so no choice is silent.
 *
 * <ul>
 * <li>{@code mmio_implies_shared} ∈ {fdu, fdu_or_host, never} — §4.2 series-v7 step 1 (platform
 * `mmio-implies-shared`; default fdu = the v7 code as posted).</li>
 * <li>{@code t1_shared_access} ∈ {forbidden, allowed_if_mapped, unknown} — §2.3 (platform
 * `t1-shared-access`; default unknown).</li>
 * <li>{@code unlock_clears_accepted} ∈ {yes, no} — §2.2 ov-devsec, "expected, not seen" (default yes).</li>
 * <li>{@code vtom_device_alias} ∈ {kernel_pa, vtom_alias} — §7 Hyper-V vTOM: kernel_pa = the address
 * the kernel gives (PA); vtom_alias = shared DMA addresses carry shared-gpa-boundary (default
 * kernel_pa).</li>
 * <li>{@code link_tsms} — comma-separated names of the link TSMs registered on the host (§2.2 host
 * connect; the grammar has no TSM declaration; default tsm0).</li>
 * <li>{@code t0_dma_while_locked} ∈ {allowed, blocked, unknown} — §2.2 ov-devsec: "depending on the TSM,
 * T=0 DMA may also be blocked while locked" (default unknown).</li>
 * </ul>
 */
public record Parameters(MmioImpliesShared mmioImpliesShared, T1SharedAccess t1SharedAccess,
		boolean unlockClearsAccepted, VtomDeviceAlias vtomDeviceAlias, Set<String> linkTsms, String t0DmaWhileLocked,
		Map<String, String> recorded) {

	public enum VtomDeviceAlias {
		KERNEL_PA, VTOM_ALIAS
	}

	public static final String MMIO_IMPLIES_SHARED = "mmio_implies_shared";
	public static final String T1_SHARED_ACCESS = "t1_shared_access";
	public static final String UNLOCK_CLEARS_ACCEPTED = "unlock_clears_accepted";
	public static final String VTOM_DEVICE_ALIAS = "vtom_device_alias";
	public static final String LINK_TSMS = "link_tsms";
	public static final String T0_DMA_WHILE_LOCKED = "t0_dma_while_locked";

	public static final List<String> NAMES = List.of(MMIO_IMPLIES_SHARED, T1_SHARED_ACCESS,
			UNLOCK_CLEARS_ACCEPTED, VTOM_DEVICE_ALIAS, LINK_TSMS, T0_DMA_WHILE_LOCKED);

	static void validateNames(Collection<String> names) {
		for (String n : names) {
			if (!NAMES.contains(n)) {
				throw new IllegalArgumentException("unknown parameter '" + n + "'; known: " + NAMES);
			}
		}
	}

	/** Resolves every parameter: run option first, then the platform's attribute, then the default. */
	public static Parameters resolve(Platform platform, Map<String, String> options) {
		Map<String, String> rec = new LinkedHashMap<>();

		MmioImpliesShared mmio;
		String o = options.get(MMIO_IMPLIES_SHARED);
		if (o != null) {
			mmio = MmioImpliesShared.get(o.replace('_', '-'));
			if (mmio == null) {
				throw bad(MMIO_IMPLIES_SHARED, o, "fdu, fdu_or_host, never");
			}
			rec.put(MMIO_IMPLIES_SHARED, literal(mmio.getLiteral()) + " (run option)");
		} else {
			mmio = platform.getMmioImpliesShared();
			rec.put(MMIO_IMPLIES_SHARED, literal(mmio.getLiteral())
					+ (platform.eIsSet(platform.eClass().getEStructuralFeature("mmioImpliesShared")) ? " (platform)"
							: " (default: v7 as posted)"));
		}

		T1SharedAccess t1;
		o = options.get(T1_SHARED_ACCESS);
		if (o != null) {
			t1 = T1SharedAccess.get(o.replace('_', '-'));
			if (t1 == null) {
				throw bad(T1_SHARED_ACCESS, o, "forbidden, allowed_if_mapped, unknown");
			}
			rec.put(T1_SHARED_ACCESS, literal(t1.getLiteral()) + " (run option)");
		} else {
			t1 = platform.getT1SharedAccess();
			rec.put(T1_SHARED_ACCESS, literal(t1.getLiteral()) + (t1 == T1SharedAccess.UNKNOWN ? " (default)" : " (platform)"));
		}

		boolean unlock = true;
		o = options.get(UNLOCK_CLEARS_ACCEPTED);
		if (o != null) {
			unlock = switch (o) {
			case "yes", "true" -> true;
			case "no", "false" -> false;
			default -> throw bad(UNLOCK_CLEARS_ACCEPTED, o, "yes, no");
			};
		}
		rec.put(UNLOCK_CLEARS_ACCEPTED, (unlock ? "yes" : "no") + (o != null ? " (run option)" : " (default)"));

		VtomDeviceAlias vtom = VtomDeviceAlias.KERNEL_PA;
		o = options.get(VTOM_DEVICE_ALIAS);
		if (o != null) {
			vtom = switch (o) {
			case "kernel_pa" -> VtomDeviceAlias.KERNEL_PA;
			case "vtom_alias" -> VtomDeviceAlias.VTOM_ALIAS;
			default -> throw bad(VTOM_DEVICE_ALIAS, o, "kernel_pa, vtom_alias");
			};
		}
		rec.put(VTOM_DEVICE_ALIAS, vtom.name().toLowerCase() + (o != null ? " (run option)" : " (default)"));

		Set<String> tsms = Set.of("tsm0");
		o = options.get(LINK_TSMS);
		if (o != null) {
			tsms = Set.of(o.trim().isEmpty() ? new String[0] : o.trim().split("\\s*,\\s*"));
		}
		rec.put(LINK_TSMS, String.join(",", tsms.stream().sorted().toList()) + (o != null ? " (run option)" : " (default)"));

		String locked = "unknown";
		o = options.get(T0_DMA_WHILE_LOCKED);
		if (o != null) {
			if (!List.of("allowed", "blocked", "unknown").contains(o)) {
				throw bad(T0_DMA_WHILE_LOCKED, o, "allowed, blocked, unknown");
			}
			locked = o;
		}
		rec.put(T0_DMA_WHILE_LOCKED, locked + (o != null ? " (run option)" : " (default)"));

		return new Parameters(mmio, t1, unlock, vtom, tsms, locked, rec);
	}

	private static String literal(String grammarLiteral) {
		return grammarLiteral.replace('-', '_');
	}

	private static IllegalArgumentException bad(String name, String value, String choices) {
		return new IllegalArgumentException("parameter " + name + ": '" + value + "' is not one of " + choices);
	}
}

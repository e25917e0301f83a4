package org.coco.dsl.semantics;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.CoherentAlloc;
import org.coco.dsl.coco.ConvertStep;
import org.coco.dsl.coco.CpuMapStep;
import org.coco.dsl.coco.DmaPagesAlloc;
import org.coco.dsl.coco.ExpectDataStep;
import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.Gfp;
import org.coco.dsl.coco.HeapAlloc;
import org.coco.dsl.coco.MapSource;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.PageAlloc;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.SyncStep;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.coco.UnmapStep;
import org.coco.dsl.coco.WriteStep;

/**
 * Writes steps (without their expectations) and whole scenarios in .coco syntax, so that a generated
 * counterexample can be pasted into the file that declares its platform and run as it is.
 */
public final class StepPrinter {
	private StepPrinter() {
	}

	public static String scenario(String name, String platform, Profile profile, Set<Overlay> overlays,
			Collection<String> comments, List<Step> steps) {
		StringBuilder sb = new StringBuilder();
		for (String c : comments) {
			sb.append("// ").append(c).append('\n');
		}
		sb.append("scenario \"").append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" on ").append(platform);
		if (profile != null) {
			sb.append(" profile ").append(profile.getLiteral());
		}
		if (overlays != null && !overlays.isEmpty()) {
			sb.append(" overlays ").append(String.join(", ", overlays.stream().map(Overlay::getLiteral).sorted().toList()));
		}
		sb.append(" {\n");
		for (Step s : steps) {
			sb.append("    ").append(step(s)).append('\n');
		}
		return sb.append("}\n").toString();
	}

	/** One step in .coco syntax, expectations left out. */
	public static String step(Step step) {
		if (step instanceof TsmStep t) {
			return t.getDevice().getName() + " " + t.getOp().getLiteral() + (t.getTsm() != null ? " " + t.getTsm() : "")
					+ (t.isFail() ? " fails" : "");
		}
		if (step instanceof AllocStep a) {
			return a.getBuffer().getName() + " = " + source(a);
		}
		if (step instanceof MapStep m) {
			StringBuilder sb = new StringBuilder();
			if (m.getMapping() != null) {
				sb.append(m.getMapping().getName()).append(" = ");
			}
			sb.append("map ");
			if (m.eIsSet(org.coco.dsl.coco.CocoPackage.Literals.MAP_STEP__KIND)) {
				sb.append(m.getKind().getLiteral()).append(' ');
			}
			sb.append(m.getTarget() == null ? "?" : name(m.getTarget().getRef()));
			sb.append(" -> ").append(m.getDevice().getName()).append(' ').append(m.getDirection().getLiteral());
			sb.append(attrs(m.getAttrs()));
			if (m.getOffset() != 0) {
				sb.append(" offset ").append(Hex.size(m.getOffset()));
			}
			if (m.getSize() != 0) {
				sb.append(" size ").append(Hex.size(m.getSize()));
			}
			return sb.toString();
		}
		if (step instanceof UnmapStep u) {
			return "unmap " + u.getMapping().getName() + attrs(u.getAttrs());
		}
		String other = writtenAlike(step);
		return other != null ? other : "// " + step.eClass().getName();
	}

	/** A step that the source and the trace write alike (the rest differ in names, offsets, sizes, attributes); else null. */
	private static String writtenAlike(Step step) {
		if (step instanceof SyncStep s) {
			return "sync " + s.getMapping().getName() + " " + s.getTarget().getLiteral();
		}
		if (step instanceof FreeStep f) {
			return "free " + f.getBuffer().getName() + (f.isFail() ? " encrypt-fails" : "");
		}
		if (step instanceof ConvertStep c) {
			return c.getOp().getLiteral() + " " + c.getBuffer().getName() + (c.isFail() ? " fails" : "");
		}
		if (step instanceof CpuMapStep c) {
			return c.getOp().getLiteral() + " " + c.getBuffer().getName();
		}
		if (step instanceof WriteStep w) {
			return w.getWriter().getLiteral() + " writes " + w.getBuffer().getName() + " " + Hex.of(w.getPattern());
		}
		if (step instanceof ExpectDataStep c) {
			return "check " + c.getBuffer().getName() + (c.isDeviceView() ? " device-sees " : " cpu-sees ") + Hex.of(c.getPattern());
		}
		return null;
	}

	/**
	 * A step as the trace describes it ({@link StepResult#description()}): like {@link #step} without
	 * mapping names, offsets and sizes. Depends on the model only, so a result computes it when read.
	 */
	static String traced(Step step) {
		if (step instanceof TsmStep t) {
			return t.getDevice().getName() + " " + t.getOp().getLiteral() + (t.getTsm() != null ? " " + t.getTsm() : "");
		}
		if (step instanceof AllocStep a) {
			return a.getBuffer().getName() + " = " + (a.getSource() == null ? "alloc" : source(a));
		}
		if (step instanceof MapStep ms) {
			return "map " + (ms.getKind() != null && ms.eIsSet(org.coco.dsl.coco.CocoPackage.Literals.MAP_STEP__KIND) ? ms.getKind().getLiteral() + " " : "")
					+ (ms.getTarget() != null && ms.getTarget().getRef() != null ? name(ms.getTarget().getRef()) : "?") + " -> "
					+ ms.getDevice().getName() + " " + ms.getDirection().getLiteral() + attrs(ms.getAttrs());
		}
		if (step instanceof UnmapStep u) {
			return "unmap " + u.getMapping().getName();
		}
		String other = writtenAlike(step);
		return other != null ? other : step.eClass().getName();
	}

	private static String name(MapSource src) {
		return src instanceof Buffer b ? b.getName() : src instanceof Mmio mm ? mm.getName() : "?";
	}

	/** An allocation as written in .coco (the trace describes alloc steps with it too). */
	static String source(AllocStep a) {
		if (a.getSource() instanceof PageAlloc p) {
			return "alloc pages " + Hex.size(p.getSize()) + (p.isHighmem() ? " highmem" : "");
		}
		if (a.getSource() instanceof HeapAlloc h) {
			return "alloc heap " + h.getHeap().getLiteral() + " " + Hex.size(h.getSize()) + (h.isFail() ? " decrypt-fails" : "");
		}
		if (a.getSource() instanceof CoherentAlloc c) {
			return "dma_alloc_coherent " + c.getDevice().getName() + " " + Hex.size(c.getSize())
					+ (c.getGfp() == Gfp.ATOMIC ? " atomic" : "") + attrs(c.getAttrs()) + (c.isFail() ? " decrypt-fails" : "");
		}
		if (a.getSource() instanceof DmaPagesAlloc d) {
			return "dma_alloc_pages " + d.getDevice().getName() + " " + Hex.size(d.getSize())
					+ (d.getGfp() == Gfp.ATOMIC ? " atomic" : "") + (d.isFail() ? " decrypt-fails" : "");
		}
		return "alloc pages 4K";
	}

	/** DMA attributes as the formatter writes them (the trace uses it too). */
	static String attrs(List<Attr> attrs) {
		return attrs.isEmpty() ? "" : " attrs " + String.join(" | ", attrs.stream().map(Attr::getLiteral).toList());
	}
}

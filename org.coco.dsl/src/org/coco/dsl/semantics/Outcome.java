package org.coco.dsl.semantics;

import java.util.List;

/** What one step did (§0.2 outcome vocabulary, plus the results of TSM writes, allocations and data checks). */
public sealed interface Outcome {

	/** True for outcomes that are a success of the call (`expect ok`). */
	boolean success();

	String describe();

	/** A DMA mapping straight to the buffer: DIRECT(addr) with the encoding helper that produced it. */
	record Direct(long address, Encoding encoding) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			return "DIRECT " + encoding.label() + " " + Hex.of(address);
		}
	}

	/** BOUNCE(pool, addr): a swiotlb slot (pool name, first slot index, slot physical address). */
	record Bounce(String pool, int slot, long slotPhys, long address, Encoding encoding) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			return "BOUNCE via " + pool + " slot " + slot + " (tlb " + Hex.of(slotPhys) + ") " + encoding.label() + " "
					+ Hex.of(address);
		}
	}

	/** An IOMMU (dma-iommu) mapping: an IOVA; no CC handling is modelled on that path (§4.1 step 3). */
	record Iova(long address) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			return "IOVA " + Hex.of(address);
		}
	}

	/** Legacy dma_map_ops: outside the reference; the address is the physical one. */
	record Ops(long address) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			return "OPS " + Hex.of(address) + " (legacy dma_map_ops, not modelled)";
		}
	}

	/** An allocation: CPU physical address, and for DMA allocations the handle and its encoding. */
	record Allocated(long phys, long size, String source, Long handle, Encoding encoding) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			String s = "ALLOCATED " + Hex.size(size) + " at " + Hex.of(phys) + " from " + source;
			return handle == null ? s : s + ", handle " + encoding.label() + " " + Hex.of(handle);
		}
	}

	/** DMA_MAPPING_ERROR, or another failure without errno. */
	record Error(String reason) implements Outcome {
		public boolean success() {
			return false;
		}

		public String describe() {
			return "ERROR (" + reason + ")";
		}
	}

	/** An allocation refused: NULL. */
	record Null(String reason) implements Outcome {
		public boolean success() {
			return false;
		}

		public String describe() {
			return "NULL (" + reason + ")";
		}
	}

	/** Pages deliberately never returned to the allocator: LEAK(pages). */
	record Leak(long phys, long pages) implements Outcome {
		public boolean success() {
			return false;
		}

		public String describe() {
			return "LEAK " + pages + " page(s) at " + Hex.of(phys);
		}
	}

	/** A write or call that returned 0. */
	record Ok(String what) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			return what == null || what.isEmpty() ? "OK" : "OK (" + what + ")";
		}
	}

	/** A call that returned -errno. */
	record Failed(Errno errno, String reason) implements Outcome {
		public boolean success() {
			return false;
		}

		public String describe() {
			return errno + " (" + reason + ")";
		}
	}

	/** The value a `check` observed; null pattern = bytes differ or never written. */
	record Data(Long pattern, String view, String detail) implements Outcome {
		public boolean success() {
			return true;
		}

		public String describe() {
			return view + " sees " + (pattern == null ? detail : Hex.of(pattern));
		}
	}

	/** A decision the reference leaves open and the chosen parameter value says "unknown". */
	record Unknown(String parameter, String reason) implements Outcome {
		public boolean success() {
			return false;
		}

		public String describe() {
			return "UNKNOWN (" + parameter + ": " + reason + ")";
		}
	}

	/** Scatter-gather: one outcome per entry; the step's outcome summarises them. */
	record Sg(List<Outcome> entries) implements Outcome {
		public boolean success() {
			return entries.stream().allMatch(Outcome::success);
		}

		public String describe() {
			return "SG " + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies") + ": "
					+ String.join("; ", entries.stream().map(Outcome::describe).toList());
		}

		public Outcome first() {
			return entries.get(0);
		}
	}
}

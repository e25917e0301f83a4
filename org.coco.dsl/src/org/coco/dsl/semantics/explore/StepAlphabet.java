package org.coco.dsl.semantics.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.coco.dsl.coco.AllocStep;
import org.coco.dsl.coco.Attr;
import org.coco.dsl.coco.Buffer;
import org.coco.dsl.coco.CocoFactory;
import org.coco.dsl.coco.CoherentAlloc;
import org.coco.dsl.coco.ConvertOp;
import org.coco.dsl.coco.ConvertStep;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Direction;
import org.coco.dsl.coco.FreeStep;
import org.coco.dsl.coco.Gfp;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.HeapAlloc;
import org.coco.dsl.coco.MapSource;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.MapTarget;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.PageAlloc;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Step;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmStep;
import org.coco.dsl.coco.UnmapStep;

/**
 * The steps the explorer may take from a state, generated from the platform and the bounds: page,
 * heap and coherent allocations (with injected decrypt failures), set_memory_* on page buffers (with
 * failures), maps of every live buffer and MMIO region to every device per direction and attribute set,
 * unmaps, frees (with injected re-encryption failures), and TDISP lock/accept/unlock (and a failing
 * accept) on TDISP devices. Steps are EMF objects built with {@link CocoFactory}, exactly what the
 * parser would produce for the text {@link org.coco.dsl.semantics.StepPrinter} writes. Public for tests
 * that check the explorer against a plain breadth-first search over the same steps.
 */
public final class StepAlphabet {
	private static final CocoFactory F = CocoFactory.eINSTANCE;

	/** Live buffers (page-allocator ones can be converted) and mappings, and a counter for fresh names. */
	public record Live(List<Buffer> buffers, List<Buffer> pageBuffers, List<Buffer> mappings, int counter) {
		public static final Live EMPTY = new Live(List.of(), List.of(), List.of(), 0);
	}

	/** One step and the live sets after it, given whether it allocated and whether it succeeded. */
	public static final class Move {
		private final Step step;
		private final BiFunction<Boolean, Boolean, Live> next;
		/** The four results of next, computed once (a race computes an equal value). */
		private final Live[] after = new Live[4];
		@SuppressWarnings("unchecked")
		private final List<Move>[] movesAfter = new List[4];

		Move(Step step, BiFunction<Boolean, Boolean, Live> next) {
			this.step = step;
			this.next = next;
		}

		public Step step() {
			return step;
		}

		public Live after(boolean allocated, boolean success) {
			int i = (allocated ? 2 : 0) + (success ? 1 : 0);
			Live l = after[i];
			if (l == null) {
				l = next.apply(allocated, success);
				after[i] = l;
			}
			return l;
		}

		/** alphabet.moves(after(allocated, success)), remembered here: no lookup by live set per state. */
		List<Move> movesAfter(StepAlphabet alphabet, boolean allocated, boolean success) {
			int i = (allocated ? 2 : 0) + (success ? 1 : 0);
			List<Move> l = movesAfter[i];
			if (l == null) {
				l = alphabet.moves(after(allocated, success));
				movesAfter[i] = l;
			}
			return l;
		}
	}

	private final Bounds bounds;
	private final List<Device> devices;
	private final List<Mmio> mmios;
	private final List<Heap> heaps;
	/**
	 * The moves per live set, generated once: the steps (EMF objects) depend only on the live set, and
	 * there are far fewer live sets than states. Concurrent: a parallel expansion shares it.
	 */
	private final Map<Live, List<Move>> cache = new ConcurrentHashMap<>();
	/** The steps by their parameters: live sets that differ only in unrelated buffers share them. */
	private final Map<List<Object>, Step> steps = new ConcurrentHashMap<>();

	public StepAlphabet(Platform platform, Bounds bounds) {
		this.bounds = bounds;
		this.devices = Explorer.devices(platform, bounds);
		this.mmios = Explorer.mmios(platform);
		this.heaps = Explorer.heaps(platform);
	}

	/** The moves from a state with these live sets, in a fixed order (BFS order depends on it). */
	public List<Move> moves(Live live) {
		return cache.computeIfAbsent(live, this::generate);
	}

	private List<Move> generate(Live live) {
		List<Move> out = new ArrayList<>();
		List<Boolean> fails = bounds.failures() ? List.of(false, true) : List.of(false);
		if (live.buffers().size() < bounds.maxLive()) {
			for (long size : bounds.sizes()) {
				out.add(alloc(live, List.of("page", size), () -> {
					PageAlloc p = F.createPageAlloc();
					p.setSize(size);
					return p;
				}, true));
				for (Heap h : heaps) {
					for (boolean f : fails) {
						out.add(alloc(live, List.of("heap", h, size, f), () -> {
							HeapAlloc a = F.createHeapAlloc();
							a.setHeap(h.getKind());
							a.setSize(size);
							a.setFail(f);
							return a;
						}, false));
					}
				}
				for (Device d : devices) {
					for (boolean atomic : bounds.atomic() ? List.of(false, true) : List.of(false)) {
						for (boolean f : fails) {
							out.add(alloc(live, List.of("coherent", d, size, atomic, f), () -> {
								CoherentAlloc c = F.createCoherentAlloc();
								c.setDevice(d);
								c.setSize(size);
								if (atomic) {
									c.setGfp(Gfp.ATOMIC);
								}
								c.setFail(f);
								return c;
							}, false));
						}
					}
				}
			}
		}
		for (Buffer b : live.pageBuffers()) {
			for (ConvertOp op : ConvertOp.VALUES) {
				for (boolean f : fails) {
					Step c = shared(List.of("convert", b, op, f), () -> {
						ConvertStep x = F.createConvertStep();
						x.setOp(op);
						x.setBuffer(b);
						x.setFail(f);
						return x;
					});
					out.add(new Move(c, (a, ok) -> live));
				}
			}
		}
		if (live.mappings().size() < bounds.maxLive()) {
			List<MapSource> sources = new ArrayList<>(live.buffers());
			sources.addAll(mmios);
			for (MapSource src : sources) {
				for (Device d : devices) {
					for (Direction dir : bounds.directions()) {
						for (Set<Attr> attrs : bounds.attrSets()) {
							out.add(map(live, src, d, dir, attrs));
						}
					}
				}
			}
		}
		for (Buffer m : live.mappings()) {
			Step u = shared(List.of("unmap", m), () -> {
				UnmapStep x = F.createUnmapStep();
				x.setMapping(m);
				return x;
			});
			out.add(new Move(u, (a, ok) -> new Live(live.buffers(), live.pageBuffers(), without(live.mappings(), m), live.counter())));
		}
		for (Buffer b : live.buffers()) {
			for (boolean f : fails) {
				Step fr = shared(List.of("free", b, f), () -> {
					FreeStep x = F.createFreeStep();
					x.setBuffer(b);
					x.setFail(f);
					return x;
				});
				out.add(new Move(fr, (a, ok) -> new Live(without(live.buffers(), b), without(live.pageBuffers(), b), live.mappings(),
						live.counter())));
			}
		}
		if (bounds.tsm()) {
			for (Device d : devices) {
				if (!d.isTdisp()) {
					continue;
				}
				for (TsmOp op : List.of(TsmOp.LOCK, TsmOp.ACCEPT, TsmOp.UNLOCK)) {
					for (boolean f : op == TsmOp.ACCEPT ? fails : List.of(false)) {
						Step t = shared(List.of("tsm", d, op, f), () -> {
							TsmStep x = F.createTsmStep();
							x.setDevice(d);
							x.setOp(op);
							x.setFail(f);
							return x;
						});
						out.add(new Move(t, (a, ok) -> live));
					}
				}
			}
		}
		return List.copyOf(out);
	}

	/**
	 * The one step object for these parameters (EObjects compare by identity). Sharing is sound: steps
	 * are never modified, and a buffer or mapping name bN is allocated at most once on a path, since the
	 * counter N grows along it.
	 */
	private Step shared(List<Object> key, Supplier<Step> make) {
		return steps.computeIfAbsent(key, k -> make.get());
	}

	private Move alloc(Live live, List<Object> source, Supplier<org.coco.dsl.coco.AllocSource> make, boolean pages) {
		int n = live.counter() + 1;
		AllocStep a = (AllocStep) shared(List.of("alloc", n, source), () -> {
			Buffer nb = F.createBuffer();
			nb.setName("b" + n);
			AllocStep x = F.createAllocStep();
			x.setBuffer(nb);
			x.setSource(make.get());
			return x;
		});
		Buffer b = a.getBuffer();
		return new Move(a, (allocated, ok) -> allocated
				? new Live(with(live.buffers(), b), pages ? with(live.pageBuffers(), b) : live.pageBuffers(), live.mappings(), n)
				: new Live(live.buffers(), live.pageBuffers(), live.mappings(), n));
	}

	private Move map(Live live, MapSource src, Device d, Direction dir, Set<Attr> attrs) {
		int n = live.counter() + 1;
		MapStep s = (MapStep) shared(List.of("map", n, src, d, dir, attrs), () -> {
			Buffer nm = F.createBuffer();
			nm.setName("m" + n);
			MapStep x = F.createMapStep();
			x.setMapping(nm);
			MapTarget t = F.createMapTarget();
			t.setRef(src);
			x.setTarget(t);
			x.setDevice(d);
			x.setDirection(dir);
			attrs.stream().sorted().forEach(x.getAttrs()::add);
			return x;
		});
		Buffer m = s.getMapping();
		return new Move(s, (allocated, ok) -> ok ? new Live(live.buffers(), live.pageBuffers(), with(live.mappings(), m), n)
				: new Live(live.buffers(), live.pageBuffers(), live.mappings(), n));
	}

	private static List<Buffer> with(List<Buffer> l, Buffer b) {
		List<Buffer> out = new ArrayList<>(l);
		out.add(b);
		return List.copyOf(out);
	}

	private static List<Buffer> without(List<Buffer> l, Buffer b) {
		return l.stream().filter(x -> x != b).toList();
	}
}

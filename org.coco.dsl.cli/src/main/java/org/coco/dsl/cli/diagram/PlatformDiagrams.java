package org.coco.dsl.cli.diagram;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;

import org.coco.dsl.coco.AtomicPool;
import org.coco.dsl.coco.CoherentPool;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.HeapKind;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.SwiotlbPool;
import org.coco.dsl.coco.TsmState;
import org.coco.dsl.semantics.Hex;
import org.coco.dsl.semantics.PlatformFacts;
import org.coco.dsl.semantics.TsmTransitions;
import org.eclipse.elk.graph.ElkNode;

/**
 * The pictures `coco diagram` draws. Which memory a device reaches and whether a pool or heap is
 * shared come from {@link PlatformFacts}; the TSM machines from {@link TsmTransitions}, i.e. from the
 * interpreter itself, so a picture cannot disagree with `coco run`.
 */
public final class PlatformDiagrams {
	private PlatformDiagrams() {
	}

	/** Devices (T=0/T=1 at boot), pools, heaps, MMIO, and which device reaches which memory how. */
	public static Diagram platform(Platform p) {
		PlatformFacts f = PlatformFacts.of(p);
		Diagram d = new Diagram("platform " + p.getName() + ": " + p.getTechnology().getLiteral() + ", profile "
				+ f.profile().getLiteral() + ", overlays " + f.overlays().stream().map(Overlay::getLiteral).sorted().toList());
		boolean split = f.conversionActive();
		ElkNode privateMem = d.node(Diagram.Style.PRIVATE, split ? "private memory" : "memory",
				split ? "encrypted, CPU only" : "no conversion: every device reaches all RAM");
		ElkNode sharedMem = split ? d.node(Diagram.Style.SHARED, "shared memory", "decrypted, device-visible") : null;
		Map<Object, ElkNode> nodes = new HashMap<>();
		SwiotlbPool defaultPool = null;
		for (PlatformMember m : p.getMembers()) {
			switch (m) {
			case SwiotlbPool s -> {
				if ("default".equals(s.getName())) {
					defaultPool = s;
				}
				ElkNode n = d.node(Diagram.Style.POOL, "swiotlb " + s.getName(), sizeAt(s.getSize(), s.getBase()));
				nodes.put(s, n);
				d.edge(n, split && f.defaultPoolDecrypted() ? sharedMem : privateMem, "slots in", false);
			}
			case RestrictedPool r -> {
				ElkNode n = d.node(Diagram.Style.POOL, "restricted " + r.getName(), sizeAt(r.getSize(), r.getBase()));
				nodes.put(r, n);
				d.edge(n, split && f.restrictedPoolDecrypted(r) ? sharedMem : privateMem, "slots in", false);
			}
			case AtomicPool a -> nodes.put(a, d.node(Diagram.Style.POOL, "atomic pool " + a.getZone().getLiteral(),
					a.getSize() == 0 ? "default size" : Hex.size(a.getSize())));
			case CoherentPool c -> nodes.put(c, d.node(Diagram.Style.POOL, "coherent " + c.getName(), sizeAt(c.getSize(), c.getBase())));
			case Heap h -> {
				ElkNode n = d.node(Diagram.Style.HEAP, "heap " + h.getKind().getLiteral(),
						f.heapAvailable(h.getKind()) ? "registered" : "not registered by this kernel");
				nodes.put(h, n);
				boolean shared = PlatformFacts.canonical(h.getKind()) != HeapKind.SYSTEM;
				d.edge(n, split && shared ? sharedMem : privateMem, "allocates", false);
			}
			case Mmio r -> nodes.put(r, d.node(Diagram.Style.MMIO, "mmio " + r.getName(), sizeAt(r.getSize(), r.getBase()),
					r.isPrivate() ? "private" : "shared"));
			case Device dev -> {
			}
			default -> {
			}
			}
		}
		for (PlatformMember m : p.getMembers()) {
			if (!(m instanceof Device dev)) {
				continue;
			}
			boolean t1 = dev.isTdisp() && dev.getTsmState() == TsmState.RUN && dev.isAccepted();
			ElkNode n = d.node(t1 ? Diagram.Style.DEVICE_T1 : Diagram.Style.DEVICE_T0,
					"device " + dev.getName() + " (" + (t1 ? "T=1" : "T=0") + ")",
					dev.getBus().getLiteral() + ", dma-mask " + Hex.of(PlatformFacts.dmaMask(dev)) + ", path " + f.devicePath(dev).getLiteral(),
					dev.isTdisp() ? "TDISP " + dev.getTsmState().getLiteral() + (dev.isAccepted() ? ", accepted" : "") : "no TDISP");
			nodes.put(dev, n);
			if (!split) {
				d.edge(n, privateMem, "direct", false);
			} else if (f.fdu(dev)) {
				d.edge(n, sharedMem, "direct (decrypted only)", false);
				if (defaultPool != null || f.defaultPoolExists()) {
					ElkNode pool = defaultPool != null ? nodes.get(defaultPool) : sharedMem;
					if (pool != sharedMem) {
						d.edge(n, pool, "private buffers bounce", true);
					}
				}
			} else {
				d.edge(n, privateMem, "direct (encrypted)", false);
			}
			if (dev.getRestrictedPool() != null && nodes.containsKey(dev.getRestrictedPool())) {
				d.edge(n, nodes.get(dev.getRestrictedPool()), "restricted-dma", true);
			}
		}
		for (PlatformMember m : p.getMembers()) {
			if (m instanceof CoherentPool c && c.getDevice() != null && nodes.containsKey(c.getDevice())) {
				d.edge(nodes.get(c.getDevice()), nodes.get(c), "dma_alloc_coherent", true);
			}
			if (m instanceof Mmio r && r.getDevice() != null && nodes.containsKey(r.getDevice())) {
				d.edge(nodes.get(r.getDevice()), nodes.get(r), "BAR", true);
			}
		}
		return d;
	}

	/**
	 * The TSM/TDISP state machine of one device on its platform, as the interpreter runs it. States are
	 * drawn as (TDISP state, accepted); driver binding and the host's TSM link become conditions on the
	 * edges, which keeps the picture readable.
	 */
	public static Diagram tsm(Platform p, Device dev) {
		PlatformFacts f = PlatformFacts.of(p);
		TsmTransitions.Graph g = TsmTransitions.explore(f, dev);
		Diagram d = new Diagram("TSM state machine of " + p.getName() + "." + dev.getName() + " (§2.2; T=1 iff RUN and accepted)");
		Map<String, ElkNode> nodes = new LinkedHashMap<>();
		String initial = key(g.initial());
		for (TsmTransitions.State s : g.states()) {
			nodes.computeIfAbsent(key(s), k -> d.node(k.equals(initial) ? Diagram.Style.INITIAL
					: s.t1() ? Diagram.Style.STATE_T1 : Diagram.Style.STATE,
					s.tsm().getLiteral().toUpperCase() + (s.t1() ? " (T=1)" : " (T=0)"), s.accepted() ? "accepted" : "not accepted"));
		}
		// (from, op, to) -> the driver conditions under which it happens
		Map<List<String>, Set<Boolean>> edges = new LinkedHashMap<>();
		for (TsmTransitions.Transition t : g.transitions()) {
			String from = key(t.from());
			String to = key(t.to());
			if (!from.equals(to)) {
				edges.computeIfAbsent(List.of(from, t.op().getLiteral(), to), k -> new HashSet<>()).add(t.from().driverBound());
			}
		}
		for (Map.Entry<List<String>, Set<Boolean>> e : edges.entrySet()) {
			String op = e.getKey().get(1);
			String when = e.getValue().size() == 2 ? "" : e.getValue().contains(true) ? " (driver bound)" : " (no driver)";
			String host = op.equals("connect") || op.equals("disconnect") ? " (host)" : "";
			d.edge(nodes.get(e.getKey().get(0)), nodes.get(e.getKey().get(2)), op + host + when, false);
		}
		return d;
	}

	private static String key(TsmTransitions.State s) {
		return s.tsm().getLiteral() + (s.accepted() ? "+accepted" : "");
	}

	/** Devices that have a TSM machine worth drawing. */
	public static List<Device> tdispDevices(Platform p) {
		return p.getMembers().stream().filter(m -> m instanceof Device d && d.isTdisp()).map(Device.class::cast).toList();
	}

	private static String sizeAt(long size, long base) {
		return (size == 0 ? "default size" : Hex.size(size)) + (base == 0 ? "" : " at " + Hex.of(base));
	}
}

package org.coco.dsl.semantics.explore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Step;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StateKey;
import org.coco.dsl.semantics.StepPrinter;
import org.coco.dsl.semantics.StepResult;

/**
 * Exhaustive bounded exploration of a platform (reference §6): breadth first over the steps
 * {@link StepAlphabet} generates, with the machine state digest ({@link Session#stateKey()}) so that
 * equal states are expanded once. Each successor is one step on a copy of its parent's machine
 * ({@link Session#copy()}); the same engine as `coco run`, so explorer and runs cannot disagree. BFS
 * makes the first violation of each invariant a shortest counterexample.
 */
public final class Explorer {
	/**
	 * Frontier states whose machine is kept (a few KiB each); beyond that a state's machine is rebuilt
	 * by replaying its steps from boot when it is expanded, trading time for memory.
	 */
	static final int SESSIONS_KEPT = 50_000;

	private Explorer() {
	}

	/** A BFS node: the step that led here from its parent, and what is live (for generating steps). */
	static final class Node {
		final Node parent;
		final Step step;
		final int depth;
		final StepAlphabet.Live live;
		/** The machine in this state, kept until the node is expanded (null: rebuild it by replay). */
		Session session;

		Node(Node parent, Step step, int depth, StepAlphabet.Live live, Session session) {
			this.parent = parent;
			this.step = step;
			this.depth = depth;
			this.live = live;
			this.session = session;
		}

		List<Step> steps() {
			ArrayList<Step> out = new ArrayList<>();
			for (Node n = this; n.parent != null; n = n.parent) {
				out.add(n.step);
			}
			java.util.Collections.reverse(out);
			return out;
		}
	}

	public static ExplorationResult explore(Platform platform, Bounds bounds, ProgressListener progress) {
		ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		Profile profile = bounds.options().profile() != null ? bounds.options().profile() : platform.getProfile();
		Set<Overlay> overlays = bounds.options().overlays() != null ? bounds.options().overlays() : Set.copyOf(platform.getOverlays());
		StepAlphabet alphabet = new StepAlphabet(platform, bounds);
		java.util.function.Supplier<Session> sessions = Session.factory(platform, bounds.options());

		long start = System.nanoTime();
		long deadline = bounds.timeLimitMillis() > 0 ? start + bounds.timeLimitMillis() * 1_000_000 : Long.MAX_VALUE;
		long nextReport = start + 1_000_000_000L;
		Set<StateKey> visited = new HashSet<>();
		Map<String, Counterexample> violations = new LinkedHashMap<>();
		ArrayDeque<Node> frontier = new ArrayDeque<>();
		Node root = new Node(null, null, 0, StepAlphabet.Live.EMPTY, sessions.get());
		visited.add(root.session.stateKey());
		int stored = 1;
		frontier.add(root);
		long explored = 0;
		int depthCompleted = 0;
		String stop = null;
		List<Finding> findings = new ArrayList<>();

		search: while (!frontier.isEmpty()) {
			Node node = frontier.poll();
			if (node.depth > depthCompleted) {
				depthCompleted = node.depth; // every node of the previous level has been expanded
			}
			if (node.depth >= bounds.depth()) {
				continue;
			}
			List<Step> prefix = node.steps();
			Session here = node.session;
			if (here != null) {
				node.session = null;
				stored--;
			} else {
				here = sessions.get();
				for (Step p : prefix) {
					here.replay(p);
				}
			}
			for (StepAlphabet.Move move : alphabet.moves(node.live)) {
				long now = System.nanoTime();
				if (now > deadline) {
					stop = "time limit of " + bounds.timeLimitMillis() / 1000.0 + " s";
					break search;
				}
				if (visited.size() >= bounds.maxStates()) {
					stop = "state limit of " + bounds.maxStates() + " distinct states";
					break search;
				}
				if (now >= nextReport) {
					double secs = (now - start) / 1e9;
					listener.progress(new ProgressListener.Progress(explored, visited.size(), node.depth + 1, explored / secs,
							(now - start) / 1_000_000));
					nextReport = now + 1_000_000_000L;
				}
				Session s = here.copy();
				findings.clear();
				StepResult r = s.step(move.step(), findings::add);
				explored++;
				for (Finding f : findings) {
					if (!violations.containsKey(f.invariant())) {
						List<Step> steps = new ArrayList<>(prefix);
						steps.add(move.step());
						violations.put(f.invariant(), counterexample(platform, profile, overlays, bounds, f, steps));
					}
				}
				if (visited.add(s.stateKey())) {
					boolean keep = stored < SESSIONS_KEPT && node.depth + 1 < bounds.depth();
					stored += keep ? 1 : 0;
					frontier.add(new Node(node, move.step(), node.depth + 1, move.after(r.outcome() instanceof Outcome.Allocated,
							r.outcome().success()), keep ? s : null));
				}
			}
		}
		if (stop == null) {
			depthCompleted = bounds.depth();
		}
		long elapsed = System.nanoTime() - start;
		return new ExplorationResult(platform.getName(), profile.getLiteral(),
				overlays.stream().map(Overlay::getLiteral).sorted().toList(), explored, visited.size(), depthCompleted, elapsed,
				stop == null, stop, new ArrayList<>(violations.values()));
	}

	private static Counterexample counterexample(Platform platform, Profile profile, Set<Overlay> overlays, Bounds bounds,
			Finding f, List<Step> steps) {
		List<String> lines = steps.stream().map(StepPrinter::step).toList();
		List<String> comments = new ArrayList<>();
		comments.add(f.invariant() + " violated after " + steps.size() + " step(s) (shortest, found by coco explore)");
		comments.add(f.message());
		boolean explicitOverlays = bounds.options().overlays() != null;
		if (explicitOverlays && overlays.isEmpty() && !platform.getOverlays().isEmpty()) {
			comments.add("run with no overlays: coco run --overlays none");
		}
		String name = "counterexample " + f.invariant().split(" ")[0] + " on " + platform.getName();
		String text = StepPrinter.scenario(name, platform.getName(), profile, explicitOverlays ? overlays : Set.of(), comments,
				steps);
		return new Counterexample(f.invariant(), f.message(), steps.size(), lines, text);
	}

	static List<Device> devices(Platform p, Bounds b) {
		List<Device> out = new ArrayList<>();
		for (PlatformMember m : p.getMembers()) {
			if (m instanceof Device d && (b.devices().isEmpty() || b.devices().contains(d.getName()))) {
				out.add(d);
			}
		}
		return out;
	}

	static List<Mmio> mmios(Platform p) {
		return p.getMembers().stream().filter(Mmio.class::isInstance).map(Mmio.class::cast).toList();
	}

	static List<Heap> heaps(Platform p) {
		return p.getMembers().stream().filter(Heap.class::isInstance).map(Heap.class::cast).toList();
	}
}

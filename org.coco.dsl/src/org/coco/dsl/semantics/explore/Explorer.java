package org.coco.dsl.semantics.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.Mmio;
import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Profile;
import org.coco.dsl.coco.Step;
import org.coco.dsl.semantics.Finding;
import org.coco.dsl.semantics.InvariantCheck;
import org.coco.dsl.semantics.Invariants;
import org.coco.dsl.semantics.Outcome;
import org.coco.dsl.semantics.RunOptions;
import org.coco.dsl.semantics.Session;
import org.coco.dsl.semantics.StateKey;
import org.coco.dsl.semantics.StepPrinter;
import org.coco.dsl.semantics.StepResult;

/**
 * Exhaustive bounded exploration of a platform (reference §6): breadth first over the steps
 * {@link StepAlphabet} generates, with the machine state digest ({@link Session#stateKey()}) so that
 * equal states are expanded once. Each successor is one step of its parent's machine, stepped in place
 * and restored ({@link Session#checkpoint()}, {@link Session#restore()}), copied ({@link Session#copy()})
 * only when it may be a new state to expand later; a step that changed nothing
 * ({@link Session#unchangedSinceCheckpoint()}) is neither digested nor restored. The same engine as
 * `coco run`, so explorer and runs cannot disagree. BFS makes the first violation of each invariant a shortest counterexample.
 *
 * <p>
 * A level is expanded in chunks of frontier states; the successors of a chunk (copy, step, digest: the
 * expensive part) are computed by helper threads and by the calling thread between merges, and are
 * merged in BFS order by the calling thread, which alone decides what is new, counts, finds counterexamples and applies the bounds. So the
 * result (counts, order, counterexamples, where a state bound stops) does not depend on the number of
 * threads.
 */
public final class Explorer {
	/**
	 * How the search runs (not what it finds): {@code threads} computing successors (1: all in the calling
	 * thread), and how many frontier states keep their machine (a few KiB each); beyond that a state's
	 * machine is rebuilt by replaying its steps from boot when it is expanded, trading time for memory.
	 */
	public record Strategy(int threads, int sessionsKept) {
		public Strategy {
			if (threads < 1 || sessionsKept < 0) {
				throw new IllegalArgumentException("threads >= 1, sessionsKept >= 0");
			}
		}

		/** All processors, 50,000 machines kept. */
		public static Strategy defaults() {
			return new Strategy(Runtime.getRuntime().availableProcessors(), 50_000);
		}

		public static Strategy sequential() {
			return new Strategy(1, 50_000);
		}

		public Strategy withThreads(int n) {
			return new Strategy(n, sessionsKept);
		}

		public Strategy withSessionsKept(int n) {
			return new Strategy(threads, n);
		}
	}

	/**
	 * Frontier states a thread claims at a time with helper threads: a few dozen steps, enough to amortise
	 * the claim and the hand-over, while few successor machines wait for the merge (they survive young
	 * collections: 16 a task held thousands). Alone, one at a time.
	 */
	private static final int CHUNK = 2;

	private Explorer() {
	}

	public static ExplorationResult explore(Platform platform, Bounds bounds, ProgressListener progress) {
		return explore(platform, bounds, progress, Strategy.defaults());
	}

	public static ExplorationResult explore(Platform platform, Bounds bounds, ProgressListener progress, Strategy strategy) {
		return new Search(platform, bounds, progress, strategy).run();
	}

	/**
	 * The BFS tree, compactly: per node (numbered in BFS order) its parent's number and the step from it;
	 * the live sets and kept machines only for the level being expanded and the next one.
	 */
	private static final class Tree {
		int[] parent = new int[1024];
		Step[] step = new Step[1024];
		int size;

		int add(int p, Step s) {
			if (size == parent.length) {
				parent = Arrays.copyOf(parent, size * 2);
				step = Arrays.copyOf(step, size * 2);
			}
			parent[size] = p;
			step[size] = s;
			return size++;
		}

		/** The steps from the root to node n. */
		List<Step> path(int n) {
			return path(n, parent, step);
		}

		/**
		 * The same from arrays taken before the merge of a level started: a worker reads only nodes of
		 * earlier levels, which the merging thread no longer writes (it may swap in bigger arrays).
		 */
		static List<Step> path(int n, int[] parent, Step[] step) {
			ArrayList<Step> out = new ArrayList<>();
			for (int i = n; i > 0; i = parent[i]) {
				out.add(step[i]);
			}
			java.util.Collections.reverse(out);
			return out;
		}
	}

	/** A frontier state: its node, its key, the moves from it, and its machine if kept (else null). */
	private static final class Frontier {
		final int node;
		/** The state's key: also the key of every successor a step leaves unchanged. */
		final long hi, lo;
		final List<StepAlphabet.Move> moves;
		/** Dropped by the merging thread once the state is expanded. */
		Session session;

		Frontier(int node, long hi, long lo, List<StepAlphabet.Move> moves, Session session) {
			this.node = node;
			this.hi = hi;
			this.lo = lo;
			this.moves = moves;
			this.session = session;
		}
	}

	/** One computed successor: the machine after the move, its digest, how the step went and what it violated. */
	private record Successor(Session session, long hi, long lo, boolean allocated, boolean success, List<Finding> findings) {
	}

	/** The successors of one frontier state, one per move (in move order). */
	private record Expansion(List<StepAlphabet.Move> moves, Successor[] successors) {
	}

	private static final class Search {
		final Platform platform;
		final Bounds bounds;
		final ProgressListener listener;
		final Strategy strategy;
		final Profile profile;
		final Set<Overlay> overlays;
		final StepAlphabet alphabet;
		final Supplier<Session> sessions;
		final Tree tree = new Tree();
		final VisitedSet visited = new VisitedSet();
		final Map<String, Counterexample> violations = new LinkedHashMap<>();
		/**
		 * The invariants that already have their (first, shortest) counterexample, as bits by position in the
		 * options' checks ({@link Session#step(Step, java.util.function.Consumer, long)}): their later findings
		 * are dropped, so workers need not run them. Written by the merging thread only.
		 */
		volatile long settled;
		long explored;
		int stored;
		/** The level being expanded. */
		Chunks current;
		String stop;

		Search(Platform platform, Bounds bounds, ProgressListener progress, Strategy strategy) {
			this.platform = platform;
			this.bounds = bounds;
			this.listener = progress == null ? ProgressListener.NONE : progress;
			this.strategy = strategy;
			this.profile = bounds.options().profile() != null ? bounds.options().profile() : platform.getProfile();
			this.overlays = bounds.options().overlays() != null ? bounds.options().overlays() : Set.copyOf(platform.getOverlays());
			this.alphabet = new StepAlphabet(platform, bounds);
			this.sessions = Session.factory(platform, bounds.options());
		}

		ExplorationResult run() {
			long start = System.nanoTime();
			long deadline = bounds.timeLimitMillis() > 0 ? start + bounds.timeLimitMillis() * 1_000_000 : Long.MAX_VALUE;
			long nextReport = start + 1_000_000_000L;
			Session rootSession = sessions.get();
			StateKey rootKey = rootSession.stateKey();
			visited.add(rootKey.hi(), rootKey.lo());
			tree.add(-1, null);
			List<Frontier> level = new ArrayList<>(List.of(new Frontier(0, rootKey.hi(), rootKey.lo(), alphabet.moves(StepAlphabet.Live.EMPTY),
					rootSession)));
			stored = 1;
			int depthCompleted = 0;
			// the calling thread expands too, between merges: threads - 1 helpers
			ExecutorService pool = strategy.threads() > 1 ? Executors.newFixedThreadPool(strategy.threads() - 1, r -> {
				Thread t = new Thread(r, "coco-explore");
				t.setDaemon(true);
				return t;
			}) : null;
			try {
				search: for (int depth = 0; depth < bounds.depth() && !level.isEmpty(); depth++) {
					depthCompleted = depth; // every state of the previous level has been expanded
					List<Frontier> next = new ArrayList<>();
					boolean keepNext = depth + 1 < bounds.depth();
					Chunks chunks = new Chunks(level, pool == null ? 1 : CHUNK, keepNext, tree.parent, tree.step);
					current = chunks;
					if (pool != null) {
						for (int h = 1; h < strategy.threads(); h++) {
							pool.execute(chunks::help);
						}
					}
					for (int ci = 0; ci < chunks.count; ci++) {
						Expansion[] chunk;
						try {
							chunk = chunks.take(ci);
						} catch (RuntimeException | Error x) {
							chunks.stopped = true;
							throw x;
						}
						int c = ci * chunks.size;
						for (int k = 0; k < chunk.length; k++) {
							Frontier f = level.get(c + k);
							if (f.session != null) {
								f.session = null;
								stored--;
							}
							Expansion e = chunk[k];
							for (int m = 0; m < e.moves().size(); m++) {
								// the clock every 64 successors (a few µs): the time limit is not exact anyway
								long now = (explored & 63) == 0 ? System.nanoTime() : 0;
								if (now > deadline) {
									stop = "time limit of " + bounds.timeLimitMillis() / 1000.0 + " s";
									chunks.stopped = true;
									break search;
								}
								if (visited.size() >= bounds.maxStates()) {
									stop = "state limit of " + bounds.maxStates() + " distinct states";
									chunks.stopped = true;
									break search;
								}
								if (now >= nextReport) {
									double secs = (now - start) / 1e9;
									listener.progress(new ProgressListener.Progress(explored, visited.size(), depth + 1,
											explored / secs, (now - start) / 1_000_000));
									nextReport = now + 1_000_000_000L;
								}
								StepAlphabet.Move move = e.moves().get(m);
								Successor s = e.successors()[m];
								e.successors()[m] = null;
								explored++;
								if (s.findings() != null) {
									for (Finding fd : s.findings()) {
										if (!violations.containsKey(fd.invariant())) {
											List<Step> steps = tree.path(f.node);
											steps.add(move.step());
											violations.put(fd.invariant(), counterexample(fd, steps));
											settle(fd.invariant());
										}
									}
								}
								if (visited.add(s.hi(), s.lo()) && keepNext) {
									int n = tree.add(f.node, move.step());
									// no machine when the worker took the state for seen (it is then replayed)
									boolean keep = s.session() != null && stored < strategy.sessionsKept();
									stored += keep ? 1 : 0;
									next.add(new Frontier(n, s.hi(), s.lo(), move.movesAfter(alphabet, s.allocated(), s.success()), keep ? s.session() : null));
								}
							}
						}
						chunks.merged = ci + 1;
					}
					level = next;
				}
			} finally {
				if (current != null) {
					current.stopped = true; // helpers of the last level stop claiming
				}
				if (pool != null) {
					pool.shutdownNow();
					try {
						pool.awaitTermination(1, TimeUnit.MINUTES);
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}
			}
			if (stop == null) {
				depthCompleted = bounds.depth();
			}
			long elapsed = System.nanoTime() - start;
			return new ExplorationResult(platform.getName(), profile.getLiteral(),
					overlays.stream().map(Overlay::getLiteral).sorted().toList(), explored, visited.size(), depthCompleted,
					elapsed, stop == null, stop, new ArrayList<>(violations.values()));
		}

		/** Adds the built-in check of this invariant label to {@link #settled}. */
		private void settle(String label) {
			RunOptions o = bounds.options();
			if (!o.checkInvariants()) {
				return;
			}
			List<InvariantCheck> checks = o.invariants();
			for (int i = 0; i < checks.size() && i < 64; i++) {
				if (checks.get(i) instanceof Invariants.Invariant inv && inv.label().equals(label)) {
					settled |= 1L << i;
				}
			}
		}

		/**
		 * One level's frontier in chunks, claimed in order by the helper threads and the merging thread
		 * alike (one counter: no task or future per chunk), each chunk's expansion kept until merged. The
		 * merging thread expands the next unclaimed chunk whenever the one it merges next is not ready, so
		 * on two processors both expand; no one claims more than {@link #WINDOW} chunks ahead of the
		 * merge, which bounds the successor machines waiting for it.
		 */
		private final class Chunks {
			static final int WINDOW = 64;
			final List<Frontier> level;
			final int size;
			final int count;
			final boolean machines;
			final int[] parents;
			final Step[] steps;
			final AtomicInteger next = new AtomicInteger();
			final AtomicReferenceArray<Expansion[]> done;
			/** Chunks merged so far (written by the merging thread). */
			volatile int merged;
			/** Set when the search stops or a helper failed: helpers stop claiming. */
			volatile boolean stopped;
			volatile Throwable failure;
			/** The merging thread while it waits for a chunk (helpers wake it when they finish one), else null. */
			volatile Thread waiting;

			Chunks(List<Frontier> level, int size, boolean machines, int[] parents, Step[] steps) {
				this.level = level;
				this.size = size;
				this.count = (level.size() + size - 1) / size;
				this.machines = machines;
				this.parents = parents;
				this.steps = steps;
				this.done = new AtomicReferenceArray<>(count);
			}

			/** The next chunk within the window, claimed; -1 if none is left, -2 if the window is full. */
			private int claim() {
				while (true) {
					int c = next.get();
					if (c >= count) {
						return -1;
					}
					if (c >= merged + WINDOW) {
						return -2;
					}
					if (next.compareAndSet(c, c + 1)) {
						return c;
					}
				}
			}

			private Expansion[] expandChunk(int c) {
				return expand(level, c * size, size, machines, parents, steps);
			}

			/** A helper thread: expands chunks until none is left or the search stops. */
			void help() {
				try {
					while (!stopped && !Thread.currentThread().isInterrupted()) {
						int c = claim();
						if (c == -1) {
							return;
						}
						if (c == -2) {
							LockSupport.parkNanos(100_000); // the merge is behind (it was descheduled)
							continue;
						}
						done.set(c, expandChunk(c));
						wake();
					}
				} catch (Throwable t) {
					failure = t;
					stopped = true;
					wake();
				}
			}

			private void wake() {
				Thread w = waiting;
				if (w != null) {
					LockSupport.unpark(w);
				}
			}

			/** The merging thread: chunk c's expansion, expanding other chunks (or waiting) until it is ready. */
			Expansion[] take(int c) {
				while (true) {
					Expansion[] e = done.get(c);
					if (e != null) {
						done.set(c, null);
						return e;
					}
					Throwable t = failure;
					if (t != null) {
						if (t instanceof RuntimeException r) {
							throw r;
						}
						if (t instanceof Error r) {
							throw r;
						}
						throw new IllegalStateException(t);
					}
					int mine = claim();
					if (mine >= 0) {
						done.set(mine, expandChunk(mine));
					} else {
						// a helper is expanding chunk c: sleep until a helper finishes a chunk (checked again
						// after saying so, so that no wake-up is lost; the time-out is a safety net only)
						waiting = Thread.currentThread();
						if (done.get(c) == null && failure == null) {
							LockSupport.parkNanos(this, 1_000_000);
						}
						waiting = null;
					}
				}
			}
		}

		/**
		 * Computes the successors of level[from, from + n), with their machines if they may be kept for the
		 * next level: any thread. Reads the tree only for nodes
		 * that the merging thread finished writing before this level started.
		 */
		private Expansion[] expand(List<Frontier> level, int from, int n, boolean machines, int[] parents, Step[] steps) {
			int to = Math.min(level.size(), from + n);
			Expansion[] out = new Expansion[to - from];
			for (int i = from; i < to; i++) {
				Frontier f = level.get(i);
				Session here = f.session;
				if (here == null) {
					here = sessions.get();
					for (Step p : Tree.path(f.node, parents, steps)) {
						here.replay(p);
					}
				}
				List<StepAlphabet.Move> moves = f.moves;
				Successor[] succ = new Successor[moves.size()];
				List<Finding> findings = new ArrayList<>();
				java.util.function.Consumer<Finding> report = findings::add;
				boolean open = false; // a checkpoint of the parent's state is open
				for (int m = 0; m < succ.length; m++) {
					findings.clear();
					Step step = moves.get(m).step();
					StepResult r;
					long hi, lo;
					Session kept;
					if (m == succ.length - 1) {
						// the last move steps the parent's machine itself: nothing needs it afterwards
						if (open) {
							here.restore();
							open = false;
						}
						r = here.step(step, report, settled);
						StateKey key = here.stateKey();
						hi = key.hi();
						lo = key.lo();
						kept = machines ? here : null;
					} else {
						// step the parent in place and restore it; copy only a successor that may be new (most were
						// seen before: the merge drops them). The hint may miss states merged meanwhile, never errs.
						if (!open) {
							here.checkpoint();
							open = true;
						}
						r = here.step(step, report, settled);
						if (here.unchangedSinceCheckpoint()) {
							// the parent's state (seen): no digest, no restore
							hi = f.hi;
							lo = f.lo;
							kept = null;
						} else {
							StateKey key = here.stateKey();
							hi = key.hi();
							lo = key.lo();
							kept = machines && !visited.mightContain(hi, lo) ? here.copy() : null;
							here.rewind(); // the checkpoint stays open for the next move

						}
					}
					succ[m] = new Successor(kept, hi, lo, r.outcome() instanceof Outcome.Allocated, r.outcome().success(),
							findings.isEmpty() ? null : List.copyOf(findings));
				}
				out[i - from] = new Expansion(moves, succ);
			}
			return out;
		}

		private Counterexample counterexample(Finding f, List<Step> steps) {
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

package org.coco.dsl.semantics;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Step;

/**
 * One booted machine that executes steps one at a time and checks the §6 invariants after each: what
 * {@link CocoRuntime#run} does for a whole scenario, opened up for callers that generate steps (the
 * explorer). Not thread-safe; one session per thread.
 */
public final class Session {
	private final Machine machine;
	private final StepExecutor exec;
	private final RunOptions options;
	private int index;
	/** Per-step scratch, reused: the findings of the step being checked, and what the checks report to. */
	private final List<Finding> found = new java.util.ArrayList<>();
	private final Consumer<Finding> report = found::add;
	private final Invariants.Reporter reporter = new Invariants.Reporter();

	/** {@code resolved}: steps known resolved, shared with the session's copies (null: none kept). */
	Session(Machine machine, RunOptions options, ResolvedSteps resolved) {
		this.machine = machine;
		this.exec = new StepExecutor(machine, resolved);
		this.options = options;
	}

	/** Boots the platform under the profile and overlays the options give (else the platform's). */
	public static Session open(Platform platform, RunOptions options) {
		return factory(platform, options).get();
	}

	/**
	 * Opens fresh sessions of one platform and options: the platform is booted once ({@link BootImage}),
	 * every session starts from a copy of that boot, which matters to the explorer. Like the image, the
	 * factory is valid while the model does not change (its sessions remember steps found resolved).
	 */
	public static Supplier<Session> factory(Platform platform, RunOptions options) {
		RunOptions opts = options == null ? RunOptions.defaults() : options;
		BootImage image = BootImage.boot(platform, opts.profile(), opts.overlays(), opts);
		ResolvedSteps resolved = new ResolvedSteps(); // its sessions step the same steps again and again
		return () -> image.open(resolved);
	}

	Machine machine() {
		return machine;
	}

	/** Executes the next step, then runs the invariant checks (unless switched off), reporting to findings. */
	public StepResult step(Step step, Consumer<Finding> findings) {
		return step(step, findings, 0L);
	}

	/**
	 * {@link #step(Step, Consumer)} without some of the options' checks: bit i of {@code skip} set skips
	 * the i-th of {@link RunOptions#invariants()} (0: none skipped; checks past the 64th always run). The
	 * explorer skips the invariants it already has a counterexample of, whose findings it would drop.
	 */
	public StepResult step(Step step, Consumer<Finding> findings, long skip) {
		int refs = exec.references(step);
		if (refs == StepExecutor.WALK) { // a reference to resolve: the step and its checks may resolve it
			synchronized (StepExecutor.RESOLVING) {
				return step(step, findings, skip, refs);
			}
		}
		return step(step, findings, skip, refs);
	}

	private StepResult step(Step step, Consumer<Finding> findings, long skip, int refs) {
		StepResult r = exec.execute(step, index++, refs);
		List<Finding> found = this.found;
		found.clear();
		if (options.checkInvariants()) {
			List<InvariantCheck> checks = options.invariants();
			for (int i = 0; i < checks.size(); i++) { // indexed: no iterator per step
				InvariantCheck c = checks.get(i);
				if (i < 64 && (skip & (1L << i)) != 0) {
					continue;
				}
				if (c instanceof Invariants.Invariant inv) {
					if (inv.appliesTo(r.kind)) {
						reporter.run(inv, r, machine, report);
					}
				} else {
					c.afterStep(r, machine, report);
				}
			}
		}
		for (int i = 0; i < found.size(); i++) {
			findings.accept(found.get(i));
		}
		if (!r.violationExpected) {
			return r;
		}
		// `expect violates N` is judged once the invariants have looked at the step.
		List<ExpectationResult> violations = ExpectationChecker.violations(step, found, options.checkInvariants());
		return violations.isEmpty() ? r : r.withMoreExpectations(violations);
	}

	/** An independent copy of this session's machine state, to be stepped on its own (the explorer's branching). */
	public Session copy() {
		Session c = new Session(machine.copy(), options, exec.resolved);
		c.index = index;
		return c;
	}

	/** The step index {@link #checkpoint()} saved, or -1 when none is open. */
	private int savedIndex = -1;

	/**
	 * Makes the steps from now on undoable by {@link #restore()}: the explorer steps a state in place and
	 * restores it, and copies ({@link #copy()}) only the successors it keeps. One checkpoint at a time.
	 */
	public void checkpoint() {
		if (savedIndex >= 0) {
			throw new IllegalStateException("a checkpoint is already open");
		}
		machine.checkpoint();
		savedIndex = index;
	}

	/** Returns the machine to its state at {@link #checkpoint()}. */
	public void restore() {
		if (savedIndex < 0) {
			throw new IllegalStateException("no checkpoint is open");
		}
		machine.restore();
		index = savedIndex;
		savedIndex = -1;
	}

	/**
	 * After steps under an open {@link #checkpoint()}: whether they left the machine as it was at the
	 * checkpoint (a step that failed without effect). If so the checkpoint stays open, the step index put
	 * back, as if {@link #restore()}d and opened again, and the state key is the checkpoint's: the
	 * explorer neither digests nor restores such a successor.
	 */
	public boolean unchangedSinceCheckpoint() {
		if (savedIndex < 0) {
			throw new IllegalStateException("no checkpoint is open");
		}
		if (!machine.unchangedSinceCheckpoint()) {
			return false;
		}
		index = savedIndex;
		return true;
	}

	/** {@link #restore()} and {@link #checkpoint()} in one, cheaper: the checkpoint stays open. */
	public void rewind() {
		if (savedIndex < 0) {
			throw new IllegalStateException("no checkpoint is open");
		}
		machine.rewind();
		index = savedIndex;
	}

	/** Executes the next step without invariant checks (replaying a prefix whose findings are known). */
	public StepResult replay(Step step) {
		int refs = exec.references(step);
		if (refs == StepExecutor.WALK) {
			synchronized (StepExecutor.RESOLVING) {
				return exec.execute(step, index++, refs);
			}
		}
		return exec.execute(step, index++, refs);
	}

	public MachineView view() {
		return machine;
	}

	/** Digest of the machine state, independent of buffer and mapping names. */
	public StateKey stateKey() {
		return machine.stateKey();
	}

	public List<String> bootMessages() {
		return List.copyOf(machine.boot);
	}
}

package org.coco.dsl.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * COCO_PHASES=1: one stderr line per phase of a command (JVM start, injector, parse, link, validate,
 * output) with its wall time, the main thread's CPU time and the whole process's CPU time (JIT and GC
 * threads included). For benchmarks on a shared machine, where CPU time is steadier than wall time;
 * off by default, and then it costs nothing.
 */
final class PhaseTimes {
	private static final boolean ON = System.getenv("COCO_PHASES") != null;
	private static long wall;
	private static long threadCpu;
	private static long processCpu;

	private PhaseTimes() {
	}

	/** Called first in main: reports the JVM's own start-up (JVM creation until main). */
	static void started() {
		if (!ON) {
			return;
		}
		long sinceStart = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
		wall = System.nanoTime();
		threadCpu = threads().getCurrentThreadCpuTime();
		processCpu = processCpu();
		print("jvm-start", sinceStart, threadCpu, processCpu);
	}

	/** The phase that ends now. */
	static void mark(String phase) {
		if (!ON) {
			return;
		}
		long now = System.nanoTime();
		long t = threads().getCurrentThreadCpuTime();
		long p = processCpu();
		print(phase, now - wall, t - threadCpu, p - processCpu);
		wall = now;
		threadCpu = t;
		processCpu = p;
	}

	private static long processCpu() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private static ThreadMXBean threads() {
		return ManagementFactory.getThreadMXBean();
	}

	private static void print(String phase, long wallNanos, long threadNanos, long processNanos) {
		System.err.printf("coco: phase %-10s %6d ms wall %6d ms main-thread cpu %6d ms process cpu%n", phase,
				wallNanos / 1_000_000, threadNanos / 1_000_000, processNanos / 1_000_000);
	}
}

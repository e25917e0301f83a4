package org.coco.dsl.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.coco.dsl.bench.Interpreter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter throughput in steps per second (JMH). One operation is one step: an invocation runs
 * every scenario of {@link Interpreter#defaultShape()} (50 × 400 = 20,000 steps).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InterpreterBenchmark {

	Interpreter interpreter;

	@Setup
	public void load() throws Exception {
		interpreter = new Interpreter(Interpreter.defaultShape());
	}

	/** The scenarios run from one boot image per invocation (as `coco run` and `coco validate` run them). */
	@Benchmark
	@OperationsPerInvocation(20_000)
	public long steps() {
		return interpreter.pass();
	}

	/** Each scenario through CocoRuntime.run, which boots the platform for that run. */
	@Benchmark
	@OperationsPerInvocation(20_000)
	public long stepsBootingEachRun() {
		return interpreter.passBootingEachRun();
	}
}

package lrsched.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import lrsched.core.Schedule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation cost per step and type: 1024 consecutive steps per call, the block moving through steps 0..999,999 so
 * every warmup, cycle and phase is visited. Library types must be registered in the build (merged branches).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class EvaluateBenchmark {
    static final int STEPS = 1024;

    @Param({"noam", "torch.CosineAnnealingWarmRestarts", "cosine_restarts", "hf.cosine", "cosine",
            "torch.OneCycleLR", "one_cycle", "multistep", "wsd"})
    public String type;

    private Schedule schedule;
    private long base;

    @Setup
    public void setUp() {
        schedule = BenchSpecs.curves(List.of(type)).get(0).schedule();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double evaluate() {
        long from = base;
        base = (from + 7 * STEPS + 13) % (1_000_000 - STEPS) / STEPS * STEPS;
        double sum = 0;
        for (int i = 0; i < STEPS; i++) {
            sum += schedule.at(from + i);
        }
        return sum;
    }
}

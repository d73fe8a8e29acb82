package lrsched.output;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import lrsched.bench.BenchSpecs;
import lrsched.core.Curve;
import lrsched.core.StepSelection;
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
 * The whole CSV path (evaluate, format, write to a discarding stream) for the four throughput schedules, 100,000
 * rows, in nanoseconds per value: on the calling thread alone ({@code workers = 0}) and with format workers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class CsvBenchmark {
    static final int ROWS = 100_000;

    @Param({"0", "1", "2"})
    public int workers;

    private List<Curve> curves;
    private final StepSelection steps = new StepSelection.Range(0, ROWS - 1, 1);

    @Setup
    public void setUp() {
        curves = BenchSpecs.curves(BenchSpecs.throughputTypes());
    }

    @Benchmark
    @OperationsPerInvocation(ROWS * 4)
    public void csv() throws Exception {
        new RowWriter(workers, 0, 0).writeCsv(curves, steps, OutputStream.nullOutputStream());
    }
}

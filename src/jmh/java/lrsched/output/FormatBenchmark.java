package lrsched.output;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import lrsched.core.DoubleFormat;
import lrsched.core.JacksonRepr;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Formatting one double as Python's repr: the byte path CSV uses, against the former string path (Jackson's
 * Schubfach text re-laid out) and the JDK's Double.toString (not shortest on JDK 17, shown for scale). Values are
 * learning-rate sized (1e-9 .. 1), with full 15-17 digit mantissas as schedules produce them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class FormatBenchmark {
    static final int VALUES = 1024;

    private final double[] values = new double[VALUES];
    private final byte[] buffer = new byte[VALUES * DoubleFormat.MAX_LENGTH];

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < VALUES; i++) {
            values[i] = random.nextDouble() * Math.pow(10, -random.nextInt(10));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public int bytePath() {
        int pos = 0;
        for (double v : values) {
            pos = DoubleFormat.write(v, buffer, pos);
        }
        return pos;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void formerStringPath(Blackhole bh) {
        StringBuilder sb = new StringBuilder(32);
        for (double v : values) {
            sb.setLength(0);
            JacksonRepr.append(v, sb);
            bh.consume(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void jdkToString(Blackhole bh) {
        for (double v : values) {
            bh.consume(Double.toString(v).getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}

package lrsched.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import lrsched.core.Curve;
import lrsched.core.JacksonRepr;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.core.StepSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parallel path writes exactly the bytes of the sequential one, which writes what lrsched 0.1 wrote. */
class RowWriterTest {

    private static final List<Curve> CURVES = List.of(
            new Curve("cos", t -> 0.5 * (1 + Math.cos(Math.PI * (t % 1000) / 1000.0))),
            new Curve("noam, 512", t -> t == 0 ? 0 : Math.pow(512, -0.5) * Math.min(1 / Math.sqrt(t), t * 1e-6)),
            new Curve("tiny \"q\"", t -> Math.exp(-t / 3.0) * 1e-3),
            new Curve("int", t -> (double) (t / 7)));

    /** lrsched 0.1's RowWriter: a StringBuilder of rows with the string formatter. */
    private static String reference(List<Curve> curves, StepSelection steps) {
        StringBuilder out = new StringBuilder("step");
        for (Curve c : curves) {
            out.append(',').append(RowWriter.quote(c.name()));
        }
        out.append('\n');
        for (long i = 0; i < steps.size(); i++) {
            long step = steps.get(i);
            out.append(step);
            for (Curve c : curves) {
                out.append(',');
                JacksonRepr.append(c.schedule().at(step), out);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String write(RowWriter writer, List<Curve> curves, StepSelection steps) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeCsv(curves, steps, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void parallelBlocksGiveTheSequentialBytesInOrder(int workers) throws IOException {
        StepSelection range = new StepSelection.Range(0, 20_000, 1);
        String sequential = write(new RowWriter(0, 0), CURVES, range);
        assertThat(sequential).isEqualTo(reference(CURVES, range));
        for (int rows : new int[] {1, 7, 1000, 4096}) {
            assertThat(write(new RowWriter(workers, rows), CURVES, range)).as("%d rows a block", rows)
                    .isEqualTo(sequential);
        }
    }

    @Test
    void aValueEqualToItsColumnsPreviousOneIsWrittenTheSame() throws IOException {
        // runs of one value (copied from the row before), 0.0 next to -0.0 (equal, not the same bits), runs that
        // cross block boundaries
        List<Curve> curves = List.of(
                new Curve("signs", t -> (t / 3) % 2 == 0 ? 0.0 : -0.0),
                new Curve("stairs", t -> Math.pow(0.5, t / 5) * 1e-3),
                new Curve("alternating", t -> t % 4 == 0 ? 1e-3 : 3.0e-4 * (t / 2)));
        StepSelection range = new StepSelection.Range(0, 2_000, 1);
        String expected = reference(curves, range);
        for (int rows : new int[] {1, 3, 5, 64}) {
            assertThat(write(new RowWriter(0, rows), curves, range)).as("%d rows a block", rows).isEqualTo(expected);
            assertThat(write(new RowWriter(2, rows), curves, range)).as("%d rows a block", rows).isEqualTo(expected);
        }
    }

    @Test
    void sparseRangesListsAndHugeStepsToo() throws IOException {
        long[] listed = new SplittableRandom(7).longs(5_000, 0, 1L << 50).toArray();
        listed[17] = Long.MAX_VALUE;
        for (StepSelection steps : List.of(new StepSelection.Range(3, 1_000_000, 97),
                new StepSelection.Range(1_000_000_000_000L, 1_000_000_009_999L, 1), new StepSelection.Listed(listed))) {
            String sequential = write(new RowWriter(0, 0), CURVES, steps);
            assertThat(sequential).isEqualTo(reference(CURVES, steps));
            assertThat(write(new RowWriter(2, 33), CURVES, steps)).isEqualTo(sequential);
        }
    }

    @Test
    void defaultWriterMatchesTheReference() throws IOException {
        StepSelection steps = new StepSelection.Range(0, 300_000, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowWriter.write(CURVES, steps, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(reference(CURVES, steps));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aFailingStepEndsTheOutputAfterEveryRowBeforeIt(int workers) {
        Schedule refusing = t -> {
            if (t >= 12_345) {
                throw new StepOutOfRangeException(t, "Tried to step too far");
            }
            return 1.0 / (t + 1);
        };
        List<Curve> curves = List.of(CURVES.get(0), new Curve("refusing", refusing), CURVES.get(2));
        StepSelection steps = new StepSelection.Range(0, 50_000, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new RowWriter(workers, 100).writeCsv(curves, steps, out))
                .isInstanceOf(StepOutOfRangeException.class).hasMessage("Tried to step too far");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(reference(curves, new StepSelection.Range(0, 12_344, 1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void nanIsAnErrorNamingScheduleAndStep(int workers) {
        List<Curve> curves = List.of(new Curve("first", t -> t < 777 ? 1.0 : 2.0),
                new Curve("bad", t -> t == 777 ? Double.NaN : 0.5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new RowWriter(workers, 10).writeCsv(curves, new StepSelection.Range(0, 5_000, 1),
                out)).isInstanceOf(NonFiniteValueException.class).hasMessageContaining("'bad' gives nan at step 777");
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\n776,1.0,0.5\n");
    }

    @Test
    void schedulesAreEvaluatedOnOneThreadInStepOrder() throws IOException {
        // schedules that replay a recursion and keep their last step stay fast only when asked in order
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicLong last = new AtomicLong(-1);
        Schedule watched = t -> {
            caller.compareAndSet(null, Thread.currentThread());
            assertThat(Thread.currentThread()).isSameAs(caller.get());
            assertThat(t).isGreaterThan(last.getAndSet(t));
            return 1.0;
        };
        write(new RowWriter(2, 50), List.of(new Curve("w", watched)), new StepSelection.Range(0, 100_000, 1));
        assertThat(last.get()).isEqualTo(100_000);
    }

    @Test
    void namesAreQuotedAsRfc4180Says() throws IOException {
        String csv = write(new RowWriter(0, 0), List.of(new Curve("a,b", t -> 1), new Curve("say \"hi\"", t -> 2),
                new Curve("plain", t -> 3)), new StepSelection.Range(0, 0, 1));
        assertThat(csv).isEqualTo("step,\"a,b\",\"say \"\"hi\"\"\",plain\n0,1.0,2.0,3.0\n");
    }
}

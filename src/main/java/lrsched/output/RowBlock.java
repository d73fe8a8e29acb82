package lrsched.output;

import lrsched.schedule.Schedule;
import lrsched.spec.StepSelection;

/**
 * A block of consecutive CSV rows: first evaluated (steps and values), then formatted into bytes. The two halves
 * may run on different threads; a block is reused for block after block, so the hot path allocates nothing.
 */
final class RowBlock {
    private final Schedule[] schedules;
    private final String[] names;
    private final long[] steps;
    private final double[] values;
    private final byte[] bytes;
    private int rows;
    private int length;
    private RuntimeException failure;

    RowBlock(Schedule[] schedules, String[] names, int capacity) {
        this.schedules = schedules;
        this.names = names;
        this.steps = new long[capacity];
        this.values = new double[capacity * schedules.length];
        this.bytes = new byte[capacity * maxRowBytes(schedules.length)];
    }

    /** Longest possible row: a 19-digit step, then per column a comma and a number, then the line end. */
    static int maxRowBytes(int columns) {
        return 19 + columns * (1 + DoubleFormat.MAX_LENGTH) + 1;
    }

    int capacity() {
        return steps.length;
    }

    /**
     * Evaluates the rows for selection indices {@code first .. first + count - 1}, row by row and column by column
     * in the same order as a plain loop would. Stops at the first step a schedule refuses or gives NaN/infinity
     * for: the rows before it are kept and {@link #failure()} holds the error.
     */
    void evaluate(StepSelection selection, long first, int count) {
        int columns = schedules.length;
        failure = null;
        int r = 0;
        try {
            for (; r < count; r++) {
                long step = selection.get(first + r);
                steps[r] = step;
                int base = r * columns;
                for (int k = 0; k < columns; k++) {
                    double v = schedules[k].at(step);
                    if (!Double.isFinite(v)) {
                        throw new NonFiniteValueException(names[k], step, v);
                    }
                    values[base + k] = v;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        rows = r;
    }

    /** Formats the evaluated rows as {@code step,v1,v2,...\n} lines. */
    void format() {
        int columns = schedules.length;
        byte[] out = bytes;
        int pos = 0;
        for (int r = 0; r < rows; r++) {
            pos = Schubfach.writeLong(steps[r], out, pos);
            int base = r * columns;
            for (int k = 0; k < columns; k++) {
                out[pos++] = ',';
                pos = Schubfach.write(values[base + k], out, pos);
            }
            out[pos++] = '\n';
        }
        length = pos;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The error that ended evaluation early, or null. */
    RuntimeException failure() {
        return failure;
    }
}

package lrsched.output;

import lrsched.core.DoubleFormat;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;

/**
 * A block of consecutive CSV rows: first evaluated (steps and values), then formatted into bytes. The two halves
 * may run on different threads; a block is reused for block after block, so the hot path allocates nothing.
 */
final class RowBlock {
    private final Schedule[] schedules;
    private final String[] names;
    private final RowFormat format;
    private final long[] steps;
    private final double[] values;
    private final byte[] bytes;
    private int rows;
    private int length;
    private RuntimeException failure;

    private long firstRow;

    RowBlock(Schedule[] schedules, String[] names, RowFormat format, int capacity) {
        this.schedules = schedules;
        this.names = names;
        this.format = format;
        this.steps = new long[capacity];
        this.values = new double[capacity * schedules.length];
        this.bytes = new byte[capacity * format.maxRowBytes()];
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
        firstRow = first;
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

    /** Formats the evaluated rows in the block's {@link RowFormat} ({@code step,v1,v2,...\n} for CSV). */
    void format() {
        int columns = schedules.length;
        byte[] out = bytes;
        byte[][] prefix = format.columnPrefix;
        byte[] end = format.rowEnd;
        int pos = 0;
        for (int r = 0; r < rows; r++) {
            byte[] start = firstRow + r == 0 ? format.firstRowStart : format.rowStart;
            System.arraycopy(start, 0, out, pos, start.length);
            pos += start.length;
            pos = DoubleFormat.writeLong(steps[r], out, pos);
            int base = r * columns;
            for (int k = 0; k < columns; k++) {
                byte[] p = prefix[k];
                if (p.length == 1) {
                    out[pos++] = p[0];
                } else {
                    System.arraycopy(p, 0, out, pos, p.length);
                    pos += p.length;
                }
                pos = DoubleFormat.write(values[base + k], out, pos);
            }
            System.arraycopy(end, 0, out, pos, end.length);
            pos += end.length;
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

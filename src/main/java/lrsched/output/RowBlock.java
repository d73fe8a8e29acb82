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
    /** Per column: the bits of the value last formatted in this block, and where its text starts and ends. */
    private final long[] lastBits;
    private final int[] lastStart;
    private final int[] lastEnd;
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
        this.lastBits = new long[schedules.length];
        this.lastStart = new int[schedules.length];
        this.lastEnd = new int[schedules.length];
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

    /**
     * Formats the evaluated rows in the block's {@link RowFormat} ({@code step,v1,v2,...\n} for CSV). A value equal
     * (bit for bit) to its column's previous one in the block copies that one's text: constant stretches (step
     * decays, per-epoch schedules, holds) cost a copy instead of a conversion.
     */
    void format() {
        int columns = schedules.length;
        byte[] out = bytes;
        long[] bits = lastBits;
        int[] starts = lastStart;
        int[] ends = lastEnd;
        java.util.Arrays.fill(ends, 0);
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
                double v = values[base + k];
                long b = Double.doubleToRawLongBits(v);
                int previousEnd = ends[k];
                if (b == bits[k] && previousEnd > 0) {
                    int previousStart = starts[k];
                    System.arraycopy(out, previousStart, out, pos, previousEnd - previousStart);
                    pos += previousEnd - previousStart;
                } else {
                    bits[k] = b;
                    starts[k] = pos;
                    pos = DoubleFormat.write(v, out, pos);
                    ends[k] = pos;
                }
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

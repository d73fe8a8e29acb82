package lrsched.schedule;

import lrsched.core.Schedule;

/**
 * A schedule computed ahead, row by row, from a recorded trace: row {@code k} is the learning rate after {@code k}
 * calls of the scheduler. Past the last row the learning rate stays where the trace left it (the training code
 * stepped no further, so nothing changed it). Memory is one double per row: bounded by the trace.
 */
public final class Rows implements Schedule {
    private final double[] rows;

    private Rows(double[] rows) {
        this.rows = rows;
    }

    /** The schedule whose row {@code k} is {@code rows[k]}, held at the last row beyond them; at least one row. */
    public static Rows of(double[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a schedule needs at least one row");
        }
        return new Rows(rows.clone());
    }

    @Override
    public double at(long step) {
        return rows[(int) Math.min(step, rows.length - 1)];
    }

    /** How many rows the trace gave (the rows after it repeat the last). */
    public int size() {
        return rows.length;
    }
}

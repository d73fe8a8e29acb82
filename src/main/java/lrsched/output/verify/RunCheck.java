package lrsched.output.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.core.LoggedCurve;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;

/**
 * Compares a logged learning-rate curve with its plan, update by update, and when they differ looks for the one
 * {@link Fault} that explains every logged value.
 *
 * <p>A logged value matches the planned one when they are equal or differ by at most the tolerance relative to the
 * larger: the log's {@link LoggedCurve#resolution() resolution}, and never less than {@link #MIN_TOLERANCE} (lrsched
 * reproduces the libraries to about 1e-15, and they compute in float64).
 *
 * <p>Faults are tried in this order, and the first that makes every logged value match is the verdict: one update
 * ahead, one update behind, stepped K times per update (K = 2 to {@link #MAX_TIMES}), stepped once every N updates,
 * restarted at update R. N and R are searched only where the log allows: N where the plan's first change (at plan
 * step c) falls, c*N between the last logged update still at the plan's first value and the first that moved; R
 * between the last logged update that followed the plan and the first that did not. Each candidate stops at its first
 * mismatch, so a check costs a few passes over the log.
 */
public final class RunCheck {

    /** The tolerance below which no log's resolution goes. */
    public static final double MIN_TOLERANCE = 1e-12;

    /** The most scheduler steps per update tried: 64 processes. */
    public static final int MAX_TIMES = 64;

    /** The most candidate epoch lengths or restart updates tried (a log that sparse cannot pin them down). */
    static final int MAX_CANDIDATES = 100_000;

    private RunCheck() {
    }

    /**
     * How the run went against the plan.
     *
     * @param compared  the logged values compared (all of the log's points)
     * @param matching  how many matched the plan
     * @param first     the first logged value that differs from the plan, if any
     * @param largest   the logged value that differs most from the plan, relative to the larger; empty when all match
     * @param fault     the known fault that explains every logged value; empty when all match, or none explains it
     * @param tolerance the relative tolerance used
     */
    public record Verdict(int compared, int matching, Optional<Difference> first, Optional<Difference> largest,
                          Optional<Fault> fault, double tolerance) {

        /** Whether every logged value matched the plan. */
        public boolean followed() {
            return first.isEmpty();
        }
    }

    /**
     * One logged value against the plan's.
     *
     * @param update  the update (0-based) the logged value is for
     * @param logged  the value logged
     * @param planned the plan's value for that update; {@code NaN} when the plan refuses the update
     */
    public record Difference(long update, double logged, double planned) {

        /** {@code (logged - planned) / planned}; infinite when the plan is 0 and the log is not. */
        public double relative() {
            return (logged - planned) / Math.abs(planned);
        }
    }

    /** Checks {@code log} against {@code plan}. */
    public static Verdict check(Schedule plan, LoggedCurve log) {
        double tolerance = Math.max(log.resolution(), MIN_TOLERANCE);
        Plan p = new Plan(plan);
        int matching = 0;
        Difference first = null, largest = null;
        double largestGap = -1;
        for (int i = 0, n = log.size(); i < n; i++) {
            long u = log.step(i);
            double planned = p.at(u);
            double logged = log.value(i);
            if (same(logged, planned, tolerance)) {
                matching++;
                continue;
            }
            Difference d = new Difference(u, logged, planned);
            if (first == null) {
                first = d;
            }
            double gap = gap(logged, planned);
            if (gap > largestGap) {
                largestGap = gap;
                largest = d;
            }
        }
        Optional<Fault> fault = first == null ? Optional.empty() : explain(p, log, tolerance, first.update());
        return new Verdict(log.size(), matching, Optional.ofNullable(first), Optional.ofNullable(largest), fault,
                tolerance);
    }

    /** Whether {@code fault} makes every logged value match the plan. */
    public static boolean explains(Fault fault, Schedule plan, LoggedCurve log) {
        return explains(fault, new Plan(plan), log, Math.max(log.resolution(), MIN_TOLERANCE));
    }

    private static Optional<Fault> explain(Plan plan, LoggedCurve log, double tolerance, long firstDifference) {
        for (Fault f : candidates(plan, log, tolerance, firstDifference)) {
            if (explains(f, plan, log, tolerance)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static List<Fault> candidates(Plan plan, LoggedCurve log, double tolerance, long firstDifference) {
        List<Fault> faults = new ArrayList<>(List.of(new Fault.OneAhead(), new Fault.OneBehind()));
        for (int k = 2; k <= MAX_TIMES; k++) {
            faults.add(new Fault.SteppedTimes(k));
        }
        // once every n updates: the LR stays at the plan's first value until the scheduler has been stepped c times,
        // c the first plan step whose LR differs; that happens at update c*n, between two logged updates
        double start = plan.at(0);
        int moved = 0;
        while (moved < log.size() && same(log.value(moved), start, tolerance)) {
            moved++;
        }
        if (moved > 0 && moved < log.size()) {
            long c = 1;
            while (c <= log.step(moved) && same(plan.at(c), start, tolerance)) {
                c++;
            }
            long lo = log.step(moved - 1) / c + 1, hi = log.step(moved) / c;
            for (long n = Math.max(2, lo); n <= hi && n - lo < MAX_CANDIDATES; n++) {
                faults.add(new Fault.OncePerEpoch(n));
            }
        }
        // a restart: the plan is followed up to some update r, then starts over
        int at = indexOf(log, firstDifference);
        if (at > 0) {
            long lo = log.step(at - 1) + 1, hi = log.step(at);
            for (long r = lo; r <= hi && r - lo < MAX_CANDIDATES; r++) {
                faults.add(new Fault.Restarted(r));
            }
        }
        return faults;
    }

    private static int indexOf(LoggedCurve log, long update) {
        for (int i = 0; i < log.size(); i++) {
            if (log.step(i) == update) {
                return i;
            }
        }
        return -1;
    }

    private static boolean explains(Fault fault, Plan plan, LoggedCurve log, double tolerance) {
        int compared = 0;
        for (int i = 0, n = log.size(); i < n; i++) {
            long step = fault.planStep(log.step(i));
            if (step < 0) {
                continue; // the fault says nothing about this update (the one before update 0)
            }
            if (!same(log.value(i), plan.at(step), tolerance)) {
                return false;
            }
            compared++;
        }
        return compared > 0;
    }

    /** Equal, or within {@code tolerance} of each other relative to the larger; NaN never matches. */
    static boolean same(double logged, double planned, double tolerance) {
        if (logged == planned) {
            return true;
        }
        return Math.abs(logged - planned) <= tolerance * Math.max(Math.abs(logged), Math.abs(planned));
    }

    private static double gap(double logged, double planned) {
        double gap = Math.abs(logged - planned) / Math.max(Math.abs(logged), Math.abs(planned));
        return Double.isNaN(gap) ? Double.POSITIVE_INFINITY : gap;
    }

    /** The plan, with a step it refuses (OneCycleLR past its end) read as NaN, which matches nothing. */
    private record Plan(Schedule schedule) {
        double at(long step) {
            try {
                return schedule.at(step);
            } catch (StepOutOfRangeException e) {
                return Double.NaN;
            }
        }
    }
}

package lrsched.output;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import lrsched.core.Curve;
import lrsched.core.InputException;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.Decimator;

/**
 * Evaluates curves at the selected steps for a chart, keeping only the points the picture needs ({@link Decimator}),
 * so ten million steps take constant memory. Curves are evaluated in parallel; the result does not depend on the
 * number of threads.
 *
 * <p>Where the schedule names its monotone {@link Pieces} and the selection is every step of a range, only a few
 * steps per pixel column and piece are evaluated: the ends, the first step that reaches the end's value (a binary
 * search, valid because the piece's doubles are monotone) and the kept breakpoints. Feeding the decimator these steps
 * in order gives the same points as feeding it every step (each column's first, last, and first minimum and maximum
 * are among them), in time that grows with the number of columns and pieces instead of steps. Otherwise, and when a
 * value on the way is not finite or the schedule raises, every step is evaluated, as before.
 *
 * <p>Pieces can be a step long (a rising factor times a falling one, as in a product or an exp_range cycle), so the
 * piece path stops after {@link #PIECE_EVALUATIONS} evaluations (about a second; a chart of even a million pieces
 * needs fewer): a range of at most {@link #MAX_EVALUATIONS} steps is then evaluated step by step, a longer one is
 * refused with a way out. No curve runs unbounded.
 */
public final class CurveSampler {
    /**
     * The most evaluations a curve may take: about 10^7 a second, so charts stay within seconds. It is also the
     * longest selection plot, stats and lint evaluate step by step.
     */
    public static final long MAX_EVALUATIONS = 100_000_000L;
    /** The most evaluations the piece path spends on a curve before it gives up. */
    static final long PIECE_EVALUATIONS = 10_000_000L;
    /** A piece-column segment shorter than this is evaluated step by step (cheaper than a search). */
    private static final long SHORT = 16;

    private CurveSampler() {}

    /**
     * One series per curve, named after it, with its warmup end marked where the schedule knows it.
     *
     * @param columns the chart's width in device pixels (see {@code ChartOptions.decimationColumns})
     */
    public static List<ChartSeries> sample(List<Curve> curves, StepSelection steps, int columns) {
        return EachCurve.map(curves, curve -> {
            ChartSeries series = points(curve, steps, columns).toSeries(curve.name());
            OptionalLong warmupEnd = curve.schedule().warmupEnd();
            return warmupEnd.isPresent() ? series.withWarmupEnd(warmupEnd.getAsLong()) : series;
        });
    }

    /**
     * Whether every curve is sampled by its pieces over these steps, so the chart's time does not grow with their
     * number (plot then takes ranges past its every-step limit).
     */
    public static boolean byPieces(List<Curve> curves, StepSelection steps) {
        return curves.stream().allMatch(c -> byPieces(c, steps));
    }

    private static boolean byPieces(Curve curve, StepSelection steps) {
        return steps instanceof StepSelection.Range r && r.every() == 1 && curve.schedule().pieces().known();
    }

    /** The decimated points of one curve: by pieces where possible, else every step. */
    public static Decimator.Points points(Curve curve, StepSelection steps, int columns) {
        if (byPieces(curve, steps)) {
            StepSelection.Range r = (StepSelection.Range) steps;
            try {
                return byPieces(curve, r.from(), steps.max(), columns);
            } catch (TooManyEvaluations e) {
                long n = steps.size();
                if (n > MAX_EVALUATIONS) {
                    throw new InputException(String.format(Locale.ROOT, "schedule '%s': its monotone pieces are "
                            + "too short to chart %,d steps (it turns at nearly every step there), and plot evaluates "
                            + "at most %,d steps one by one; thin them out with --every %d (or a larger K)",
                            curve.name(), n, MAX_EVALUATIONS,
                            (n + MAX_EVALUATIONS - 1) / MAX_EVALUATIONS));
                }
            } catch (RuntimeException e) {
                // a non-finite value or a refusal: the every-step path reports it at the step where it happens
            }
        }
        return everyStep(curve, steps, columns);
    }

    /** Every selected step evaluated and decimated (the reference the piece path must equal; public for tests). */
    public static Decimator.Points everyStep(Curve curve, StepSelection steps, int columns) {
        long[] listed = steps instanceof StepSelection.Listed l ? Arrays.stream(l.steps()).sorted().distinct()
                .toArray() : null;
        long first = listed != null ? listed[0] : steps.get(0);
        long last = listed != null ? listed[listed.length - 1] : steps.max();
        Decimator d = decimator(curve.schedule(), first, last, columns);
        if (listed != null) {
            for (long s : listed) {
                d.accept(s, value(curve, s));
            }
        } else {
            long n = steps.size();
            for (long k = 0; k < n; k++) {
                long s = steps.get(k);
                d.accept(s, value(curve, s));
            }
        }
        return d.finish();
    }

    /**
     * Steps {@code first..last} of a schedule with known pieces, evaluated a few steps per column and piece (public
     * for tests; throws where a value is not finite or the schedule raises).
     */
    public static Decimator.Points byPieces(Curve curve, long first, long last, int columns) {
        Evaluations schedule = new Evaluations(curve.schedule());
        Pieces pieces = schedule.schedule.pieces();
        Decimator d = decimator(schedule.schedule, first, last, columns);
        long[] kept = keptSteps(schedule.schedule);
        long s = first;
        while (true) {
            long next = pieces.next(s);
            long pieceEnd = next <= s ? s : Math.min(last, next - 1);
            long a = s;
            while (true) {
                long b = Math.min(pieceEnd, d.lastStepOfColumn(a));
                segment(d, schedule, a, b, kept);
                if (b == pieceEnd) {
                    break;
                }
                a = b + 1;
            }
            if (pieceEnd == last) {
                return d.finish();
            }
            s = pieceEnd + 1;
        }
    }

    /** Accepts the steps of {@code [a, b]} (one column, one monotone piece) that decide the column's points. */
    private static void segment(Decimator d, Evaluations schedule, long a, long b, long[] kept) {
        if (b - a < SHORT) {
            for (long s = a; ; s++) {
                d.accept(s, schedule.finite(s));
                if (s == b) {
                    return;
                }
            }
        }
        double va = schedule.finite(a);
        double vb = schedule.finite(b);
        // the values equal to vb form a suffix of the monotone segment: find where it starts
        long lo = a;
        long hi = b;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (schedule.finite(mid) == vb) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long[] steps = {a, lo, b, 0, 0};
        int n = 3;
        for (long k : kept) {
            if (k >= a && k <= b) {
                steps[n++] = k;
            }
        }
        Arrays.sort(steps, 0, n);
        for (int i = 0; i < n; i++) {
            long s = steps[i];
            if (i > 0 && s == steps[i - 1]) {
                continue;
            }
            d.accept(s, s == a ? va : s == b || s == lo ? vb : schedule.finite(s));
        }
    }

    private static Decimator decimator(Schedule schedule, long first, long last, int columns) {
        return new Decimator(first, last, columns).keep(keptSteps(schedule));
    }

    /** The steps the chart keeps exactly: both sides of the warmup end. */
    private static long[] keptSteps(Schedule schedule) {
        return schedule.warmupEnd().isPresent()
                ? new long[] {schedule.warmupEnd().getAsLong() - 1, schedule.warmupEnd().getAsLong()}
                : new long[0];
    }

    /** A schedule's values on the piece path, counted against {@link #PIECE_EVALUATIONS}. */
    private static final class Evaluations {
        final Schedule schedule;
        private long count;

        Evaluations(Schedule schedule) {
            this.schedule = schedule;
        }

        /** The value, or an exception that sends the curve to the every-step path. */
        double finite(long step) {
            if (++count > PIECE_EVALUATIONS) {
                throw new TooManyEvaluations();
            }
            double v = schedule.at(step);
            if (!Double.isFinite(v)) {
                throw new ArithmeticException("not finite");
            }
            return v;
        }
    }

    /** The piece path used up its evaluations (pieces of a step or so over a long range). */
    private static final class TooManyEvaluations extends RuntimeException {
        TooManyEvaluations() {
            super(null, null, false, false);
        }
    }

    private static double value(Curve curve, long step) {
        double v = curve.schedule().at(step);
        if (!Double.isFinite(v)) {
            throw new NonFiniteValueException(curve.name(), step, v);
        }
        return v;
    }
}

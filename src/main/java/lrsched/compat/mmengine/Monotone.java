package lrsched.compat.mmengine;

import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

import lrsched.core.Pieces;
import lrsched.schedule.LinearRatios;

/**
 * What one scheduler's {@code step()} does to the lr, as computed, at each local step ({@code last_step}) of its
 * window: the local steps split at {@link #next} into stretches on which the effect is one {@link Effect}. A stretch's
 * first step is free (a restart, a stair, the constructor's multiplication); the effect holds on the others.
 */
final class Monotone {

    /** The effect of a step on the lr, on a stretch. */
    enum Effect {
        /** The lr is left as it is (bit for bit). */
        KEEPS,
        /** lr * r with r in [0, 1] as computed: the lr keeps its sign and never moves away from 0. */
        SHRINKS,
        /** lr * r with r >= 1 as computed: the lr keeps its sign and never moves towards 0. */
        GROWS,
        /** The lr is overwritten by a value that is a monotone function of the step (OneCycleLR). */
        SETS,
        /** Not known to be monotone (a recursion that subtracts and re-adds eta_min, a negative gamma). */
        UNKNOWN
    }

    private final long span; // the window's length: local steps 0 .. span - 1 act
    private final long[] starts; // sorted local steps where a stretch starts, below span
    private final LongUnaryOperator moreStarts; // the first further start after a local step
    private final LongFunction<Effect> effect;

    private Monotone(long span, long[] starts, LongUnaryOperator moreStarts, LongFunction<Effect> effect) {
        this.span = span;
        this.starts = Arrays.stream(starts).filter(l -> l > 0 && l < span).sorted().distinct().toArray();
        this.moreStarts = moreStarts;
        this.effect = effect;
    }

    private static Monotone stretches(long span, Effect effect, long... starts) {
        return new Monotone(span, starts, l -> Long.MAX_VALUE, l -> effect);
    }

    /**
     * The first local step after {@code local} where a new stretch starts: 0 (the window opens), a start of the
     * scheduler's own, span (the window closes); {@link Long#MAX_VALUE} after that.
     */
    long next(long local) {
        if (local < 0) {
            return 0;
        }
        if (local >= span) {
            return Long.MAX_VALUE;
        }
        int i = Arrays.binarySearch(starts, local);
        int k = i >= 0 ? i + 1 : -i - 1;
        return Math.min(Math.min(k < starts.length ? starts[k] : span, moreStarts.applyAsLong(local)), span);
    }

    /** The effect of the step at {@code local}, 0 <= local < span, on the stretch that holds it (not its start). */
    Effect effect(long local) {
        return effect.apply(local);
    }

    /**
     * The stretches of a scheduler other than ReduceOnPlateauLR ({@code base} is its initial_lr, which eta_min_ratio
     * scales). Each claim follows from the arithmetic of {@link Scheduler#apply}: IEEE rounding is monotone,
     * {@code x * 1 == x}, {@code (lr - 0.0) * r + 0.0 == lr * r}, and Libm.cos and Libm.pow are monotone where used
     * (LibmMonotoneTest).
     */
    static Monotone of(Scheduler s, double base) {
        long span = s.end() - s.begin(); // local steps 0 .. span - 1 act
        double[] reals = s.reals();
        long[] ints = s.ints();
        switch (s.kind()) {
            case "ConstantLR": // acts at 0 (lr * factor) and at span - 1 (lr * (1 / factor)) only
                return stretches(span, Effect.KEEPS, span - 1);
            case "LinearLR": {
                // torch's ratios (LinearRatios.oneSided), total = span - 1; the last step is a stretch of its own
                double start = reals[0], stop = reals[1];
                if (!LinearRatios.oneSided(start, span - 1)) {
                    return stretches(span, Effect.UNKNOWN);
                }
                return stop >= start ? stretches(span, Effect.GROWS) : stretches(span, Effect.SHRINKS, span - 1);
            }
            case "CosineAnnealingLR": {
                if (etaMin(reals, base) != 0) {
                    return stretches(span, Effect.UNKNOWN); // (lr - m) * r + m may rise by an ulp while falling
                }
                // ratio (1 + cos(pi l / T)) / (1 + cos(pi (l - 1) / T)): <= 1 while the cosine falls, >= 1 while it
                // rises; the steps next to each multiple of T (the turns, and the additive step after a minimum) are
                // stretches of their own
                long t = ints[0];
                Pieces turns = Pieces.turns(0, t);
                return new Monotone(span, new long[0], turns::next,
                        l -> ((l - 1) / t) % 2 == 0 ? Effect.SHRINKS : Effect.GROWS);
            }
            case "PolyLR": {
                // (lr - 0.0) * pow(1 - 1 / (total - l + 1), power) + 0.0: a base in [0, 1)
                double power = reals[1];
                if (reals[0] != 0 || Double.isNaN(power)) {
                    return stretches(span, Effect.UNKNOWN);
                }
                return stretches(span, power >= 0 ? Effect.SHRINKS : Effect.GROWS);
            }
            case "ExponentialLR":
                return stretches(span, ratio(reals[0]));
            case "StepLR": {
                Effect e = ratio(reals[0]);
                if (e != Effect.UNKNOWN) {
                    return stretches(span, e);
                }
                long size = ints[0]; // a negative gamma: acts at the multiples of step_size only
                return new Monotone(span, new long[0], l -> Pieces.plus(l, size - l % size),
                        l -> Effect.KEEPS);
            }
            case "MultiStepLR":
                return stretches(span, Effect.KEEPS, ints);
            case "OneCycleLR": {
                // a phase changes where the step passes pct * total - 1 (and 2 pct total - 2, total - 1); on a phase
                // p is a monotone function of the step and the value one of p (cos on [0, pi]); the step total has
                // p > 1 in the last phase: a stretch of its own
                long total = ints[0];
                double pct = reals[1];
                Pieces phases = reals[5] == 1 ? Pieces.past(pct * total - 1, 2 * pct * total - 2, total - 1)
                        : Pieces.past(pct * total - 1, total - 1);
                return new Monotone(span, new long[] {Pieces.plus(total, 1)}, phases::next, l -> Effect.SETS);
            }
            case "CosineRestartLR": {
                // each period starts at initial_lr * weight (a stretch's free first step), then falls as
                // CosineAnnealingLR's first half does; after the last period the lr is kept
                long[] starts = new long[ints.length];
                long cumulative = 0;
                for (int i = 0; i < ints.length; i++) {
                    cumulative = Pieces.plus(cumulative, ints[i]);
                    starts[i] = cumulative;
                }
                long last = cumulative;
                Effect inside = etaMin(reals, base) == 0 ? Effect.SHRINKS : Effect.UNKNOWN;
                return new Monotone(span, starts, l -> Long.MAX_VALUE,
                        l -> l >= last ? Effect.KEEPS : inside);
            }
            default:
                throw new IllegalArgumentException(s.kind());
        }
    }

    /** lr * gamma at every step: shrinks for gamma in [0, 1], grows above; a negative gamma alternates. */
    private static Effect ratio(double gamma) {
        return gamma >= 0 && gamma <= 1 ? Effect.SHRINKS : gamma > 1 ? Effect.GROWS : Effect.UNKNOWN;
    }

    /** eta_min, or initial_lr * eta_min_ratio (Scheduler.apply's choice). */
    private static double etaMin(double[] reals, double base) {
        return Double.isNaN(reals[1]) ? reals[0] : base * reals[1];
    }
}

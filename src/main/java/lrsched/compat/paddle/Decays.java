package lrsched.compat.paddle;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.expr.Expression;
import lrsched.schedule.Cycles;
import lrsched.schedule.LinearRatios;
import lrsched.schedule.PyFloat;
import lrsched.schedule.Replay;

/**
 * The {@code get_lr()} of each paddle.optimizer.lr class (PaddlePaddle/Paddle python/paddle/optimizer/lr.py at
 * 00816fcb21ade6ad4425774b0e989c8098c6d324), as a function of {@code last_epoch} = the row. Each follows Paddle's
 * float64 operations in Paddle's order, so rows without pow, exp or cos are the same doubles. The classes Paddle
 * computes recursively from {@code last_lr} (CosineAnnealingDecay, LinearLR, and MultiplicativeDecay's product) are
 * replayed step by step ({@link Replay}), keeping their drift.
 */
final class Decays {
    private Decays() {}

    /** NoamDecay: lr * d_model^-0.5 * min(epoch^-0.5, warmup^-1.5 * epoch), with epoch^-0.5 read as 1 at epoch 0. */
    static Schedule noam(double lr, double dModel, long warmupSteps) {
        double scale = lr * Libm.pow(dModel, -0.5);
        double slope = Libm.pow(warmupSteps, -1.5);
        return s -> {
            double a = s == 0 ? 1 : Libm.pow(s, -0.5);
            double b = slope * s;
            return scale * (b < a ? b : a); // Python's min(a, b)
        };
    }

    /**
     * NoamDecay's pieces: min(b, a) with b = slope * epoch rising and a = epoch^-0.5 falling (Libm.pow monotone in its
     * base: LibmMonotoneTest) takes b while b < a, then a for good: a rise, then a fall.
     */
    static Pieces noamPieces(long warmupSteps) {
        double slope = Libm.pow(warmupSteps, -1.5);
        return Pieces.whereChanges(0, s -> slope * s < (s == 0 ? 1 : Libm.pow(s, -0.5)) ? 0 : 1);
    }

    /** PiecewiseDecay: values[i] for the first boundary above the epoch (in list order), else the last value. */
    static Schedule piecewise(long[] boundaries, double[] values) {
        return s -> {
            for (int i = 0; i < boundaries.length; i++) {
                if (s < boundaries[i]) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        };
    }

    /** InverseTimeDecay: lr / (1 + gamma * epoch); Python raises where the denominator is 0.0. */
    static Schedule inverseTime(double lr, double gamma) {
        long zero = firstZeroDenominator(gamma);
        return s -> {
            if (s >= zero) {
                throw new StepOutOfRangeException(zero, "paddle.InverseTimeDecay raises at step " + zero
                        + ": ZeroDivisionError: float division by zero (1 + gamma * epoch is 0)");
            }
            return lr / (1 + gamma * s);
        };
    }

    /**
     * InverseTimeDecay's pieces: 1 + gamma * epoch is monotone; with a negative gamma it passes 0 once (Paddle raises
     * there, or the rate changes sign), a new piece.
     */
    static Pieces inverseTimePieces(double gamma) {
        if (gamma >= 0) {
            return Pieces.ONE;
        }
        return gamma < 0 ? Pieces.whereChanges(0, s -> 1 + gamma * s > 0 ? 0 : 1) : Pieces.UNKNOWN;
    }

    private static long firstZeroDenominator(double gamma) {
        if (!(gamma < 0)) {
            return Long.MAX_VALUE;
        }
        double guess = Math.rint(-1 / gamma);
        if (guess > 1L << 53) {
            return Long.MAX_VALUE; // 1 + gamma * s stays above 0 for every step a run can reach
        }
        for (long s = Math.max(0, (long) guess - 2); s <= (long) guess + 2; s++) {
            if (1 + gamma * s == 0) {
                return s;
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * PolynomialDecay: (lr - end_lr) * (1 - epoch / steps)^power + end_lr with epoch capped at decay_steps, or with
     * cycle, steps = decay_steps * ceil(epoch / decay_steps) (1 at epoch 0).
     */
    static Schedule polynomial(double lr, long decaySteps, double endLr, double power, boolean cycle) {
        return s -> {
            double epoch = s;
            double steps = decaySteps;
            if (cycle) {
                double divisions = s == 0 ? 1 : Math.ceil((double) s / (double) decaySteps);
                steps = decaySteps * divisions; // an int times an int in Python: exact below 2^53
            } else {
                epoch = Math.min(s, decaySteps);
            }
            return (lr - endLr) * Libm.pow(1 - epoch / steps, power) + endLr;
        };
    }

    /**
     * PolynomialDecay's pieces with cycle: a piece per value of ceil(epoch / decay_steps) (1 at epoch 0), on which
     * 1 - epoch / n falls.
     */
    static Pieces polynomialCycles(long decaySteps) {
        return Pieces.whereChanges(0, s -> s == 0 ? 1 : Math.ceil((double) s / (double) decaySteps));
    }

    /** LinearWarmup: (end_lr - start_lr) * epoch / warmup_steps + start_lr, then the wrapped rate. */
    static Schedule linearWarmup(long warmupSteps, double startLr, double endLr, Schedule after) {
        return s -> s < warmupSteps ? (endLr - startLr) * (double) s / (double) warmupSteps + startLr
                : after.at(s - warmupSteps);
    }

    /** LinearWarmup's pieces: the warmup line (end_lr > start_lr), then the wrapped schedule's from warmup_steps. */
    static Pieces linearWarmupPieces(long warmupSteps, Pieces after) {
        if (!after.known()) {
            return Pieces.UNKNOWN;
        }
        return s -> s < warmupSteps ? warmupSteps : Pieces.plus(warmupSteps, after.next(s - warmupSteps));
    }

    /** How many times a step decay has multiplied by gamma by an epoch. */
    interface DecayCount {
        long at(long epoch);
    }

    /** ExponentialDecay, StepDecay and MultiStepDecay: lr * gamma ** k, the power computed anew at each epoch. */
    static Schedule powerDecay(double lr, double gamma, DecayCount decays) {
        return s -> lr * Libm.pow(gamma, decays.at(s));
    }

    /** MultiStepDecay's decays: the index of the first milestone above the epoch, or all of them. */
    static long milestonesPassed(long[] milestones, long s) {
        for (int i = 0; i < milestones.length; i++) {
            if (s < milestones[i]) {
                return i;
            }
        }
        return milestones.length;
    }

    /** MultiplicativeDecay: lr * lambda(1) * lambda(2) * ... * lambda(epoch), multiplied in that order. */
    static Schedule multiplicative(double lr, Expression lambda) {
        Replay replay = new Replay("paddle.MultiplicativeDecay", new double[] {lr},
                (state, t) -> state[0] = state[0] * lambda.evaluate(t));
        return replay::at;
    }

    /**
     * MultiplicativeDecay's pieces: one when lr_lambda is a constant >= 0 (a running product by one factor on one
     * side of 1: IEEE rounding is monotone and x * 1 == x; the lr is >= 0); unknown for a lambda of the epoch.
     */
    static Pieces multiplicativePieces(Expression lambda) {
        return !lambda.usesVariable() && lambda.evaluate(0) >= 0 ? Pieces.ONE : Pieces.UNKNOWN;
    }

    /**
     * CosineAnnealingDecay stepped with step(): Paddle's recursion on last_lr (the ratio of consecutive cosines, and
     * a fixed rise after each minimum), which drifts from the closed form by rounding.
     */
    static Schedule cosineRecursive(double lr, long tMax, double etaMin) {
        double rise = (lr - etaMin) * (1 - Libm.cos(Math.PI / tMax)) / 2;
        Replay replay = new Replay("paddle.CosineAnnealingDecay", new double[] {lr}, (state, t) -> {
            if (Math.floorMod(t - 1 - tMax, 2 * tMax) == 0) {
                state[0] = state[0] + rise;
            } else {
                state[0] = (1 + Libm.cos(Math.PI * t / tMax)) / (1 + Libm.cos(Math.PI * (t - 1) / tMax))
                        * (state[0] - etaMin) + etaMin;
            }
        });
        return replay::at;
    }

    /** CosineAnnealingDecay's _get_closed_form_lr, used when it is stepped with an explicit epoch. */
    static Schedule cosineClosed(double lr, long tMax, double etaMin) {
        return s -> etaMin + (lr - etaMin) * (1 + Libm.cos(Math.PI * s / tMax)) / 2;
    }

    /** LinearLR: Paddle's recursion last_lr * (1 + delta / (total * start + (epoch - 1) * delta)), frozen after. */
    static Schedule linearLr(double lr, long totalSteps, double startFactor, double endFactor) {
        double base = totalSteps * startFactor;
        double delta = endFactor - startFactor;
        Replay replay = new Replay("paddle.LinearLR", new double[] {lr * startFactor},
                (state, t) -> state[0] = state[0] * (1.0 + delta / (base + (t - 1) * delta)));
        return s -> replay.at(Math.min(s, totalSteps));
    }

    /** LinearLR's pieces: torch's ratios ({@link LinearRatios#oneSided}), then frozen from total_steps. */
    static Pieces linearLrPieces(long totalSteps, double startFactor) {
        return LinearRatios.oneSided(startFactor, totalSteps) ? Pieces.at(totalSteps) : Pieces.UNKNOWN;
    }

    /** CosineAnnealingWarmRestarts' pieces (stepped): a cycle each, on which T_cur / T_i rises in [0, 1). */
    static Pieces restartCycles(long t0, long tMult) {
        Cycles.ExactCycles cycles = new Cycles.ExactCycles(t0, tMult);
        return s -> {
            Cycles.Cycle cycle = cycles.at(s);
            return Pieces.plus(cycle.start(), cycle.length());
        };
    }

    /**
     * CosineAnnealingWarmRestarts stepped with step(): integer T_cur and T_i, T_i multiplied by T_mult at each
     * restart.
     */
    static Schedule restartsStepped(double lr, long t0, long tMult, double etaMin) {
        Cycles.ExactCycles cycles = new Cycles.ExactCycles(t0, tMult);
        return s -> {
            Cycles.Cycle cycle = cycles.at(s);
            return restartsRate(lr, etaMin, s - cycle.start(), cycle.length());
        };
    }

    /**
     * CosineAnnealingWarmRestarts stepped with step(epoch): the cycle from math.log, and with T_mult &gt; 1 a float
     * T_cur = epoch - T_0 * (T_mult^n - 1) / (T_mult - 1).
     */
    static Schedule restartsByEpoch(double lr, long t0, long tMult, double etaMin) {
        return s -> {
            if (s < t0) {
                return restartsRate(lr, etaMin, s, t0);
            }
            if (tMult == 1) {
                return restartsRate(lr, etaMin, s % t0, t0);
            }
            long n = (long) (Libm.log((double) s / t0 * (tMult - 1) + 1) / Libm.log(tMult));
            long tI;
            long done;
            try {
                long power = pow(tMult, n);
                tI = Math.multiplyExact(t0, power);
                done = Math.multiplyExact(t0, power - 1); // Python's exact int T_0 * (T_mult ** n - 1)
            } catch (ArithmeticException e) {
                throw new StepOutOfRangeException(s, "paddle.CosineAnnealingWarmRestarts: T_0 * T_mult ** n leaves "
                        + "64-bit integers at this epoch");
            }
            double tCur = s - (double) done / (double) (tMult - 1);
            return restartsRate(lr, etaMin, tCur, tI);
        };
    }

    private static long pow(long base, long exponent) {
        long p = 1;
        for (long i = 0; i < exponent; i++) {
            p = Math.multiplyExact(p, base);
        }
        return p;
    }

    private static double restartsRate(double lr, double etaMin, double tCur, double tI) {
        return etaMin + (lr - etaMin) * (1 + Libm.cos(Math.PI * tCur / tI)) / 2;
    }

    /**
     * CyclicLR: cycle = 1 + epoch // cycle_size (Python's float floor division), x = 1 + epoch / cycle_size - cycle,
     * base + amplitude * (x / up_pct or (1 - x) / (1 - up_pct)) * scale(cycle or epoch).
     */
    static Schedule cyclic(double baseLr, double maxLr, double up, double down, Scale scale, boolean byCycle) {
        double cycleSize = up + down;
        double upPct = up / cycleSize;
        double amplitude = maxLr - baseLr;
        return s -> {
            double cycle = cycle(s, cycleSize);
            double pct = progress(s, cycleSize, cycle);
            double factor = pct <= upPct ? pct / upPct : (1 - pct) / (1 - upPct);
            return baseLr + amplitude * factor * scale.at(byCycle ? cycle : s);
        };
    }

    private static double cycle(long s, double cycleSize) {
        return 1 + PyFloat.floorDiv(s, cycleSize);
    }

    private static double progress(long s, double cycleSize, double cycle) {
        return 1.0 + s / cycleSize - cycle;
    }

    /**
     * CyclicLR's pieces with a scale of the cycle number: a piece per ramp (the cycle and which side of up_pct the
     * progress is, as Paddle computes them), on which the progress, so the rate, is monotone.
     */
    static Pieces cyclicRamps(double up, double down) {
        double cycleSize = up + down;
        double upPct = up / cycleSize;
        return Pieces.whereChanges(0, s -> {
            double cycle = cycle(s, cycleSize);
            return 2 * cycle + (progress(s, cycleSize, cycle) <= upPct ? 0 : 1);
        });
    }

    /**
     * OneCycleLR: phases ending at (float) steps phase_pct * total - 1, (three_phase: 2 * phase_pct * total - 2,)
     * total - 1, annealing initial -&gt; max (-&gt; initial) -&gt; end_learning_rate; the last phase goes on to
     * row total_steps, and later rows raise. A phase of zero length raises ZeroDivisionError where it is used.
     */
    static Schedule oneCycle(double maxLr, long totalSteps, double divideFactor, double endLr, double phasePct,
                             boolean cosine, boolean threePhase) {
        double initial = maxLr / divideFactor;
        double[] starts;
        double[] ends;
        double[] rates;
        if (threePhase) {
            starts = new double[] {0, phasePct * totalSteps - 1, 2 * phasePct * totalSteps - 2};
            ends = new double[] {phasePct * totalSteps - 1, 2 * phasePct * totalSteps - 2, totalSteps - 1};
            rates = new double[] {initial, maxLr, initial, endLr};
        } else {
            starts = new double[] {0, phasePct * totalSteps - 1};
            ends = new double[] {phasePct * totalSteps - 1, totalSteps - 1};
            rates = new double[] {initial, maxLr, endLr};
        }
        return s -> {
            if (s > totalSteps) {
                throw new StepOutOfRangeException(totalSteps + 1, "paddle.OneCycleLR raises at step "
                        + (totalSteps + 1) + ": ValueError: Tried to step " + s + " times. However the number of "
                        + "total steps is " + totalSteps);
            }
            int last = starts.length - 1;
            int i = 0;
            while (i < last && !(s <= ends[i])) {
                i++;
            }
            double size = ends[i] - starts[i];
            if (size == 0) {
                long first = firstRowOfPhase(starts, ends, i);
                throw new StepOutOfRangeException(first, "paddle.OneCycleLR raises at step " + first
                        + ": ZeroDivisionError: float division by zero (phase " + (i + 1) + " has no length)");
            }
            double pct = (s - starts[i]) / size;
            double start = rates[i];
            double end = rates[i + 1];
            return cosine ? end + (start - end) / 2.0 * (Libm.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
        };
    }

    /** The first row a phase is used for (every earlier phase ends before it). */
    private static long firstRowOfPhase(double[] starts, double[] ends, int phase) {
        double previous = -1;
        for (int i = 0; i < phase; i++) {
            previous = Math.max(previous, ends[i]);
        }
        return (long) Math.floor(previous) + 1;
    }

    /** CyclicLR's scale function of the cycle number or the iteration. */
    interface Scale {
        double at(double x);
    }
}

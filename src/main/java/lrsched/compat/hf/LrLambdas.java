package lrsched.compat.hf;

import java.util.function.LongToDoubleFunction;

import lrsched.core.Libm;
import lrsched.core.StepOutOfRangeException;

/**
 * The {@code lr_lambda} functions that transformers' and diffusers' get_*_schedule helpers hand to PyTorch's
 * LambdaLR: the multiplier {@code lambda(step)}, so that the learning rate of update {@code step} is
 * {@code lr * lambda(step)}. Written from the formulas of transformers' src/transformers/optimization.py (its
 * {@code _get_*_lr_lambda} functions) and diffusers' src/diffusers/optimization.py; the floating-point operations
 * keep the libraries' order where a different order could move a value across a cliff ({@code >= 1.0} tests,
 * {@code % 1.0} at restart boundaries).
 */
final class LrLambdas {
    private LrLambdas() {}

    /** The linear warmup most of them share: t / max(1, W), so 0 at step 0 and never 1 inside the warmup. */
    static double ramp(long step, long warmup) {
        return (double) step / Math.max(1, warmup);
    }

    /** Elapsed fraction of the decay: (t - W) / max(1, N - W); exceeds 1 after num_training_steps. */
    static double progress(long step, long warmup, long total) {
        return (double) (step - warmup) / Math.max(1, total - warmup);
    }

    /** 0.5 * (1 + cos(2 pi cycles p)): the unclamped HF cosine wave, periodic in p. */
    static double wave(double progress, double cycles) {
        return 0.5 * (1.0 + Libm.cos(Math.PI * cycles * 2.0 * progress));
    }

    /** Python's {@code x % 1.0}: the remainder takes the divisor's sign, so the result is in [0, 1]. */
    static double pythonModOne(double x) {
        double r = x % 1.0;
        return r < 0 ? r + 1.0 : r;
    }

    static LongToDoubleFunction constantWithWarmup(long warmup) {
        return t -> t < warmup ? ramp(t, warmup) : 1.0;
    }

    static LongToDoubleFunction linear(long warmup, long total) {
        return t -> t < warmup ? ramp(t, warmup)
                : Math.max(0.0, (double) (total - t) / Math.max(1, total - warmup));
    }

    /** transformers' cosine and cosine_with_min_lr (floor 0 for plain cosine); periodic past the end. */
    static LongToDoubleFunction cosine(long warmup, long total, double cycles, double floorRate) {
        return t -> {
            if (t < warmup) {
                return ramp(t, warmup);
            }
            double factor = wave(progress(t, warmup, total), cycles);
            return Math.max(0.0, factor * (1 - floorRate) + floorRate);
        };
    }

    /** Equal hard restarts; 0 from num_training_steps on. */
    static LongToDoubleFunction cosineWithRestarts(long warmup, long total, double cycles) {
        return t -> {
            if (t < warmup) {
                return ramp(t, warmup);
            }
            double p = progress(t, warmup, total);
            if (p >= 1.0) {
                return 0.0;
            }
            return Math.max(0.0, 0.5 * (1.0 + Libm.cos(Math.PI * pythonModOne(cycles * p))));
        };
    }

    /**
     * Polynomial decay from lr to the absolute lr_end (divided by lr because LambdaLR multiplies by lr). The
     * library fails at step N when N == W (0 / 0) or power < 0 (0.0 ** negative), and from step W on when lr is 0
     * (possible with a negative lr_end). A training loop never gets past the failing step, so every step from it
     * on is refused.
     */
    static LongToDoubleFunction polynomial(long warmup, long total, double lr, double lrEnd, double power) {
        long failsFrom;
        String failure;
        if (lr == 0) {
            failsFrom = warmup;
            failure = "float division by zero";
        } else if (total >= warmup && (total == warmup || power < 0)) {
            failsFrom = total;
            failure = total == warmup ? "division by zero" : "0.0 cannot be raised to a negative power";
        } else {
            failsFrom = Long.MAX_VALUE;
            failure = null;
        }
        return t -> {
            if (t < warmup) {
                return ramp(t, warmup);
            }
            if (failure != null && t >= failsFrom) {
                throw new StepOutOfRangeException(failsFrom, failure); // the first refused step, for messages
            }
            if (t > total) {
                return lrEnd / lr;
            }
            double remaining = 1 - (double) (t - warmup) / (total - warmup);
            return ((lr - lrEnd) * Libm.pow(remaining, power) + lrEnd) / lr;
        };
    }

    /** Warmup, then 1 / sqrt((t + timescale - W) / timescale): 1 at step W. */
    static LongToDoubleFunction inverseSqrt(long warmup, long timescale) {
        long shift = timescale - warmup;
        return t -> t < warmup ? ramp(t, warmup) : 1.0 / Math.sqrt(((double) t + shift) / timescale);
    }

    /**
     * transformers' cosine_warmup_with_min_lr: warmup (t + 1) / W (or from warmupRate to 1 over W - 1 steps),
     * cosine progress (t - W + 1) / (N - W), so the peak is at W - 1 and the floor at N - 1; periodic past that.
     *
     * @param warmupRate the warmup_lr_rate, or NaN when it is not given
     */
    static LongToDoubleFunction cosineWarmupWithMinLr(long warmup, long total, double cycles, double floorRate,
                                                      double warmupRate) {
        double w = warmup;
        double n = total;
        return step -> {
            double t = step;
            if (t < w) {
                if (Double.isNaN(warmupRate)) {
                    return (t + 1.0) / Math.max(1.0, w);
                }
                return warmupRate + (1.0 - warmupRate) * t / Math.max(1, w - 1);
            }
            double p = (t - w + 1.0) / Math.max(1.0, n - w);
            return Math.max(0.0, wave(p, cycles) * (1 - floorRate) + floorRate);
        };
    }

    /** Shapes of the warmup_stable_decay phases, by the library's names. */
    enum Shape {
        LINEAR("linear"), COSINE("cosine"), ONE_MINUS_SQRT("1-sqrt");

        final String label;

        Shape(String label) {
            this.label = label;
        }

        static Shape of(String label) {
            for (Shape s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(label);
        }
    }

    /**
     * warmup_stable_decay: warmup from min_lr_ratio to 1, hold 1, decay to min_lr_ratio, then the bare
     * min_lr_ratio (unclamped, unlike the phases, which are clamped at 0).
     */
    static LongToDoubleFunction warmupStableDecay(long warmup, long stable, long decay, Shape warmupShape,
                                                  Shape decayShape, double floor, double cycles) {
        return t -> {
            if (t < warmup) {
                double p = (double) t / Math.max(1, warmup);
                double f;
                switch (warmupShape) {
                    case COSINE:
                        f = 0.5 * (1.0 - Libm.cos(Math.PI * p));
                        break;
                    case ONE_MINUS_SQRT:
                        f = 1.0 - Math.sqrt(1.0 - p);
                        break;
                    default:
                        f = p;
                }
                return Math.max(0.0, f * (1.0 - floor) + floor);
            }
            if (t < warmup + stable) {
                return 1.0;
            }
            if (t < warmup + stable + decay) {
                double p = (double) (t - warmup - stable) / Math.max(1, decay);
                double f;
                switch (decayShape) {
                    case LINEAR:
                        f = 1.0 - p;
                        break;
                    case ONE_MINUS_SQRT:
                        f = 1.0 - Math.sqrt(p);
                        break;
                    default:
                        f = wave(p, cycles);
                }
                return Math.max(0.0, f * (1.0 - floor) + floor);
            }
            return floor;
        };
    }
}

package lrsched.compat.megatron;

import static lrsched.compat.megatron.MegatronTypes.GLOBAL_BATCH_SIZE;
import static lrsched.compat.megatron.MegatronTypes.LR;
import static lrsched.compat.megatron.MegatronTypes.LR_DECAY_ITERS;
import static lrsched.compat.megatron.MegatronTypes.LR_DECAY_SAMPLES;
import static lrsched.compat.megatron.MegatronTypes.LR_DECAY_STYLE;
import static lrsched.compat.megatron.MegatronTypes.LR_WARMUP_FRACTION;
import static lrsched.compat.megatron.MegatronTypes.LR_WARMUP_INIT;
import static lrsched.compat.megatron.MegatronTypes.LR_WARMUP_ITERS;
import static lrsched.compat.megatron.MegatronTypes.LR_WARMUP_SAMPLES;
import static lrsched.compat.megatron.MegatronTypes.LR_WSD_DECAY_ITERS;
import static lrsched.compat.megatron.MegatronTypes.LR_WSD_DECAY_SAMPLES;
import static lrsched.compat.megatron.MegatronTypes.LR_WSD_DECAY_STYLE;
import static lrsched.compat.megatron.MegatronTypes.MIN_LR;
import static lrsched.compat.megatron.MegatronTypes.TRAIN_ITERS;
import static lrsched.compat.megatron.MegatronTypes.TRAIN_SAMPLES;
import static lrsched.compat.megatron.MegatronTypes.check;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Libm;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Param;

/**
 * The arguments Megatron's {@code get_optimizer_param_scheduler} hands to {@code OptimizerParamScheduler}, in
 * samples, and the scheduler's {@code get_lr} as a function of the row.
 *
 * <p>Arithmetic follows Megatron's float64 Python operation by operation: lengths are Python ints (exact here as
 * longs and, below 2^53, as doubles) except a fractional warmup, which is a float; the warmup test compares the
 * sample count with it exactly, as Python compares an int with a float.
 *
 * @param initLr      lr_warmup_init
 * @param maxLr       lr
 * @param minLr       min_lr
 * @param warmup      lr_warmup_steps in samples (a float when it came from lr_warmup_fraction)
 * @param decay       lr_decay_steps in samples
 * @param style       lr_decay_style
 * @param wsdDecay    wsd_decay_steps in samples, if any
 * @param wsdStyle    lr_wsd_decay_style
 * @param batch       the scheduler's increment per iteration (global_batch_size)
 * @param iterations  the run's iterations (train_iters, or train_samples // global_batch_size)
 */
record SchedulerArguments(double initLr, double maxLr, double minLr, double warmup, long decay, String style,
                          OptionalLong wsdDecay, String wsdStyle, long batch, long iterations) {

    /** Float64 counts samples exactly below this; Megatron's Python ints do beyond it, lrsched refuses. */
    private static final long EXACT = 1L << 53;
    /** The decay styles get_lr() handles before WSD's (the last, default, branch). */
    private static final List<String> NOT_WSD = List.of("constant", "inverse-square-root", "linear", "cosine");

    /** Megatron's derivation with its checks, in its order: validate_args, get_optimizer_param_scheduler, the
     * scheduler's constructor. */
    static SchedulerArguments of(Args a) {
        long batch = a.integer(GLOBAL_BATCH_SIZE);
        boolean fraction = a.has(LR_WARMUP_FRACTION);
        double lr = a.real(LR), minLr = a.real(MIN_LR), init = a.real(LR_WARMUP_INIT);
        if (a.has(TRAIN_ITERS)) {
            check(a, !a.has(TRAIN_SAMPLES), TRAIN_SAMPLES, "expected iteration-based training (train_iters and "
                    + "train_samples are both set)");
            check(a, !a.has(LR_DECAY_SAMPLES), LR_DECAY_SAMPLES, "expected iteration-based learning rate decay "
                    + "(lr_decay_samples is set in a run of train_iters)");
            check(a, a.integer(LR_WARMUP_SAMPLES) == 0, LR_WARMUP_SAMPLES, "expected iteration-based learning rate "
                    + "warmup (lr_warmup_samples is set in a run of train_iters)");
            check(a, !fraction || a.integer(LR_WARMUP_ITERS) == 0, LR_WARMUP_FRACTION,
                    "can only specify one of lr-warmup-fraction and lr-warmup-iters");
        } else if (a.has(TRAIN_SAMPLES)) {
            check(a, !a.has(LR_DECAY_ITERS), LR_DECAY_ITERS, "expected sample-based learning rate decay "
                    + "(lr_decay_iters is set in a run of train_samples)");
            check(a, a.integer(LR_WARMUP_ITERS) == 0, LR_WARMUP_ITERS, "expected sample-based learnig rate warmup "
                    + "(sic; lr_warmup_iters is set in a run of train_samples)");
            check(a, !fraction || a.integer(LR_WARMUP_SAMPLES) == 0, LR_WARMUP_FRACTION,
                    "can only specify one of lr-warmup-fraction and lr-warmup-samples");
        }
        a.check(minLr <= lr, MIN_LR, () -> "AssertionError (assert args.min_lr <= args.lr): min_lr " + shown(minLr)
                + " is above lr " + shown(lr));
        a.check(a.has(TRAIN_ITERS) || a.has(TRAIN_SAMPLES), TRAIN_ITERS,
                () -> "Exception: either train-iters or train-samples should be provided.");
        long decay, iterations;
        double warmup;
        OptionalLong wsd;
        if (a.has(TRAIN_ITERS)) {
            iterations = a.integer(TRAIN_ITERS);
            long decayIters = a.has(LR_DECAY_ITERS) ? a.integer(LR_DECAY_ITERS) : iterations;
            decay = samples(a, decayIters, batch, LR_DECAY_ITERS);
            warmup = fraction ? a.real(LR_WARMUP_FRACTION) * decay
                    : samples(a, a.integer(LR_WARMUP_ITERS), batch, LR_WARMUP_ITERS);
            wsd = a.has(LR_WSD_DECAY_ITERS)
                    ? OptionalLong.of(samples(a, a.integer(LR_WSD_DECAY_ITERS), batch, LR_WSD_DECAY_ITERS))
                    : OptionalLong.empty();
        } else {
            long trainSamples = a.integer(TRAIN_SAMPLES);
            iterations = trainSamples / batch;
            decay = a.has(LR_DECAY_SAMPLES) ? a.integer(LR_DECAY_SAMPLES) : trainSamples;
            warmup = fraction ? a.real(LR_WARMUP_FRACTION) * decay : a.integer(LR_WARMUP_SAMPLES);
            wsd = a.has(LR_WSD_DECAY_SAMPLES) ? OptionalLong.of(a.integer(LR_WSD_DECAY_SAMPLES))
                    : OptionalLong.empty();
        }
        a.check(minLr >= 0, MIN_LR, () -> "AssertionError (assert self.min_lr >= 0.0): min_lr is " + shown(minLr));
        a.check(init <= lr, LR_WARMUP_INIT, () -> "AssertionError (assert self.init_lr <= self.max_lr): "
                + "lr_warmup_init " + shown(init) + " is above lr " + shown(lr));
        Param decayParam = a.has(TRAIN_ITERS) ? LR_DECAY_ITERS : LR_DECAY_SAMPLES;
        a.check(decay > 0, decayParam, () -> "AssertionError (assert self.lr_decay_steps > 0): lr_decay_steps is "
                + decay + " samples");
        a.check(decay < EXACT, decayParam, () -> "lr_decay_steps is " + decay + " samples, beyond 2^53 where "
                + "float64 no longer counts samples exactly; lrsched refuses it");
        Param warmupParam = fraction ? LR_WARMUP_FRACTION : a.has(TRAIN_ITERS) ? LR_WARMUP_ITERS : LR_WARMUP_SAMPLES;
        a.check(warmup < decay, warmupParam, () -> "AssertionError (assert self.lr_warmup_steps < "
                + "self.lr_decay_steps): the warmup is " + shown(warmup) + " samples, the decay " + decay);
        String style = a.choice(LR_DECAY_STYLE);
        Param wsdParam = a.has(TRAIN_ITERS) ? LR_WSD_DECAY_ITERS : LR_WSD_DECAY_SAMPLES;
        a.check(!style.equals("WSD") || wsd.isPresent(), wsdParam, () -> "AssertionError (assert "
                + "self.wsd_decay_steps is not None): WSD needs " + wsdParam.name() + " in a run of "
                + (a.has(TRAIN_ITERS) ? "train_iters" : "train_samples"));
        return new SchedulerArguments(init, lr, minLr, warmup, decay, style, wsd, a.choice(LR_WSD_DECAY_STYLE), batch,
                iterations);
    }

    /** {@code iters * global_batch_size}, as Megatron's Python ints compute it (refused where a long overflows). */
    private static long samples(Args a, long iters, long batch, Param p) {
        try {
            return Math.multiplyExact(iters, batch);
        } catch (ArithmeticException e) {
            throw a.error(p, iters + " iterations of " + batch + " samples overflow 64 bits; lrsched refuses it");
        }
    }

    Schedule schedule() {
        Schedule s = this::lr;
        s = s.withNominalEnd(iterations).withPieces(Pieces.whereChanges(0, this::phase));
        // the first row at the peak: n = s * B reaches the warmup's end W
        return warmup > 0 ? s.withWarmupEnd((long) Math.ceil(warmup / batch)) : s;
    }

    /**
     * Which branch of get_lr() row {@code row} takes: 0 the warmup, 1 the decay (or constant), 2 WSD's anneal, 3 past
     * lr_decay_steps. It never falls as the row grows, and within each branch the lr is monotone in the row.
     */
    private int phase(long row) {
        if (row > decay / batch) {
            return 3;
        }
        long n = row * batch;
        if (warmup > 0 && n <= warmup) {
            return 0;
        }
        return !NOT_WSD.contains(style) && n > decay - wsdDecay.getAsLong() ? 2 : 1;
    }

    /** get_lr() at num_steps = row * global_batch_size. */
    double lr(long row) {
        if (row > decay / batch) { // n > lr_decay_steps (also where row * batch would overflow)
            return style.equals("constant") ? maxLr : minLr;
        }
        long n = row * batch;
        if (warmup > 0 && n <= warmup) {
            return initLr + (maxLr - initLr) * (double) n / warmup;
        }
        switch (style) {
            case "constant":
                return maxLr;
            case "inverse-square-root": {
                double lr = maxLr * Math.sqrt(Math.max(warmup, 1)) / Math.sqrt(Math.max(n, 1));
                return Math.max(minLr, lr);
            }
            default:
                break;
        }
        double ratio = (n - warmup) / (decay - warmup);
        double coeff;
        switch (style) {
            case "linear":
                coeff = 1.0 - ratio;
                break;
            case "cosine":
                coeff = 0.5 * (Libm.cos(Math.PI * ratio) + 1.0);
                break;
            default:
                coeff = wsd(n);
        }
        return minLr + coeff * (maxLr - minLr);
    }

    private double wsd(long n) {
        long steps = wsdDecay.getAsLong(), annealStart = decay - steps;
        if (n <= annealStart) {
            return 1.0;
        }
        double q = (double) (n - annealStart) / steps;
        switch (wsdStyle) {
            case "linear":
                return 1.0 - q;
            case "cosine":
                return 0.5 * (Libm.cos(Math.PI * q) + 1.0);
            case "minus_sqrt":
                return 1.0 - Math.sqrt(q);
            default:
                return 2.0 * Libm.pow(0.5, q) - 1.0;
        }
    }

    private static String shown(double v) {
        return lrsched.core.DoubleFormat.format(v);
    }
}

package lrsched.compat.megatron;

import java.util.List;

import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * Megatron-LM's {@code OptimizerParamScheduler} (megatron/core/optimizer_param_scheduler.py), built from the
 * training arguments under their own names ({@code --lr-warmup-iters} is {@code lr_warmup_iters}) exactly as
 * {@code get_optimizer_param_scheduler} (megatron/training/training.py) builds it.
 *
 * <p>Index convention: the constructor calls {@code step(0)}; after every applied optimizer update the training loop
 * calls {@code step(increment)} with increment = the global batch size. Megatron counts samples: row s is
 * {@code get_lr()} at {@code num_steps = s * global_batch_size}, with the warmup and decay lengths in samples
 * (iterations times the global batch size when the run is iteration-based). See src/docs/compat/megatron.md.
 */
public final class MegatronTypes implements Catalog {
    static final Param LR = Param.real("lr", "--lr: the peak learning rate (max_lr)");
    static final Param MIN_LR = Param.real("min_lr", "--min-lr: the LR after the decay").defaultsTo(0.0);
    static final Param LR_WARMUP_INIT = Param.real("lr_warmup_init", "--lr-warmup-init: the LR the warmup starts "
            + "from").defaultsTo(0.0);
    static final Param LR_WARMUP_ITERS = Param.integer("lr_warmup_iters", "--lr-warmup-iters: warmup iterations")
            .defaultsTo(0);
    static final Param LR_WARMUP_SAMPLES = Param.integer("lr_warmup_samples", "--lr-warmup-samples: warmup samples "
            + "(sample-based runs)").defaultsTo(0);
    static final Param LR_WARMUP_FRACTION = Param.real("lr_warmup_fraction", "--lr-warmup-fraction: warmup as a "
            + "fraction of the decay samples").optional();
    static final Param LR_DECAY_STYLE = Param.choice("lr_decay_style", "--lr-decay-style",
            "constant", "linear", "cosine", "inverse-square-root", "WSD").defaultsTo("linear");
    static final Param LR_DECAY_ITERS = Param.integer("lr_decay_iters", "--lr-decay-iters: iterations to decay over")
            .defaultsToComputed("train_iters");
    static final Param LR_DECAY_SAMPLES = Param.integer("lr_decay_samples", "--lr-decay-samples: samples to decay "
            + "over (sample-based runs)").defaultsToComputed("train_samples");
    static final Param LR_WSD_DECAY_STYLE = Param.choice("lr_wsd_decay_style", "--lr-wsd-decay-style: the anneal "
            + "of WSD", "exponential", "linear", "cosine", "minus_sqrt").defaultsTo("exponential");
    static final Param LR_WSD_DECAY_ITERS = Param.integer("lr_wsd_decay_iters", "--lr-wsd-decay-iters: iterations "
            + "of the WSD anneal, at the end of the decay").optional();
    static final Param LR_WSD_DECAY_SAMPLES = Param.integer("lr_wsd_decay_samples", "--lr-wsd-decay-samples: "
            + "samples of the WSD anneal (sample-based runs)").optional();
    static final Param TRAIN_ITERS = Param.integer("train_iters", "--train-iters: an iteration-based run's length")
            .optional().positive();
    static final Param TRAIN_SAMPLES = Param.integer("train_samples", "--train-samples: a sample-based run's "
            + "length").optional().positive();
    static final Param GLOBAL_BATCH_SIZE = Param.integer("global_batch_size", "--global-batch-size: samples per "
            + "iteration, the scheduler's increment").positive();

    static final List<Param> PARAMS = List.of(LR, MIN_LR, LR_WARMUP_INIT, LR_WARMUP_ITERS, LR_WARMUP_SAMPLES,
            LR_WARMUP_FRACTION, LR_DECAY_STYLE, LR_DECAY_ITERS, LR_DECAY_SAMPLES, LR_WSD_DECAY_STYLE,
            LR_WSD_DECAY_ITERS, LR_WSD_DECAY_SAMPLES, TRAIN_ITERS, TRAIN_SAMPLES, GLOBAL_BATCH_SIZE);

    @Override
    public List<TypeDef> types() {
        return List.of(TypeDef.builder("megatron.OptimizerParamScheduler",
                        "Megatron-LM's scheduler from its training arguments (warmup, then linear, cosine, "
                                + "inverse-square-root, WSD or constant), counted in samples")
                .formula("B = global_batch_size; n = s * B (samples, the scheduler's num_steps at row s)\n"
                        + "D = lr_decay_iters * B (or lr_decay_samples); W = lr_warmup_iters * B (or "
                        + "lr_warmup_samples, or lr_warmup_fraction * D)\n"
                        + "W > 0 and n <= W: lr_warmup_init + (lr - lr_warmup_init) * n / W\n"
                        + "constant: lr;  n > D: min_lr\n"
                        + "inverse-square-root: max(min_lr, lr * sqrt(max(W, 1)) / sqrt(max(n, 1)))\n"
                        + "else r = (n - W) / (D - W); min_lr + c * (lr - min_lr), c = 1 - r (linear), "
                        + "(cos(pi r) + 1) / 2 (cosine)\n"
                        + "WSD: A = D - lr_wsd_decay_iters * B (or lr_wsd_decay_samples); n <= A: c = 1; else "
                        + "q = (n - A) / (D - A),\n"
                        + "  c = 2 * 0.5^q - 1 (exponential), 1 - q (linear), (cos(pi q) + 1) / 2 (cosine), "
                        + "1 - sqrt(q) (minus_sqrt)")
                .notes("Row s is the LR of iteration s: the constructor calls step(0) and the training loop calls "
                        + "step(global_batch_size) after each applied update. A run is iteration-based (train_iters; "
                        + "lengths in iterations, multiplied by global_batch_size) or sample-based (train_samples; "
                        + "lengths in samples). The warmup's last row (n = W) is exactly lr; constant ignores min_lr "
                        + "and the decay end; inverse-square-root drops to min_lr after D. lr_wsd_decay_samples is "
                        + "ignored in an iteration-based run and lr_wsd_decay_iters in a sample-based one, as in "
                        + "Megatron. Megatron's asserts are refused with their reason. Assumes a constant global "
                        + "batch size (no --rampup-batch-size) and no skipped iterations.")
                .params(PARAMS)
                .build(a -> SchedulerArguments.of(a).schedule()));
    }

    /** Megatron's assert, refused at {@code p}: "AssertionError: REASON (CONDITION)". */
    static void check(Args a, boolean ok, Param p, String reason) {
        a.check(ok, p, () -> "AssertionError: " + reason);
    }
}

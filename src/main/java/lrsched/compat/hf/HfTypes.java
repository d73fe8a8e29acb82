package lrsched.compat.hf;

import static lrsched.compat.hf.LambdaLrTypes.CYCLES;
import static lrsched.compat.hf.LambdaLrTypes.LR;
import static lrsched.compat.hf.LambdaLrTypes.PROGRESS_FORMULA;
import static lrsched.compat.hf.LambdaLrTypes.TRAINING;
import static lrsched.compat.hf.LambdaLrTypes.TRAINING_IGNORED;
import static lrsched.compat.hf.LambdaLrTypes.WARMUP;
import static lrsched.compat.hf.LambdaLrTypes.WARMUP_FORMULA;
import static lrsched.compat.hf.LambdaLrTypes.warmedUp;

import java.util.ArrayList;
import java.util.List;

import lrsched.compat.torch.Plateau;
import lrsched.core.Pieces;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;
import lrsched.schedule.Rows;

/**
 * Hugging Face transformers' schedules, by their get_scheduler names (Trainer's {@code lr_scheduler_type}), with
 * the keyword arguments of the get_*_schedule functions flat beside them. Source:
 * huggingface/transformers src/transformers/optimization.py.
 */
public final class HfTypes implements Catalog {
    private static final Param MIN_LR = Param.real("min_lr", "absolute floor of the cosine (give this or min_lr_rate)")
            .optional();
    private static final Param MIN_LR_RATE = Param.real("min_lr_rate",
            "floor of the cosine as a fraction of lr (give this or min_lr)").optional();
    private static final Param TIMESCALE = Param.integer("timescale",
            "time scale: after warmup lambda = 1 / sqrt(1 + (t - W) / timescale)")
            .defaultsToComputed("W (10000 if W=0)").positive();
    private static final Param WARMUP_LR_RATE = Param.real("warmup_lr_rate", "lr fraction at step 0 (default: 1/W)")
            .optional();
    private static final Param NUM_DECAY_STEPS = Param.integer("num_decay_steps", "length D of the decay phase")
            .nonNegative();
    private static final Param NUM_STABLE_STEPS = Param.integer("num_stable_steps",
            "length S of the stable phase (overrides num_training_steps)").optional().nonNegative();
    private static final Param WARMUP_TYPE = Param.choice("warmup_type", "warmup shape", "linear", "cosine", "1-sqrt");
    private static final Param DECAY_TYPE = Param.choice("decay_type", "decay shape", "cosine", "linear", "1-sqrt");
    private static final Param MIN_LR_RATIO = Param.real("min_lr_ratio",
            "floor as a fraction of lr (also the warmup start)").defaultsTo(0);
    private static final String MIN_LR_NOTE = "Exactly one of min_lr / min_lr_rate must be given (min_lr is "
            + "divided by lr). The floor is not checked: min_lr_rate > 1 runs the cosine upwards, a negative one "
            + "is clamped at 0.";

    @Override
    public List<TypeDef> types() {
        List<TypeDef> all = new ArrayList<>(LambdaLrTypes.common(LambdaLrTypes.Library.TRANSFORMERS));

        all.add(TypeDef.builder("hf.inverse_sqrt", "linear warmup from 0, then 1/sqrt decay")
                .formula(WARMUP_FORMULA + "t >= W:  lambda = 1 / sqrt((t + timescale - W) / timescale)")
                .notes("lambda is 1 at step W. transformers' get_scheduler passes only num_warmup_steps to this "
                        + "schedule: a timescale in lr_scheduler_kwargs is silently dropped, so under Trainer the "
                        + "default applies. lrsched honours timescale as get_inverse_sqrt_schedule does, and "
                        + "requires it > 0 (the library would divide by zero or take the root of a negative number).")
                .params(LR, WARMUP, TIMESCALE, TRAINING_IGNORED)
                .build(a -> {
                    long warmup = a.integer(WARMUP);
                    long timescale = a.has(TIMESCALE) ? a.integer(TIMESCALE) : warmup != 0 ? warmup : 10_000;
                    // the ramp, then 1 / sqrt of a rising argument
                    return warmedUp(a, LrLambdas.inverseSqrt(warmup, timescale)).withPieces(Pieces.at(warmup));
                }));

        all.add(TypeDef.builder("hf.cosine_with_min_lr", "linear warmup from 0, then a cosine down to a floor")
                .formula("r = min_lr_rate, or min_lr / lr\n" + WARMUP_FORMULA + "t >= W:  " + PROGRESS_FORMULA
                        + "         lambda = max(0, 0.5 * (1 + cos(2 pi num_cycles p)) * (1 - r) + r)")
                .notes(MIN_LR_NOTE + " Not clamped in time: past num_training_steps the cosine rises again, like "
                        + "hf.cosine (which is this schedule with r = 0).")
                .params(LR, WARMUP, TRAINING, CYCLES, MIN_LR, MIN_LR_RATE)
                .build(a -> warmedUp(a, LrLambdas.cosine(a.integer(WARMUP), a.integer(TRAINING), a.real(CYCLES),
                        floorRate(a))).withPieces(LambdaLrTypes.cosineTurns(a)))); // hf.cosine's, scaled by 1 - r

        all.add(TypeDef.builder("hf.cosine_warmup_with_min_lr",
                        "warmup reaching lr at W-1, then a cosine reaching its floor at N-1")
                .formula("r = min_lr_rate, or min_lr / lr\n"
                        + "t < W:  lambda = (t + 1) / max(1, W)                              (no warmup_lr_rate)\n"
                        + "        lambda = warmup_lr_rate + (1 - warmup_lr_rate) * t / max(1, W - 1)\n"
                        + "t >= W: p = (t - W + 1) / max(1, N - W)\n"
                        + "        lambda = max(0, 0.5 * (1 + cos(2 pi num_cycles p)) * (1 - r) + r)")
                .notes("One step ahead of hf.cosine_with_min_lr: step 0 is already lr/W (or warmup_lr_rate*lr), "
                        + "the peak is at step W-1, and step W is one step into the cosine; the floor is reached "
                        + "at step N-1 and the cosine rises again after it. " + MIN_LR_NOTE)
                .params(LR, WARMUP, TRAINING, CYCLES, MIN_LR, MIN_LR_RATE, WARMUP_LR_RATE)
                .build(a -> warmedUp(a, LrLambdas.cosineWarmupWithMinLr(a.integer(WARMUP), a.integer(TRAINING),
                        a.real(CYCLES), floorRate(a), a.has(WARMUP_LR_RATE) ? a.real(WARMUP_LR_RATE) : Double.NaN))
                        .withPieces(warmupCosineTurns(a))));

        all.add(TypeDef.builder("hf.warmup_stable_decay",
                        "warmup from min_lr_ratio*lr, hold lr, decay to min_lr_ratio*lr, then hold that")
                .formula("S = num_stable_steps, or N - W - num_decay_steps; D = num_decay_steps; m = min_lr_ratio\n"
                        + "t < W:          x = t / max(1, W); f = x | (1 - cos(pi x)) / 2 | 1 - sqrt(1 - x)"
                        + "   (warmup_type linear | cosine | 1-sqrt)\n"
                        + "                lambda = max(0, f * (1 - m) + m)\n"
                        + "W <= t < W+S:   lambda = 1\n"
                        + "W+S <= t < W+S+D: x = (t - W - S) / max(1, D); f = 1 - x | 0.5 * (1 + cos(2 pi "
                        + "num_cycles x)) | 1 - sqrt(x)   (decay_type)\n"
                        + "                lambda = max(0, f * (1 - m) + m)\n"
                        + "t >= W+S+D:     lambda = m")
                .notes("The warmup starts at min_lr_ratio*lr, not 0. num_stable_steps wins when both it and "
                        + "num_training_steps are given (the library only warns). When N < W + D the computed "
                        + "stable phase is negative and the decay starts part-way. After the decay the bare "
                        + "min_lr_ratio is returned, unclamped (a negative ratio gives a negative lr there, while "
                        + "the phases are clamped at 0). Under Trainer, num_decay_steps and num_stable_steps come "
                        + "from lr_scheduler_kwargs.")
                .params(LR, WARMUP,
                        NUM_DECAY_STEPS,
                        TRAINING.describedAs("total steps N; the stable phase is N - W - D (give this or "
                                + "num_stable_steps)").optional(),
                        NUM_STABLE_STEPS, WARMUP_TYPE, DECAY_TYPE, MIN_LR_RATIO, CYCLES)
                .build(a -> {
                    long warmup = a.integer(WARMUP);
                    long decay = a.integer(NUM_DECAY_STEPS);
                    if (!a.has(TRAINING) && !a.has(NUM_STABLE_STEPS)) {
                        throw a.error(NUM_STABLE_STEPS,
                                "Either num_training_steps or num_stable_steps must be specified.");
                    }
                    long stable = a.has(NUM_STABLE_STEPS) ? a.integer(NUM_STABLE_STEPS)
                            : a.integer(TRAINING) - warmup - decay;
                    LrLambdas.Shape decayShape = LrLambdas.Shape.of(a.choice(DECAY_TYPE));
                    // warmup, hold, decay, floor: each monotone, except that a cosine decay of num_cycles turns
                    // every max(1, D) / (2 num_cycles) steps
                    Pieces phases = Pieces.at(warmup, warmup + stable, warmup + stable + decay);
                    Pieces pieces = decayShape != LrLambdas.Shape.COSINE ? phases : phases.and(Pieces.turns(
                            warmup + stable, Math.max(1, decay) / (2 * Math.abs(a.real(CYCLES)))));
                    return warmedUp(a, LrLambdas.warmupStableDecay(warmup, stable, decay,
                            LrLambdas.Shape.of(a.choice(WARMUP_TYPE)), decayShape, a.real(MIN_LR_RATIO),
                            a.real(CYCLES))).withPieces(pieces);
                }));

        all.add(TypeDef.builder("hf.reduce_lr_on_plateau", "torch's ReduceLROnPlateau on a recorded metric: "
                        + "one value per evaluation")
                .formula(Plateau.FORMULA)
                .notes("get_scheduler returns torch's ReduceLROnPlateau(optimizer, **lr_scheduler_kwargs): "
                        + "num_warmup_steps and num_training_steps are dropped (no warmup). The Trainer steps it "
                        + "after each evaluation with metrics['eval_' + metric_for_best_model] (eval_loss by default)"
                        + ", and never per update. " + Plateau.TRACE_NOTE + " With eval_strategy epoch use stepping: "
                        + "epoch and steps_per_epoch; with eval_strategy steps, steps_per_epoch: eval_steps.")
                .params(LR.describedAs("the optimizer's learning rate (row 0)"))
                .params(TRAINING_IGNORED.renamed(WARMUP.name(), "ignored: get_scheduler does not pass it to "
                        + "ReduceLROnPlateau"), TRAINING_IGNORED)
                .params(Plateau.ARGS)
                .build(a -> Rows.of(Plateau.rows(a.real(LR), a.trace(Plateau.METRICS),
                        Plateau.settings(a)))));
        return all;
    }

    /** The cosine floor as a fraction of lr, checked as get_cosine_with_min_lr_schedule_with_warmup does. */
    private static double floorRate(Args a) {
        boolean absolute = a.has(MIN_LR);
        boolean relative = a.has(MIN_LR_RATE);
        if (absolute && relative) {
            throw a.error(MIN_LR, "Only one of min_lr or min_lr_rate should be set");
        }
        if (relative) {
            return a.real(MIN_LR_RATE);
        }
        if (!absolute) {
            throw a.error(MIN_LR_RATE, "One of min_lr or min_lr_rate should be set through the "
                    + "`lr_scheduler_kwargs`");
        }
        double lr = a.real(LR);
        a.check(lr != 0, LR, () -> "float division by zero (" + MIN_LR.name() + " is divided by " + LR.name() + ")");
        return a.real(MIN_LR) / lr;
    }

    /**
     * cosine_warmup_with_min_lr: the warmup up to W, then the cosine of p = (t - W + 1) / max(1, N - W), which turns
     * every max(1, N - W) / (2 num_cycles) steps from W - 1.
     */
    private static Pieces warmupCosineTurns(Args a) {
        long w = a.integer(WARMUP);
        double span = Math.max(1.0, (double) a.integer(TRAINING) - w);
        return Pieces.at(w).and(Pieces.turns(w - 1, span / (2 * Math.abs(a.real(CYCLES)))));
    }
}

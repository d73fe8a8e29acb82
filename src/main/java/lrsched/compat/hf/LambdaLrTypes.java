package lrsched.compat.hf;

import java.util.List;
import java.util.function.LongToDoubleFunction;

import lrsched.core.DoubleFormat;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * The get_scheduler names that transformers ({@code hf.}) and diffusers ({@code diffusers.}) share: linear,
 * cosine, cosine_with_restarts, polynomial, constant and constant_with_warmup. Both libraries compute them with
 * the same formulas (diffusers' optimization.py began as a copy of transformers'), so they are declared once here
 * for either prefix; only the notes about what each get_scheduler passes differ.
 *
 * <p>Both wrap a multiplier ({@link LrLambdas}) in PyTorch's LambdaLR: the learning rate of update {@code t} is
 * {@code lr * lambda(t)}, where {@code lr} is the optimizer's learning rate.
 */
public final class LambdaLrTypes {
    private LambdaLrTypes() {}

    /** Whose get_scheduler a type is declared for. */
    public enum Library {
        TRANSFORMERS("hf"), DIFFUSERS("diffusers");

        private final String prefix;

        Library(String prefix) {
            this.prefix = prefix;
        }

        String type(String name) {
            return prefix + "." + name;
        }
    }

    static final Param LR = Param.real("lr", "the optimizer's learning rate; LambdaLR multiplies it by lambda(t)")
            .nonNegative();
    static final Param WARMUP = Param.integer("num_warmup_steps",
            "warmup steps: lambda = t / max(1, W) over steps [0, W), so 0 at step 0").nonNegative();
    static final Param TRAINING = Param.integer("num_training_steps",
            "total training steps N: where the decay ends").nonNegative();
    static final Param CYCLES = Param.real("num_cycles",
            "cosine waves over the decay (0.5: one half cosine from lr down to 0)").defaultsTo(0.5);
    static final Param WARMUP_IGNORED = Param.ignored("num_warmup_steps",
            "accepted and ignored: get_scheduler does not pass it to this schedule");
    static final Param TRAINING_IGNORED = Param.ignored("num_training_steps",
            "accepted and ignored: get_scheduler does not pass it to this schedule");

    /** cosine_with_restarts' num_cycles: whole cycles, default 1 (CYCLES is the plain cosine's 0.5). */
    static final Param RESTART_CYCLES = Param.real("num_cycles",
            "number of equal cosine cycles (hard restarts) over the decay").defaultsTo(1);
    static final Param LR_END = Param.real("lr_end", "learning rate at step N and after (absolute)").defaultsTo(1e-7);
    static final Param POWER = Param.real("power", "exponent of the decay (1: linear)").defaultsTo(1.0);

    static final String WARMUP_FORMULA = "t < W:  lambda = t / max(1, W)\n";
    static final String PROGRESS_FORMULA = "p = (t - W) / max(1, N - W)\n";

    /** The six shared types, named for {@code library}. */
    public static List<TypeDef> common(Library library) {
        boolean diffusers = library == Library.DIFFUSERS;
        String getScheduler = diffusers ? "diffusers' get_scheduler" : "transformers' get_scheduler";
        return List.of(
                TypeDef.builder(library.type("constant"), "the optimizer's lr at every step")
                        .formula("lambda(t) = 1")
                        .notes(getScheduler + " passes only the optimizer to this schedule: num_warmup_steps and "
                                + "num_training_steps are accepted and have no effect"
                                + (diffusers ? "."
                                        : " (Trainer's warmup_steps does nothing with lr_scheduler_type "
                                        + "\"constant\": use constant_with_warmup)."))
                        .params(LR, WARMUP_IGNORED, TRAINING_IGNORED)
                        .build(a -> {
                            double lr = a.real(LR);
                            Schedule s = t -> lr;
                            return s.withPieces(Pieces.ONE);
                        }),

                TypeDef.builder(library.type("constant_with_warmup"), "linear warmup from 0, then the lr")
                        .formula(WARMUP_FORMULA + "t >= W: lambda = 1")
                        .notes("Step 0 is 0; the full lr is reached at step W. num_training_steps is accepted and "
                                + "ignored, as get_scheduler does.")
                        .params(LR, WARMUP, TRAINING_IGNORED)
                        .build(a -> warmedUp(a, LrLambdas.constantWithWarmup(a.integer(WARMUP)))
                                .withPieces(Pieces.at(a.integer(WARMUP)))),

                TypeDef.builder(library.type("linear"), "linear warmup from 0, then linear decay to 0 at N")
                        .formula(WARMUP_FORMULA + "t >= W:  lambda = max(0, (N - t) / max(1, N - W))")
                        .notes("Peak at step W, 0 from step N on. W >= N: the lr drops from the warmup straight "
                                + "to 0.")
                        .params(LR, WARMUP, TRAINING)
                        .build(a -> warmedUp(a, LrLambdas.linear(a.integer(WARMUP), a.integer(TRAINING)))
                                .withPieces(Pieces.at(a.integer(WARMUP)))),

                TypeDef.builder(library.type("cosine"), "linear warmup from 0, then a cosine that keeps going")
                        .formula(WARMUP_FORMULA + "t >= W:  " + PROGRESS_FORMULA
                                + "         lambda = max(0, 0.5 * (1 + cos(2 pi num_cycles p)))")
                        .notes("Not clamped: past num_training_steps the cosine rises again (with num_cycles 0.5 "
                                + "the lr is back at its peak at N + (N - W)). "
                                + (diffusers ? "diffusers' get_scheduler never passes num_cycles to cosine (it "
                                + "is always 0.5 there); a direct get_cosine_schedule_with_warmup call does."
                                : "num_cycles comes from lr_scheduler_kwargs (Trainer) / scheduler_specific_kwargs."))
                        .params(LR, WARMUP, TRAINING, CYCLES)
                        .build(a -> warmedUp(a, LrLambdas.cosine(a.integer(WARMUP), a.integer(TRAINING),
                                a.real(CYCLES), 0.0)).withPieces(cosineTurns(a))),

                TypeDef.builder(library.type("cosine_with_restarts"),
                                "linear warmup from 0, then num_cycles equal cosines with hard restarts, 0 after N")
                        .formula(WARMUP_FORMULA + "t >= W:  " + PROGRESS_FORMULA
                                + "         p >= 1: lambda = 0\n"
                                + "         else:   lambda = 0.5 * (1 + cos(pi * ((num_cycles * p) mod 1)))")
                        .notes("Each cycle restarts at the full lr; from step N on the lr is 0 (no periodic "
                                + "continuation). The modulo is Python's: a negative num_cycles still gives a phase "
                                + "in [0, 1). A restart lands exactly on a step when (N - W) is a multiple of "
                                + "num_cycles."
                                + (diffusers ? " diffusers' get_scheduler passes num_cycles (default 1)." : ""))
                        .params(LR, WARMUP, TRAINING, RESTART_CYCLES)
                        .build(a -> warmedUp(a, LrLambdas.cosineWithRestarts(a.integer(WARMUP), a.integer(TRAINING),
                                a.real(RESTART_CYCLES))).withPieces(restartPieces(a))),

                TypeDef.builder(library.type("polynomial"),
                                "linear warmup from 0, then polynomial decay to the absolute lr_end, held after N")
                        .formula(WARMUP_FORMULA + "W <= t <= N: lambda = ((lr - lr_end) * (1 - (t - W) / (N - W))"
                                + "^power + lr_end) / lr\n"
                                + "t > N:   lambda = lr_end / lr")
                        .notes("lr_end is an absolute learning rate (default 1e-7), refused unless lr > lr_end: "
                                + "an lr of 1e-7 or less needs a smaller lr_end. lr_end may be 0 or negative (the lr "
                                + "then goes below 0). power 0 keeps the full lr through step N. The library fails "
                                + "at step N when N == W (division by zero) or power < 0 (0.0 cannot be raised to a "
                                + "negative power); lrsched refuses the steps from N on in those cases."
                                + (diffusers ? " diffusers' get_scheduler passes power but never lr_end (always "
                                + "1e-7 there); a direct call passes it." : ""))
                        .params(LR, WARMUP, TRAINING, LR_END, POWER)
                        .build(a -> {
                            double lr = a.real(LR);
                            double lrEnd = a.real(LR_END);
                            a.check(lr > lrEnd, LR_END, () -> "lr_end (" + DoubleFormat.format(lrEnd)
                                    + ") must be smaller than initial lr (" + DoubleFormat.format(lr) + ")");
                            // monotone from W on: falls to lr_end at N, then held
                            return warmedUp(a, LrLambdas.polynomial(a.integer(WARMUP), a.integer(TRAINING), lr,
                                    lrEnd, a.real(POWER))).withPieces(Pieces.at(a.integer(WARMUP)));
                        }));
    }

    /** The schedule LambdaLR gives with this lr_lambda: lr * lambda(t), warming up until num_warmup_steps. */
    /**
     * The ramp up to W, then the unclamped cosine of progress, which turns every (N - W) / (2 num_cycles) steps
     * (max(0, ...) clamps monotonically).
     */
    static Pieces cosineTurns(Args a) {
        long w = a.integer(WARMUP);
        double span = Math.max(1, a.integer(TRAINING) - w);
        return Pieces.turns(w, span / (2 * Math.abs(a.real(CYCLES))));
    }

    /**
     * cosine_with_restarts: the ramp up to W, then a piece per cycle, where floor(num_cycles * p) changes (p rises,
     * so num_cycles * p moves one way and its remainder mod 1, exact in Java as in Python, moves that way inside a
     * cycle; cos(pi x) is monotone on [0, 1]), and the zeros from p >= 1 on.
     */
    private static Pieces restartPieces(Args a) {
        long w = a.integer(WARMUP);
        long total = a.integer(TRAINING);
        double cycles = a.real(RESTART_CYCLES);
        return Pieces.at(w).and(Pieces.whereChanges(w, t -> {
            double p = LrLambdas.progress(t, w, total);
            return p >= 1.0 ? Double.POSITIVE_INFINITY : Math.signum(cycles) * Math.floor(cycles * p);
        }));
    }

    static Schedule warmedUp(Args a, LongToDoubleFunction lambda) {
        double lr = a.real(LR);
        Schedule s = t -> lr * lambda.applyAsDouble(t);
        s = s.withWarmupEnd(a.integer(WARMUP));
        // the run's nominal end, where the type has one (lint: curves that rise again after it)
        return a.type().param(TRAINING.name()).isPresent() && a.has(TRAINING)
                ? s.withNominalEnd(a.integer(TRAINING)) : s;
    }
}

package lrsched.compat.fastai;

import java.util.List;

import lrsched.core.Libm;
import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.Range;
import lrsched.registry.TypeDef;

/**
 * fastai's one-call training schedules (fastai/fastai fastai/callback/schedule.py): {@code Learner.fit_one_cycle},
 * {@code fit_flat_cos}, {@code fit_sgdr} and {@code fine_tune} under their argument names, plus the loader's length
 * {@code batches_per_epoch}. Row s is the LR the optimizer holds for the s-th training batch of the call, as
 * ParamScheduler.before_batch sets it; positions go through float32 as fastai's tensors do ({@link Fit}). See
 * src/docs/compat/fastai.md.
 */
public final class FastaiTypes implements Catalog {
    /** fastai's defaults.lr, the Learner's lr: what lr_max = None means. */
    static final double DEFAULT_LR = 1e-3;
    /** Rows past 2^53 could not be counted exactly in float64 (fastai's epoch / n_epoch). */
    private static final long MAX_BATCHES = 1L << 53;
    private static final String TOO_MANY_EPOCHS = "cycle_len * (cycle_mult^n_cycles - 1) / (cycle_mult - 1) epochs "
            + "do not fit in 64 bits; use fewer cycles";

    static final Param BATCHES_PER_EPOCH = Param.integer("batches_per_epoch", "training batches per epoch "
            + "(len(learn.dls.train), which fastai reads as n_iter)").positive();
    static final Param N_EPOCH = Param.integer("n_epoch", "epochs").positive();
    static final Param LR_MAX = Param.real("lr_max", "the peak LR (None in fastai: the Learner's lr, "
            + "defaults.lr = 1e-3); one number: every parameter group gets it").defaultsTo(DEFAULT_LR).positive();
    static final Param DIV = Param.real("div", "the start LR is lr_max / div").defaultsTo(25.0).positive();
    static final Param DIV_FINAL = Param.real("div_final", "the final LR is lr_max / div_final").defaultsTo(1e5)
            .positive();
    static final Param PCT_START = Param.real("pct_start", "fraction of the batches in the first cosine (fastai "
            + "asserts each piece's fraction >= 0)").defaultsTo(0.25).in(Range.FRACTION);
    private static final List<Param> IGNORED = List.of(
            Param.ignored("wd", "weight decay: no effect on the LR"),
            Param.ignored("moms", "momentum schedule: no effect on the LR"),
            Param.ignored("cbs", "extra callbacks (assumed not to touch the LR)"),
            Param.ignored("reset_opt", "no effect on the LR"));

    static final Param LR = Param.real("lr", "the flat LR (None in fastai: the Learner's lr, defaults.lr = 1e-3)")
            .defaultsTo(DEFAULT_LR).positive();

    static final Param N_CYCLES = Param.integer("n_cycles", "cosine cycles").positive();
    static final Param CYCLE_LEN = Param.integer("cycle_len", "epochs of the first cycle").positive();
    static final Param CYCLE_MULT = Param.integer("cycle_mult", "each cycle is cycle_mult times the one before "
            + "(fastai divides by cycle_mult - 1, so 1 raises)").defaultsTo(2).positive();

    static final Param EPOCHS = Param.integer("epochs", "epochs of the unfrozen fit_one_cycle").nonNegative();
    static final Param BASE_LR = Param.real("base_lr", "the head's LR while frozen; halved for the unfrozen phase")
            .defaultsTo(2e-3).positive();
    static final Param FREEZE_EPOCHS = Param.integer("freeze_epochs", "epochs of the frozen fit_one_cycle "
            + "(pct_start 0.99, div 25)").defaultsTo(1).nonNegative();
    static final Param LR_MULT = Param.real("lr_mult", "the unfrozen phase's LRs run from base_lr / 2 / lr_mult "
            + "(first group) to base_lr / 2 (last)").defaultsTo(100.0).positive();
    static final Param FINE_PCT_START = PCT_START.describedAs("the unfrozen phase's pct_start").defaultsTo(0.3);
    static final Param FINE_DIV = DIV.describedAs("the unfrozen phase's div (the frozen phase keeps 25)")
            .defaultsTo(5.0);
    static final Param FINE_DIV_FINAL = DIV_FINAL.describedAs("div_final of both phases (a **kwargs of "
            + "fit_one_cycle)");
    static final Param PARAM_GROUPS = Param.integer("param_groups", "the optimizer's parameter groups "
            + "(len(learn.opt.param_lists), from the Learner's splitter)").defaultsTo(1).positive();
    static final Param PARAM_GROUP = Param.integer("param_group", "which group's LR the rows show, a Python index "
            + "(-1: the last, the head, the one fastai's Recorder records)").defaultsTo(-1);

    @Override
    public List<TypeDef> types() {
        return List.of(
                TypeDef.builder("fastai.fit_one_cycle", "Learner.fit_one_cycle: a cosine up from lr_max / div to "
                                + "lr_max, then down to lr_max / div_final")
                        .formula(POSITION + "\nfirst pct_start: lr_max/div -> lr_max; rest: lr_max -> "
                                + "lr_max/div_final   (" + COSINE + ")")
                        .notes(ROWS + " " + FLOAT32)
                        .params(with(N_EPOCH, LR_MAX, DIV, DIV_FINAL, PCT_START, BATCHES_PER_EPOCH))
                        .build(a -> oneCycle(a, a.real(LR_MAX), a.real(DIV), a.real(DIV_FINAL), a.real(PCT_START))),
                TypeDef.builder("fastai.fit_flat_cos", "Learner.fit_flat_cos: lr flat for pct_start, then a cosine "
                                + "down to lr / div_final")
                        .formula(POSITION + "\nfirst pct_start: lr (SchedCos(lr, lr)); rest: lr -> lr/div_final   ("
                                + COSINE + ")")
                        .notes(ROWS + " " + FLOAT32)
                        .params(with(N_EPOCH, LR, DIV_FINAL, PCT_START.defaultsTo(0.75), BATCHES_PER_EPOCH))
                        .build(FastaiTypes::flatCos),
                TypeDef.builder("fastai.fit_sgdr", "Learner.fit_sgdr: n_cycles cosines from lr_max to 0, each "
                                + "cycle_mult times longer")
                        .formula(POSITION + "\nn_epoch = cycle_len * (cycle_mult^n_cycles - 1) // (cycle_mult - 1); "
                                + "cycle i has pct cycle_len * cycle_mult^i / n_epoch\n"
                                + "each cycle: lr_max -> 0   (" + COSINE + ")")
                        .notes(ROWS + " " + FLOAT32 + " cycle_mult 1 is refused as fastai raises "
                                + "(ZeroDivisionError).")
                        .params(N_CYCLES, CYCLE_LEN, LR_MAX.describedAs("each cycle's start (None in fastai: the "
                                        + "Learner's lr, defaults.lr = 1e-3)"), CYCLE_MULT, BATCHES_PER_EPOCH,
                                IGNORED.get(2), IGNORED.get(3), IGNORED.get(0))
                        .build(FastaiTypes::sgdr),
                TypeDef.builder("fastai.fine_tune", "Learner.fine_tune: fit_one_cycle frozen, then unfrozen with "
                                + "discriminative LRs")
                        .formula("phase 1, freeze_epochs: fit_one_cycle(lr_max = slice(base_lr), pct_start=0.99, "
                                + "div=25): the last group base_lr, the others base_lr / 10\n"
                                + "phase 2, epochs: b = base_lr / 2; fit_one_cycle(lr_max = slice(b / lr_mult, b), "
                                + "pct_start, div): group g of n gets start * step^g, start = b / lr_mult, step = "
                                + "(b / start)^(1 / (n - 1)) (fastcore's even_mults; b when n = 1)\n"
                                + "div_final applies to both phases")
                        .notes(ROWS + " Rows run through phase 1, then phase 2; param_group picks the group. "
                                + "freeze_to(-1) freezes all groups but the last; their LR is still scheduled. "
                                + FLOAT32)
                        .params(EPOCHS, BASE_LR, FREEZE_EPOCHS, LR_MULT, FINE_PCT_START, FINE_DIV, FINE_DIV_FINAL,
                                BATCHES_PER_EPOCH, PARAM_GROUPS, PARAM_GROUP, IGNORED.get(0), IGNORED.get(1),
                                IGNORED.get(2), IGNORED.get(3))
                        .build(FastaiTypes::fineTune));
    }

    private static final String POSITION = "pct = pct_train, float64: epoch / n_epoch at each epoch's start, + 1 / "
            + "(n_epoch * batches_per_epoch) after each batch; the piece and its position in float32";
    private static final String COSINE = "start + (1 + cos(pi * (1 - p))) * (end - start) / 2";
    private static final String ROWS = "Row s is the LR of the s-th training batch (ParamScheduler.before_batch sets "
            + "it before batch 0 at pct 0; the last batch's pct is below 1); rows after the last batch are refused.";
    private static final String FLOAT32 = "fastai holds the piece bounds in a float32 tensor, so the position in a "
            + "piece is float32 arithmetic: lrsched does the same (a float64 position differs by up to 1.7e-5 "
            + "relative).";

    private static List<Param> with(Param... params) {
        List<Param> all = new java.util.ArrayList<>(List.of(params));
        all.addAll(IGNORED);
        return all;
    }

    private static Schedule oneCycle(Args a, double lrMax, double div, double divFinal, double pctStart) {
        long nEpoch = a.integer(N_EPOCH);
        long perEpoch = batches(a, nEpoch, N_EPOCH);
        Fit fit = Fit.combinedCos(nEpoch, perEpoch, pctStart, lrMax / div, lrMax, lrMax / divFinal);
        long warmupEnd = fit.secondPieceStart();
        Schedule s = done(new Fits(List.of(fit), "fit_one_cycle"));
        return warmupEnd < fit.batches() ? s.withWarmupEnd(warmupEnd) : s;
    }

    private static Schedule flatCos(Args a) {
        long nEpoch = a.integer(N_EPOCH);
        double lr = a.real(LR);
        return done(new Fits(List.of(Fit.combinedCos(nEpoch, batches(a, nEpoch, N_EPOCH), a.real(PCT_START), lr, lr,
                lr / a.real(DIV_FINAL))), "fit_flat_cos"));
    }

    private static Schedule sgdr(Args a) {
        long cycles = a.integer(N_CYCLES);
        long cycleLen = a.integer(CYCLE_LEN);
        long mult = a.integer(CYCLE_MULT);
        a.check(mult != 1, CYCLE_MULT, () -> "ZeroDivisionError: integer division or modulo by zero (fit_sgdr's "
                + "n_epoch divides by cycle_mult - 1)");
        // Python's integers have no bound; 62 cycles of cycle_mult 2 already overflow a long
        a.check(cycles <= 62, N_CYCLES, () -> TOO_MANY_EPOCHS);
        double[] pcts = new double[(int) cycles];
        long nEpoch;
        try {
            long power = 1;
            long[] lengths = new long[pcts.length];
            for (int i = 0; i < pcts.length; i++) {
                lengths[i] = Math.multiplyExact(cycleLen, power);
                power = Math.multiplyExact(power, mult);
            }
            nEpoch = Math.multiplyExact(cycleLen, power - 1) / (mult - 1); // Python's // on positive integers
            for (int i = 0; i < pcts.length; i++) {
                pcts[i] = (double) lengths[i] / (double) nEpoch; // int / int: correctly rounded below 2^53
            }
        } catch (ArithmeticException e) {
            throw a.error(N_CYCLES, TOO_MANY_EPOCHS);
        }
        a.check(Fit.sumsToOne(pcts), N_CYCLES, () -> "AssertionError: fastai's combine_scheds asserts sum(pcts) == 1."
                + " and these cycles' fractions sum to " + java.util.Arrays.stream(pcts).sum());
        double lrMax = a.real(LR_MAX);
        double[] starts = new double[pcts.length];
        java.util.Arrays.fill(starts, lrMax);
        long perEpoch = batches(a, nEpoch, N_CYCLES);
        return done(new Fits(List.of(new Fit(nEpoch, perEpoch, Fit.bounds(pcts), starts, new double[pcts.length])),
                "fit_sgdr"));
    }

    private static Schedule fineTune(Args a) {
        long groups = a.integer(PARAM_GROUPS);
        long index = a.integer(PARAM_GROUP);
        a.check(index >= -groups && index < groups, PARAM_GROUP, () -> "IndexError: list index out of range ("
                + groups + " parameter groups); give param_group from -" + groups + " to " + (groups - 1));
        int g = (int) (index < 0 ? index + groups : index);
        double baseLr = a.real(BASE_LR);
        double divFinal = a.real(FINE_DIV_FINAL);
        long frozenEpochs = a.integer(FREEZE_EPOCHS);
        long epochs = a.integer(EPOCHS);
        long allEpochs = frozenEpochs > Long.MAX_VALUE - epochs ? Long.MAX_VALUE : frozenEpochs + epochs;
        a.check(allEpochs > 0, EPOCHS, () -> "freeze_epochs + epochs is 0, so fine_tune trains no batch; give "
                + "epochs >= 1");
        long perEpoch = batches(a, allEpochs, EPOCHS);
        // Optimizer.set_hyper(slice(base_lr)): [stop / 10] * (n - 1) + [stop]
        double frozen = g == groups - 1 ? baseLr : baseLr / 10;
        double half = baseLr / 2;
        double unfrozen = evenMults(half / a.real(LR_MULT), half, groups, g);
        return done(new Fits(List.of(
                Fit.combinedCos(frozenEpochs, perEpoch, 0.99, frozen / 25., frozen, frozen / divFinal),
                Fit.combinedCos(epochs, perEpoch, a.real(FINE_PCT_START), unfrozen / a.real(FINE_DIV), unfrozen,
                        unfrozen / divFinal)), "fine_tune"));
    }

    /**
     * Group g's LR from Optimizer.set_hyper(slice(start, stop)) over n groups: fastcore's even_mults when start is
     * truthy ({@code stop} for n = 1; else {@code start * step**g}, {@code step = (stop / start)**(1 / (n - 1))}),
     * otherwise slice(stop)'s {@code [stop / 10] * (n - 1) + [stop]}.
     */
    static double evenMults(double start, double stop, long n, int g) {
        if (start == 0) {
            return g == n - 1 ? stop : stop / 10;
        }
        if (n == 1) {
            return stop;
        }
        double step = Libm.pow(stop / start, 1.0 / (double) (n - 1));
        return start * Libm.pow(step, g);
    }

    /** batches_per_epoch, checked so that the run's batch count is exact in float64. */
    private static long batches(Args a, long epochs, Param epochParam) {
        long perEpoch = a.integer(BATCHES_PER_EPOCH);
        a.check(epochs <= MAX_BATCHES / perEpoch, epochParam, () -> "the run has more than 2^53 batches (epochs * "
                + "batches_per_epoch), beyond what fastai's float64 progress can count; use fewer");
        return perEpoch;
    }

    private static Schedule done(Fits fits) {
        return fits.withNominalEnd(fits.batches());
    }
}

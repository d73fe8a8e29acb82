package lrsched.compat.torch;

import java.util.List;

import lrsched.registry.Args;
import lrsched.registry.Param;

/**
 * PyTorch's {@code ReduceLROnPlateau} (torch/optim/lr_scheduler.py), replayed on a recorded metric trace: the
 * declaration of its arguments (shared with the libraries that hand their kwargs to it) and its bookkeeping.
 * torch 1.13 and torch 2.x (pytorch/pytorch 008f727ece1520e12c25089a7969d5b8fca75f8e) compute the same learning
 * rates; see src/docs/compat/torch.md.
 */
public final class Plateau {
    /** The trace: one metric per call of step(metric). */
    public static final Param METRICS = Param.trace("metrics", "the metric passed to each step(metric) call, in "
            + "order: [0.91, 0.85, ...] or {log: FILE, column: val_loss}");
    public static final Param MODE = Param.choice("mode", "min: the metric should fall; max: it should rise",
            "min", "max");
    public static final Param FACTOR = Param.real("factor", "new_lr = lr * factor; must be < 1").defaultsTo(0.1);
    public static final Param PATIENCE = Param.integer("patience",
            "calls without improvement tolerated; the next one reduces").defaultsTo(10);
    public static final Param THRESHOLD = Param.real("threshold", "how much better counts as an improvement")
            .defaultsTo(1e-4);
    public static final Param THRESHOLD_MODE = Param.choice("threshold_mode",
            "rel: better than best * (1 -/+ threshold); abs: better than best -/+ threshold", "rel", "abs");
    public static final Param COOLDOWN = Param.integer("cooldown", "calls after a reduction during which bad "
            + "calls are not counted").defaultsTo(0);
    public static final Param MIN_LR = Param.real("min_lr", "lower bound on the lr (a scalar; per-group lists are "
            + "not modelled)").defaultsTo(0.0);
    public static final Param EPS = Param.real("eps", "a reduction smaller than eps is skipped").defaultsTo(1e-8);

    /** ReduceLROnPlateau's own arguments, in torch's order, then the trace. */
    public static final List<Param> ARGS = List.of(MODE, FACTOR, PATIENCE, THRESHOLD, THRESHOLD_MODE, COOLDOWN,
            MIN_LR, EPS, METRICS);

    public static final String FORMULA = "row k = the lr after k calls of step(metric) (row 0: the optimizer's lr)\n"
            + "a call is an improvement when metric < best * (1 - threshold) (min, rel), < best - threshold (min, abs),"
            + "\n  > best * (1 + threshold) (max, rel) or > best + threshold (max, abs); best starts at +-inf\n"
            + "improvement: best = metric, bad = 0; else bad += 1\n"
            + "in cooldown: cooldown_counter -= 1, bad = 0\n"
            + "bad > patience: new = max(lr * factor, min_lr), applied if lr - new > eps; cooldown_counter = "
            + "cooldown, bad = 0";

    public static final String TRACE_NOTE = "metrics is the trace of the metric passed to step(metric): a list, or "
            + "{log: FILE, column: NAME} read with lrsched's log readers (FILE relative to the spec's folder; add "
            + "step: COLUMN when the log's step column is not called step). Row k is the lr after k calls; past the "
            + "end of the trace the lr stays at its last value. A NaN metric is never an improvement.";

    private Plateau() {
    }

    /** The bookkeeping settings, as ReduceLROnPlateau's constructor takes them. */
    public record Settings(boolean max, double factor, long patience, double threshold, boolean relative,
                           long cooldown, double minLr, double eps) {
    }

    /** torch's arguments as declared in {@link #ARGS}, checked as its constructor checks them. */
    public static Settings settings(Args a) {
        double factor = a.real(FACTOR);
        a.check(factor < 1.0, FACTOR, () -> "Factor should be < 1.0.");
        return new Settings(a.choice(MODE).equals("max"), factor, a.integer(PATIENCE), a.real(THRESHOLD),
                a.choice(THRESHOLD_MODE).equals("rel"), a.integer(COOLDOWN), a.real(MIN_LR), a.real(EPS));
    }

    /**
     * The lr after each call of {@code step(metric)} on a fresh scheduler: {@code rows[0]} is {@code lr}, and
     * {@code rows[k]} follows the k-th metric.
     */
    public static double[] rows(double lr, double[] trace, Settings s) {
        double[] rows = new double[trace.length + 1];
        rows[0] = lr;
        Stepper state = new Stepper(s);
        double current = lr;
        for (int k = 0; k < trace.length; k++) {
            current = state.step(current, trace[k]);
            rows[k + 1] = current;
        }
        return rows;
    }

    /** One ReduceLROnPlateau: best, bad epochs and cooldown, stepped with the current lr. */
    public static final class Stepper {
        private final Settings s;
        private double best;
        private long numBadEpochs;
        private long cooldownCounter;

        public Stepper(Settings s) {
            this.s = s;
            this.best = s.max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; // _reset: best = mode_worse
        }

        /** step(metric) on an optimizer whose lr is {@code lr}: the lr afterwards. */
        public double step(double lr, double metric) {
            if (isBetter(metric, best)) {
                best = metric;
                numBadEpochs = 0;
            } else {
                numBadEpochs++;
            }
            if (cooldownCounter > 0) {
                cooldownCounter--;
                numBadEpochs = 0; // torch ignores bad epochs in cooldown
            }
            double out = lr;
            if (numBadEpochs > s.patience) {
                double reduced = Math.max(lr * s.factor, s.minLr);
                if (lr - reduced > s.eps) {
                    out = reduced;
                }
                cooldownCounter = s.cooldown; // even when eps blocked the reduction
                numBadEpochs = 0;
            }
            return out;
        }

        private boolean isBetter(double a, double best) {
            if (!s.max) {
                return s.relative ? a < best * (1. - s.threshold) : a < best - s.threshold;
            }
            return s.relative ? a > best * (s.threshold + 1.) : a > best + s.threshold;
        }
    }
}

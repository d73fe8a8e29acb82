package lrsched.compat.paddle;

import java.util.Locale;

import lrsched.compat.torch.Plateau;
import lrsched.registry.Args;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;
import lrsched.schedule.Rows;

/**
 * Paddle's {@code paddle.optimizer.lr.ReduceOnPlateau} (python/paddle/optimizer/lr.py at
 * 00816fcb21ade6ad4425774b0e989c8098c6d324), replayed on a recorded metric trace. Its bookkeeping differs from
 * PyTorch's: the first metric is always the best (best starts as None), a call in cooldown only counts the cooldown
 * down (the metric is not compared at all), and the thresholds are {@code best - best * threshold} (not
 * {@code best * (1 - threshold)}). Its constructor does not step: row 0 is learning_rate.
 */
final class ReduceOnPlateau {
    private static final Param LEARNING_RATE = Param.real("learning_rate", "the initial learning rate (row 0)");
    private static final Param MODE = Param.text("mode", "min: the metric should fall; max: it should rise "
            + "(any case)").defaultsTo("min");
    private static final Param FACTOR = Param.real("factor", "new_lr = lr * factor; must be < 1").defaultsTo(0.1);
    private static final Param PATIENCE = Param.integer("patience",
            "calls without improvement tolerated; the next one reduces").defaultsTo(10);
    private static final Param THRESHOLD = Param.real("threshold", "how much better counts as an improvement")
            .defaultsTo(1e-4);
    private static final Param THRESHOLD_MODE = Param.text("threshold_mode", "rel: better than best -/+ best * "
            + "threshold; abs: better than best -/+ threshold (any case)").defaultsTo("rel");
    private static final Param COOLDOWN = Param.integer("cooldown", "calls after a reduction that are not "
            + "compared").defaultsTo(0);
    private static final Param MIN_LR = Param.real("min_lr", "lower bound on the learning rate").defaultsTo(0.0);
    private static final Param EPSILON = Param.real("epsilon", "a reduction of epsilon or less is skipped")
            .defaultsTo(1e-8);
    private static final Param VERBOSE = Param.ignored("verbose", "prints each reduction; no effect on the lr");

    private ReduceOnPlateau() {
    }

    static TypeDef type() {
        return TypeDef.builder("paddle.ReduceOnPlateau", "multiply the learning rate by factor when a recorded "
                        + "metric stops improving")
                .formula("row k = the learning rate after k calls of step(metric) (row 0: learning_rate)\n"
                        + "each call: in cooldown: cooldown_counter -= 1 (nothing else)\n"
                        + "  else: the first metric, or metric < best - best * threshold (min, rel), "
                        + "< best - threshold (min, abs),\n"
                        + "  > best + best * threshold (max, rel), > best + threshold (max, abs): best = metric, "
                        + "bad = 0; else bad += 1\n"
                        + "  bad > patience: cooldown_counter = cooldown, bad = 0, new = max(lr * factor, min_lr), "
                        + "applied if lr - new > epsilon")
                .notes(Plateau.TRACE_NOTE + " Paddle's example steps it once per iteration (step(loss)); stepped "
                        + "once per epoch, use stepping: epoch with steps_per_epoch. Unlike torch, the first metric "
                        + "is always the best (a NaN first metric stays the best for good) and calls in cooldown are "
                        + "not compared. It cannot be wrapped by LinearWarmup (Paddle would pass the epoch as the "
                        + "metric).")
                .params(LEARNING_RATE, MODE, FACTOR, PATIENCE, THRESHOLD, THRESHOLD_MODE, COOLDOWN, MIN_LR, EPSILON,
                        VERBOSE, Plateau.METRICS)
                .build(a -> PaddleSchedule.metricDriven("paddle.ReduceOnPlateau", Rows.of(rows(a))));
    }

    private static double[] rows(Args a) {
        String mode = a.text(MODE).toLowerCase(Locale.ROOT);
        a.check(mode.equals("min") || mode.equals("max"), MODE,
                () -> "ValueError: mode: " + mode + " is unknown!");
        double factor = a.real(FACTOR);
        a.check(factor < 1.0, FACTOR, () -> "ValueError: new_lr = origin_lr * gamma and gamma should be < 1.0.");
        String thresholdMode = a.text(THRESHOLD_MODE).toLowerCase(Locale.ROOT);
        a.check(thresholdMode.equals("rel") || thresholdMode.equals("abs"), THRESHOLD_MODE,
                () -> "ValueError: threshold mode: " + thresholdMode + " is unknown!");
        boolean max = mode.equals("max");
        boolean relative = thresholdMode.equals("rel");
        double threshold = a.real(THRESHOLD);
        long patience = a.integer(PATIENCE);
        long cooldown = a.integer(COOLDOWN);
        double minLr = a.real(MIN_LR);
        double epsilon = a.real(EPSILON);
        double[] trace = a.trace(Plateau.METRICS);

        double[] rows = new double[trace.length + 1];
        double lr = a.real(LEARNING_RATE);
        rows[0] = lr;
        boolean hasBest = false;
        double best = 0;
        long bad = 0;
        long cooldownCounter = 0;
        for (int k = 0; k < trace.length; k++) {
            double metric = trace[k];
            if (cooldownCounter > 0) {
                cooldownCounter--;
            } else {
                double margin = relative ? best * threshold : threshold;
                boolean better = max ? metric > best + margin : metric < best - margin;
                if (!hasBest || better) {
                    best = metric;
                    hasBest = true;
                    bad = 0;
                } else {
                    bad++;
                }
                if (bad > patience) {
                    cooldownCounter = cooldown;
                    bad = 0;
                    double reduced = lr * factor;
                    if (minLr > reduced) { // Python's max(lr * factor, min_lr)
                        reduced = minLr;
                    }
                    if (lr - reduced > epsilon) {
                        lr = reduced;
                    }
                }
            }
            rows[k + 1] = lr;
        }
        return rows;
    }
}

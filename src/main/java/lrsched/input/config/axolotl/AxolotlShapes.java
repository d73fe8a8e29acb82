package lrsched.input.config.axolotl;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import lrsched.core.Counts;
import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Libm;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.Imported;

/**
 * axolotl's own schedulers (src/axolotl/utils/schedulers.py), which lrsched has no type for, written with existing
 * types: pieces of {@code hf.*}, {@code constant} and {@code expr} joined by a {@code sequence}, each piece doing
 * the same floating-point operations in the same order as axolotl's lambda does on its steps.
 */
final class AxolotlShapes {
    private AxolotlShapes() {}

    /**
     * get_cosine_schedule_with_quadratic_warmup: (t / max(1, W))^2 on [0, W), then the Trainer's cosine (0.5 waves,
     * clamped at 0) with progress (t - W) / max(1, N - W): hf.cosine on the local step with no warmup and
     * num_training_steps max(0, N - W) computes exactly that.
     */
    static Node.MapNode quadratic(AxolotlConfig c, double lr, AxolotlRun run, Location at,
                                  List<Imported.Fact> facts) {
        long n = run.numTrainingSteps(), w = run.numWarmupSteps();
        AxolotlFormat.ScheduleMapping cosine = AxolotlFormat.ScheduleMapping.of("hf.cosine", at);
        cosine.number("lr", c.at("learning_rate"), lr);
        cosine.integer("num_warmup_steps", run.warmupAt(), 0);
        cosine.integer("num_training_steps", run.lengthAt(), Math.max(0, n - w));
        if (w == 0) {
            return cosine.build();
        }
        facts.add(new Imported.Fact("quadratic warmup", "lr x (step / " + w + ")^2", "steps 0.." + (w - 1)
                + ", then the cosine over " + Counts.of(Math.max(0, n - w), "step")));
        AxolotlFormat.ScheduleMapping warm = expr(at, "lr * (step / warmup_steps) ** 2");
        warm.number("lr", c.at("learning_rate"), lr);
        warm.integer("warmup_steps", run.warmupAt(), w);
        return sequence(at, run.warmupAt(), List.of(warm.build(), cosine.build()), List.of(w));
    }

    /**
     * get_cosine_schedule_with_warmup_decay_constant: the min-lr cosine ends at C = int(N * constant_lr_ratio)
     * and holds lr * min_lr_ratio from there.
     */
    static Node.MapNode decayConstant(AxolotlConfig c, double lr, AxolotlRun run, double r, double k, Location at,
                                      List<Imported.Fact> facts) {
        long n = run.numTrainingSteps(), w = run.numWarmupSteps();
        long end = (long) (n * k);
        Location kAt = c.at("cosine_constant_lr_ratio");
        facts.add(new Imported.Fact("constant from step", Long.toString(end), "int(" + n + " x "
                + DoubleFormat.format(k) + ")"));
        if (end > w) {
            AxolotlFormat.ScheduleMapping cosine = AxolotlFormat.ScheduleMapping.of("hf.cosine_with_min_lr", at);
            cosine.number("lr", c.at("learning_rate"), lr);
            cosine.integer("num_warmup_steps", run.warmupAt(), w);
            cosine.integer("num_training_steps", kAt, end);
            cosine.number("min_lr_rate", c.at("cosine_min_lr_ratio"), r);
            AxolotlFormat.ScheduleMapping hold = AxolotlFormat.ScheduleMapping.of("constant", at);
            hold.number("lr", c.at("cosine_min_lr_ratio"), lr * r);
            return sequence(at, kAt, List.of(cosine.build(), hold.build()), List.of(end));
        }
        // the constant phase starts inside the warmup: after it the lambda is stuck at one value
        double progress = (double) (end - w) / Math.max(1, end - w);
        double lambda = Math.max(0, (1 - r) * 0.5 * (1.0 + Libm.cos(Math.PI * 0.5 * 2.0 * progress))) + r;
        facts.add(new Imported.Fact("lr multiplier after the warmup", DoubleFormat.format(lambda), "the constant "
                + "phase starts at step " + end + ", not after the warmup of " + w));
        AxolotlFormat.ScheduleMapping hold = AxolotlFormat.ScheduleMapping.of("constant", at);
        hold.number("lr", kAt, lr * lambda);
        if (w == 0) {
            return hold.build();
        }
        AxolotlFormat.ScheduleMapping warm = AxolotlFormat.ScheduleMapping.of("hf.constant_with_warmup", at);
        warm.number("lr", c.at("learning_rate"), lr);
        warm.integer("num_warmup_steps", run.warmupAt(), w);
        return sequence(at, run.warmupAt(), List.of(warm.build(), hold.build()), List.of(w));
    }

    /**
     * RexLR: the constructor already steps it once, so update s gets the lr of step k = s + 1: lr * k / W for
     * 1 <= k <= W, then min_lr/lr + (1 - min_lr/lr) * z / (0.1 + 0.9 z) with z = (R - a) / R, a = k - W,
     * R = N - W, and min_lr once a >= R.
     */
    static Node.MapNode rex(AxolotlConfig c, double lr, AxolotlRun run, OptionalDouble minRatio, Location at,
                            List<Imported.Fact> facts) {
        long n = run.numTrainingSteps(), w = run.numWarmupSteps();
        if (w > n) {
            throw new InputException(run.warmupAt(), "num_warmup_steps (" + w + ") must be less than or equal to "
                    + "total_steps (" + n + ") (axolotl's RexLR); shorten the warmup");
        }
        if (lr == 0) {
            throw new InputException(c.at("learning_rate"), "rex divides by learning_rate (axolotl's RexLR fails "
                    + "with a ZeroDivisionError); give a learning_rate > 0");
        }
        double r = 0;
        if (minRatio.isPresent()) {
            r = minRatio.getAsDouble();
            if (!(r >= 0 && r <= 1)) {
                throw new InputException(c.at("cosine_min_lr_ratio"), "cosine_min_lr_ratio must be between 0.0 "
                        + "and 1.0 (axolotl asserts it), not " + DoubleFormat.format(r));
            }
        }
        double minLr = lr * r;
        Location minAt = minRatio.isPresent() ? c.at("cosine_min_lr_ratio") : at;
        facts.add(new Imported.Fact("min_lr", DoubleFormat.format(minLr), minRatio.isPresent()
                ? DoubleFormat.format(lr) + " x " + DoubleFormat.format(r) : "0 (no cosine_min_lr_ratio)"));
        facts.add(new Imported.Fact("RexLR step of update s", "s + 1", "its constructor steps it once"));
        List<Node> pieces = new ArrayList<>();
        List<Long> boundaries = new ArrayList<>();
        if (w >= 1) {
            AxolotlFormat.ScheduleMapping warm = expr(at, "lr * (step + 1) / warmup_steps");
            warm.number("lr", c.at("learning_rate"), lr);
            warm.integer("warmup_steps", run.warmupAt(), w);
            pieces.add(warm.build());
        }
        long remaining = n - w;
        if (n - 1 > w) {
            if (!pieces.isEmpty()) {
                boundaries.add(w);
            }
            AxolotlFormat.ScheduleMapping decay = expr(at, "lr * (min_lr / lr + (1.0 - min_lr / lr) * "
                    + "(((remaining - (step + 1)) / remaining) / (0.1 + 0.9 * ((remaining - (step + 1)) / remaining))))");
            decay.number("lr", c.at("learning_rate"), lr);
            decay.number("min_lr", minAt, minLr);
            decay.integer("remaining", run.lengthAt(), remaining);
            pieces.add(decay.build());
        }
        AxolotlFormat.ScheduleMapping floor = AxolotlFormat.ScheduleMapping.of("constant", at);
        floor.number("lr", minAt, minLr);
        if (!pieces.isEmpty()) {
            boundaries.add(Math.max(w, n - 1));
        }
        pieces.add(floor.build());
        if (pieces.size() == 1) {
            return floor.build();
        }
        return sequence(at, run.lengthAt(), pieces, boundaries);
    }

    private static AxolotlFormat.ScheduleMapping expr(Location at, String formula) {
        AxolotlFormat.ScheduleMapping b = AxolotlFormat.ScheduleMapping.of("expr", at);
        b.text("formula", at, formula);
        return b;
    }

    private static Node.MapNode sequence(Location at, Location boundariesAt, List<Node> pieces,
                                         List<Long> boundaries) {
        AxolotlFormat.ScheduleMapping b = AxolotlFormat.ScheduleMapping.of("sequence", at);
        b.list("schedules", at, pieces);
        List<Node> bs = new ArrayList<>();
        for (long x : boundaries) {
            bs.add(new Node.ScalarNode(boundariesAt, Long.toString(x), Node.ScalarKind.NUMBER));
        }
        b.list("boundaries", boundariesAt, bs);
        return b.build();
    }
}

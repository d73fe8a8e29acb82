package lrsched.compat.deepspeed;

import java.util.function.LongToDoubleFunction;

import lrsched.core.DoubleFormat;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.core.Versions;
import lrsched.registry.Args;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * DeepSpeed's {@code OneCycle}: one triangular cycle, then an optional hyperbolic decay of cycle_min_lr, as the newest
 * DeepSpeed computes it, or as releases before {@link #STAIRS_AND_GUARDS} do with {@code versions: {deepspeed: X}}.
 */
final class OneCycle {
    /**
     * DeepSpeed 0.19.4 (its release notes list deepspeedai/DeepSpeed#8166 "Guard LRRangeTest and OneCycle schedulers
     * against zero step sizes" and #8179 "Make the OneCycle stair counts actually change the schedule"): the stair
     * counts quantise the cycle, and a cycle_first_step_size <= 0 or a negative cycle_second_step_size is refused when
     * built. Before, the stair counts were stored and never read.
     */
    static final Versions.Version STAIRS_AND_GUARDS = Versions.Version.parse("0.19.4").orElseThrow();

    private static final Param CYCLE_MIN_LR = Param.real("cycle_min_lr", "lower LR of the cycle (the starting LR)");
    private static final Param CYCLE_MAX_LR = Param.real("cycle_max_lr", "upper LR of the cycle");
    private static final Param DECAY_LR_RATE = Param.real("decay_lr_rate", "post-cycle decay rate (0: no decay; a "
            + "negative one would divide by zero)").defaultsTo(0.0).nonNegative();
    private static final Param FIRST_STEP_SIZE = Param.real("cycle_first_step_size", "steps in the rising half "
            + "(> 0; >= 0 before DeepSpeed 0.19.4)").defaultsTo(2000.0);
    private static final Param SECOND_STEP_SIZE = Param.real("cycle_second_step_size", "steps in the falling half "
            + "(>= 0)").defaultsToComputed("cycle_first_step_size");
    private static final Param FIRST_STAIR_COUNT = Param.integer("cycle_first_stair_count", "stairs in the rising "
            + "half: the lr moves in that many equal steps (0: continuous; ignored before DeepSpeed 0.19.4)")
            .defaultsTo(0);
    private static final Param SECOND_STAIR_COUNT = Param.integer("cycle_second_stair_count", "stairs in the falling "
            + "half (ignored before DeepSpeed 0.19.4)").defaultsToComputed("cycle_first_stair_count");
    private static final Param DECAY_STEP_SIZE = Param.real("decay_step_size", "decay interval (0: no decay; a "
            + "negative one would divide by zero)").defaultsTo(0.0).nonNegative();

    private OneCycle() {}

    static TypeDef type() {
        return TypeDef.builder("deepspeed.OneCycle", "one triangular cycle min -> max -> min, then optional decay")
                .formula("b = s (the batch iteration get_lr() sees at row s); S = first + second step size\n"
                        + "b <= S: x = b / S (as 1 + b/S - floor(1 + b/S)); h = x / r if x <= r else "
                        + "(x - 1) / (r - 1), r = first / S\n"
                        + "        f = cycle_min_lr + (cycle_max_lr - cycle_min_lr) * h\n"
                        + "b > S: f = cycle_min_lr / (1 + decay_lr_rate * (b - S) / decay_step_size)  "
                        + "(cycle_min_lr when either is 0)")
                .notes("Row 0 is cycle_min_lr (set by the constructor); row s is get_lr() at "
                        + "last_batch_iteration = s - 1, whose formula uses batch_iteration = s, so the peak is at row "
                        + "cycle_first_step_size and the cycle ends at cycle_min_lr at row S. The decay is smooth "
                        + "(not stepped) despite decay_step_size. A stair count n > 0 (DeepSpeed 0.19.4 and later) "
                        + "replaces h by floor(p * n) / n, p = b / first in the rising half, (S - b) / second in the "
                        + "falling one; earlier releases store the counts and never use them "
                        + "(versions: {deepspeed: \"0.19.3\"}). Momentum arguments only affect betas and are ignored "
                        + "here. DeepSpeed 0.19.4 refuses cycle_first_step_size <= 0 when built; before, with 0 the "
                        + "row that reaches the end of the cycle divides 0/0 (ZeroDivisionError). Step sizes, "
                        + "decay_lr_rate and decay_step_size are >= 0: a negative decay term makes the divisor "
                        + "1 + decay_lr_rate * k / decay_step_size reach 0.")
                .params(DeepSpeedTypes.OPTIMIZER_LR_IGNORED, CYCLE_MIN_LR, CYCLE_MAX_LR, DECAY_LR_RATE,
                        FIRST_STEP_SIZE, SECOND_STEP_SIZE, FIRST_STAIR_COUNT, SECOND_STAIR_COUNT, DECAY_STEP_SIZE,
                        Param.ignored("cycle_momentum", "momentum cycling (affects betas, not the LR)"),
                        Param.ignored("cycle_min_mom", "momentum lower bound (not the LR)"),
                        Param.ignored("cycle_max_mom", "momentum upper bound (not the LR)"),
                        Param.ignored("decay_mom_rate", "momentum decay rate (not the LR)"))
                .build(a -> {
                    double min = a.real(CYCLE_MIN_LR), max = a.real(CYCLE_MAX_LR);
                    double first = a.real(FIRST_STEP_SIZE);
                    double second = a.has(SECOND_STEP_SIZE) ? a.real(SECOND_STEP_SIZE) : first;
                    boolean stairs = a.versions().of("deepspeed").map(v -> v.compareTo(STAIRS_AND_GUARDS) >= 0)
                            .orElse(true);
                    checkStepSizes(a, first, second, stairs);
                    long firstStairs = stairs ? a.integer(FIRST_STAIR_COUNT) : 0;
                    long secondStairs = !stairs ? 0
                            : a.has(SECOND_STAIR_COUNT) ? a.integer(SECOND_STAIR_COUNT) : firstStairs;
                    double total = first + second;
                    a.check(total != 0, FIRST_STEP_SIZE, () -> "ZeroDivisionError: float division by zero "
                            + "(cycle_first_step_size + cycle_second_step_size is 0)");
                    double rise = first / total;
                    double rate = a.real(DECAY_LR_RATE), interval = a.real(DECAY_STEP_SIZE);
                    boolean decays = rate != 0 && interval != 0;
                    Schedule s = row -> {
                        long i = row - 1; // last_batch_iteration
                        if (i < 0) {
                            return min;
                        }
                        if (i < total) {
                            double b = row; // batch_iteration = last_batch_iteration + 1
                            double x = 1. + b / total - Math.floor(1 + b / total);
                            if (x <= rise && rise == 0) {
                                throw new StepOutOfRangeException(row, "ZeroDivisionError: float division by zero "
                                        + "(cycle_first_step_size is 0 and the cycle ends here)");
                            }
                            double h = x <= rise ? x / rise : (x - 1) / (rise - 1);
                            long n = x <= rise ? firstStairs : secondStairs;
                            if (n > 0) { // DeepSpeed quantises from the batch offset in the cycle, not from h
                                double c = b % total;
                                double position = c <= first ? c * n / first : (total - c) * n / second;
                                h = Math.floor(position) / n;
                            }
                            return min + (max - min) * h;
                        }
                        if (!decays) {
                            return min;
                        }
                        return min / (1 + rate * ((i - total + 1) / interval));
                    };
                    // the branches in row order: row 0, the rise (x <= r), the fall, the row where the cycle's
                    // offset wraps to 0, the decay; each a monotone formula of the row (x = (1 + b/S) - 1 is exact)
                    LongToDoubleFunction branch = row -> {
                        if (row < 1) {
                            return 0;
                        }
                        if (row - 1 >= total) {
                            return 4;
                        }
                        double y = 1 + row / total;
                        return y >= 2 ? 3 : y - 1 <= rise ? 1 : 2;
                    };
                    return s.withPieces(Pieces.whereChanges(0, branch)).withWarmupEnd(Math.round(first));
                });
    }

    /**
     * DeepSpeed 0.19.4's refusals (quoted), or, before it, lrsched's refusal of negative lengths, which DeepSpeed
     * turned into a distorted cycle.
     */
    private static void checkStepSizes(Args a, double first, double second, boolean guarded) {
        if (guarded) {
            a.check(first > 0, FIRST_STEP_SIZE, () -> "cycle_first_step_size must be positive, got "
                    + DoubleFormat.format(first));
            a.check(second >= 0, SECOND_STEP_SIZE, () -> "cycle_second_step_size must be non-negative, got "
                    + DoubleFormat.format(second));
        } else {
            a.check(first >= 0, FIRST_STEP_SIZE, () -> "cycle_first_step_size must be >= 0, not "
                    + DoubleFormat.formatCompact(first) + " (DeepSpeed before 0.19.4 computes a distorted cycle)");
            a.check(second >= 0, SECOND_STEP_SIZE, () -> "cycle_second_step_size must be >= 0, not "
                    + DoubleFormat.formatCompact(second) + " (DeepSpeed before 0.19.4 computes a distorted cycle)");
        }
    }
}

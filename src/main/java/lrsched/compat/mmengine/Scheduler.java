package lrsched.compat.mmengine;

import lrsched.core.Libm;
import lrsched.core.StepOutOfRangeException;

/**
 * One mmengine parameter scheduler as the runner builds it (after {@code build_iter_from_epoch} when
 * {@code convert_to_iter_based}), applying its chainable {@code _get_value} to the current lr
 * (mmengine/optim/scheduler/param_scheduler.py). Fields are the constructor's arguments after conversion.
 */
record Scheduler(String kind, long begin, long end, boolean byEpoch, double[] reals, long[] ints,
                 double[] weights) {
    /** mmengine's INF = int(1e9), the default end. */
    static final long INF = 1_000_000_000L;

    // reals / ints layout per kind (see MmengineTypes.scheduler):
    // ConstantLR: reals {factor}
    // LinearLR: reals {start_factor, end_factor}
    // CosineAnnealingLR: reals {eta_min or NaN, eta_min_ratio or NaN}, ints {T_max}
    // PolyLR: reals {eta_min, power}
    // ExponentialLR: reals {gamma}
    // StepLR: reals {gamma}, ints {step_size}
    // MultiStepLR: reals {gamma}, ints = milestones
    // OneCycleLR: reals {eta_max, pct_start, div_factor, final_div_factor, linear(1)/cos(0), three_phase},
    //             ints {total_steps}
    // CosineRestartLR: reals {eta_min or NaN, eta_min_ratio or NaN}, ints = periods, weights = restart_weights

    /** The optimizer's param group: lr and the keys the schedulers keep in it. */
    static final class Group {
        double lr;
        double initialLr = Double.NaN;
        double maxLr;
        double minLr;
    }

    /** The lr after {@code step()} at global step {@code g} (in-window steps only; last_step = g - begin). */
    double apply(Group group, double base, long g, long row) {
        long last = g - begin;
        double lr = group.lr;
        switch (kind) {
            case "ConstantLR": {
                long total = end - begin - 1;
                if (last == 0) {
                    return lr * reals[0];
                }
                if (last > total || last != total) {
                    return lr;
                }
                return lr * (1.0 / reals[0]);
            }
            case "LinearLR": {
                double start = reals[0], stop = reals[1];
                long total = end - begin - 1;
                if (last == 0) {
                    return lr * start;
                }
                return lr * (1. + (stop - start) / (total * start + (last - 1) * (stop - start)));
            }
            case "CosineAnnealingLR": {
                long tMax = ints[0];
                double etaMin = Double.isNaN(reals[1]) ? reals[0] : base * reals[1];
                if (last == 0) {
                    return lr;
                }
                if (Math.floorMod(last - 1 - tMax, 2 * tMax) == 0) {
                    return lr + (base - etaMin) * (1 - Libm.cos(Math.PI / tMax)) / 2;
                }
                return (1 + Libm.cos(Math.PI * last / tMax)) / (1 + Libm.cos(Math.PI * (last - 1) / tMax))
                        * (lr - etaMin) + etaMin;
            }
            case "PolyLR": {
                long total = end - begin - 1;
                if (last == 0) {
                    return lr;
                }
                return (lr - reals[0]) * Libm.pow(1 - 1.0 / (total - last + 1), reals[1]) + reals[0];
            }
            case "ExponentialLR":
                return last == 0 ? lr : lr * reals[0];
            case "StepLR":
                return last == 0 || last % ints[0] != 0 ? lr : lr * reals[0];
            case "MultiStepLR": {
                int count = 0;
                for (long m : ints) {
                    if (m == last) {
                        count++;
                    }
                }
                return count == 0 ? lr : lr * Libm.pow(reals[0], count);
            }
            case "OneCycleLR":
                return oneCycle(group, last, row);
            case "CosineRestartLR":
                return cosineRestart(group, base, last);
            default:
                throw new IllegalStateException(kind);
        }
    }

    private double oneCycle(Group group, long step, long row) {
        long total = ints[0];
        if (step > total) {
            throw new StepOutOfRangeException(row, "mmengine's OneCycleLR raises ValueError: Tried to step "
                    + (step + 1) + " times. The specified number of total steps is " + total);
        }
        double pct = reals[1];
        boolean linear = reals[4] == 1, three = reals[5] == 1;
        double[] ends;
        double[][] values;
        if (three) {
            ends = new double[] {pct * total - 1, 2 * pct * total - 2, total - 1};
            values = new double[][] {{group.initialLr, group.maxLr}, {group.maxLr, group.initialLr},
                {group.initialLr, group.minLr}};
        } else {
            ends = new double[] {pct * total - 1, total - 1};
            values = new double[][] {{group.initialLr, group.maxLr}, {group.maxLr, group.minLr}};
        }
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                double p = (step - start) / (ends[i] - start);
                double a = values[i][0], b = values[i][1];
                if (linear) {
                    return (b - a) * p + a;
                }
                double cosOut = Libm.cos(Math.PI * p) + 1;
                return b + (a - b) / 2.0 * cosOut;
            }
            start = ends[i];
        }
        throw new IllegalStateException();
    }

    private double cosineRestart(Group group, double base, long step) {
        long cumulative = 0;
        for (int i = 0; i < ints.length; i++) {
            long nearest = cumulative;
            cumulative += ints[i];
            if (step < cumulative) {
                double etaMax = base * weights[i];
                double etaMin = Double.isNaN(reals[1]) ? reals[0] : base * reals[1];
                long s = step - nearest;
                if (s == 0) {
                    return etaMax;
                }
                long period = ints[i];
                return (1 + Libm.cos(Math.PI * s / period)) / (1 + Libm.cos(Math.PI * (s - 1) / period))
                        * (group.lr - etaMin) + etaMin;
            }
        }
        return group.lr;
    }
}

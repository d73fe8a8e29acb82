package lrsched.compat.keras;

import lrsched.compat.torch.Plateau;
import lrsched.registry.Args;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;
import lrsched.schedule.Rows;

/**
 * Keras 3's {@code keras.callbacks.ReduceLROnPlateau} (keras-team/keras keras/src/callbacks/reduce_lr_on_plateau.py
 * and monitor_callback.py at 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60), replayed on a recorded metric trace. Its
 * bookkeeping differs from PyTorch's: the cooldown is counted down before the comparison, the first value is always
 * an improvement, the reduction comes when {@code wait >= patience} (not {@code >}), and an lr already at min_lr
 * neither resets {@code wait} nor starts a cooldown. The optimizer keeps its learning rate in a float32 variable
 * (keras/src/optimizers/base_optimizer.py), so every row is a float32 value.
 */
final class ReduceLrOnPlateau {
    private static final Param LEARNING_RATE = Param.real("learning_rate",
            "the optimizer's learning_rate (row 0, held in float32)");
    private static final Param MONITOR = Param.text("monitor", "the monitored quantity's name; with mode auto, "
            + "loss and val_loss are minimised").defaultsTo("val_loss");
    private static final Param FACTOR = Param.real("factor", "new_lr = lr * factor; must be < 1").defaultsTo(0.1);
    private static final Param PATIENCE = Param.integer("patience",
            "epochs without improvement; the patience-th one reduces").defaultsTo(10);
    private static final Param VERBOSE = Param.ignored("verbose", "prints each reduction; no effect on the lr");
    private static final Param MODE = Param.choice("mode", "min, max, or auto (min for loss and val_loss)",
            "auto", "min", "max");
    private static final Param MIN_DELTA = Param.real("min_delta",
            "how much better counts as an improvement (its absolute value is used)").defaultsTo(1e-4);
    private static final Param COOLDOWN = Param.integer("cooldown", "epochs after a reduction before counting "
            + "again").defaultsTo(0);
    private static final Param MIN_LR = Param.real("min_lr", "lower bound on the learning rate").defaultsTo(0.0);

    private ReduceLrOnPlateau() {
    }

    static TypeDef type() {
        return TypeDef.builder("keras.ReduceLROnPlateau", "callback: multiply the learning rate by factor when a "
                        + "recorded metric stops improving")
                .formula("row k = the optimizer's learning_rate after k calls of on_epoch_end (row 0: "
                        + "float32(learning_rate))\n"
                        + "each call: in cooldown: cooldown_counter -= 1, wait = 0\n"
                        + "  improvement (the first value always; then metric + |min_delta| < best (min) or "
                        + "metric - |min_delta| > best (max)): best = metric, wait = 0\n"
                        + "  else, out of cooldown: wait += 1; wait >= patience and lr > float32(min_lr): "
                        + "lr = float32(max(lr * factor, min_lr)), cooldown_counter = cooldown, wait = 0")
                .notes(Plateau.TRACE_NOTE + " The callback runs at the end of each epoch: use stepping: epoch with "
                        + "steps_per_epoch. mode auto is min for loss and val_loss; for another metric Keras reads "
                        + "its direction from the compiled model's metrics, which lrsched does not see, so write "
                        + "mode: max or min. An unknown mode, which Keras turns into auto with a warning, is "
                        + "refused. Comparisons are Keras' numpy-backend float64 ones (the TensorFlow, JAX and "
                        + "torch backends round both sides to float32 first: they differ only for metrics closer "
                        + "than about 1e-7 relative).")
                .params(LEARNING_RATE, MONITOR, FACTOR, PATIENCE, VERBOSE, MODE, MIN_DELTA, COOLDOWN, MIN_LR,
                        Plateau.METRICS)
                .build(ReduceLrOnPlateau::build);
    }

    private static Rows build(Args a) {
        double factor = a.real(FACTOR);
        a.check(factor < 1.0, FACTOR, () -> "ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                + lrsched.core.DoubleFormat.format(factor));
        String mode = a.choice(MODE);
        String monitor = a.text(MONITOR);
        String metric = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        a.check(!mode.equals("auto") || metric.equals("loss"), MODE, () -> "auto: Keras infers whether '" + monitor
                + "' should rise or fall from the compiled model's metrics, which lrsched does not see; write "
                + "mode: max or mode: min");
        boolean less = !mode.equals("max");
        double delta = Math.abs(a.real(MIN_DELTA));
        double signedDelta = less ? -delta : delta; // MonitorCallback negates min_delta for ops.less
        long patience = a.integer(PATIENCE);
        long cooldown = a.integer(COOLDOWN);
        double minLr = a.real(MIN_LR);
        double minLr32 = (float) minLr;
        double[] trace = a.trace(Plateau.METRICS);

        double[] rows = new double[trace.length + 1];
        double lr = (float) a.real(LEARNING_RATE);
        rows[0] = lr;
        boolean hasBest = false;
        double best = 0;
        long wait = 0;
        long cooldownCounter = 0;
        for (int k = 0; k < trace.length; k++) {
            double current = trace[k];
            if (cooldownCounter > 0) {
                cooldownCounter--;
                wait = 0;
            }
            double shifted = current - signedDelta;
            boolean improvement = !hasBest || (less ? shifted < best : shifted > best);
            if (improvement) {
                best = current;
                hasBest = true;
                wait = 0;
            } else if (cooldownCounter <= 0) {
                wait++;
                if (wait >= patience && lr > minLr32) {
                    double reduced = lr * factor;
                    if (minLr > reduced) { // Python's max(new_lr, min_lr)
                        reduced = minLr;
                    }
                    lr = (float) reduced; // assigned to the float32 variable
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
            rows[k + 1] = lr;
        }
        return Rows.of(rows);
    }
}

package lrsched.input.config.lightning;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.input.config.Imported;
import lrsched.registry.RunFacts;

/**
 * The run a LightningCLI {@code trainer:} section describes, counted as Lightning's loops count it: the training
 * batches per epoch (the dataloader's length per process, limited by {@code limit_train_batches}), the optimizer
 * updates per epoch ({@code ceil(batches / accumulate_grad_batches)}: Lightning steps the optimizer on an epoch's last
 * batch even when the accumulation is incomplete), and the run's length ({@code max_epochs} epochs, cut by
 * {@code max_steps}).
 *
 * @param updatesPerEpoch optimizer updates per epoch (0 when the run's length did not need it)
 * @param updates         optimizer updates in the run
 * @param epochLocation   where derived per-epoch numbers are said to come from
 */
record LightningRun(long updatesPerEpoch, long updates, Location epochLocation) {
    private static final String MAX_EPOCHS = "max_epochs";
    private static final String MAX_STEPS = "max_steps";
    private static final String MAX_TIME = "max_time";
    private static final String ACCUMULATE = "accumulate_grad_batches";
    private static final String LIMIT = "limit_train_batches";

    /**
     * @param perEpoch whether the schedule needs the updates per epoch even when the run's length does not (a
     *                 scheduler stepped once per epoch)
     */
    static LightningRun of(Node.MapNode trainer, Location fileStart, RunFacts runFacts, boolean perEpoch,
                           List<Imported.Fact> facts, List<String> defaults) {
        long maxSteps = integer(trainer, MAX_STEPS).orElse(-1);
        if (maxSteps < -1) {
            throw new InputException(valueAt(trainer, MAX_STEPS), "`max_steps` must be a non-negative integer or "
                    + "-1 (infinite steps). You passed in " + maxSteps + ".");
        }
        OptionalLong epochsGiven = integer(trainer, MAX_EPOCHS);
        if (epochsGiven.isPresent() && epochsGiven.getAsLong() < -1) {
            throw new InputException(valueAt(trainer, MAX_EPOCHS), "`max_epochs` must be a non-negative integer "
                    + "or -1. You passed in " + epochsGiven.getAsLong() + ".");
        }
        boolean timed = trainer.get(MAX_TIME).filter(n -> !LightningFormat.isNull(n)).isPresent();
        long maxEpochs;
        if (epochsGiven.isPresent()) {
            maxEpochs = epochsGiven.getAsLong();
        } else if (maxSteps == -1 && !timed) {
            maxEpochs = 1000;
            defaults.add("max_epochs: 1000 (Lightning's default when neither max_epochs nor max_steps is set)");
        } else {
            maxEpochs = -1;
            defaults.add("max_epochs: -1 (Lightning's default when " + (timed ? "max_time" : "max_steps")
                    + " is set: no epoch limit)");
        }
        if (maxSteps == 0 || maxEpochs == 0) {
            String key = maxSteps == 0 ? MAX_STEPS : MAX_EPOCHS;
            throw new InputException(valueAt(trainer, key), key + ": 0 stops Trainer.fit before the first "
                    + "update, so there is no schedule to show; give it a positive number");
        }
        long accumulate = integer(trainer, ACCUMULATE).orElse(1);
        if (accumulate < 1) {
            throw new InputException(valueAt(trainer, ACCUMULATE), "accumulate_grad_batches must be a whole "
                    + "number >= 1 (batches per optimizer update), not " + accumulate);
        }
        Location epochAt = trainer.entries().containsKey(ACCUMULATE) ? valueAt(trainer, ACCUMULATE)
                : trainer.location();

        long updatesPerEpoch = 0;
        if (perEpoch || maxEpochs != -1) {
            long batches = runFacts.require(RunFacts.BATCHES_PER_EPOCH, trainer.entries().isEmpty() ? fileStart
                    : trainer.location(), "the updates per epoch");
            long training = trainingBatches(trainer, batches, facts);
            updatesPerEpoch = -Math.floorDiv(-training, accumulate);
            facts.add(new Imported.Fact("updates per epoch", Long.toString(updatesPerEpoch), accumulate == 1
                    ? "one per batch (accumulate_grad_batches: 1)" : "ceil(" + training + " / " + accumulate
                    + "): the epoch's last batch steps the optimizer even when fewer than " + accumulate
                    + " batches were accumulated"));
        }

        long updates;
        String how;
        if (maxEpochs == -1 && maxSteps == -1) {
            updates = runFacts.require(RunFacts.NUM_UPDATES, timed ? valueAt(trainer, MAX_TIME) : trainer.location(),
                    "a run with no max_epochs and no max_steps limit" + (timed ? " (it stops at max_time)" : ""));
            how = "--run num_updates (the config sets no limit in updates)";
        } else if (maxEpochs == -1) {
            updates = maxSteps;
            how = "max_steps";
        } else {
            long byEpochs;
            try {
                byEpochs = Math.multiplyExact(maxEpochs, updatesPerEpoch);
            } catch (ArithmeticException e) {
                throw new InputException(valueAt(trainer, MAX_EPOCHS), "max_epochs " + maxEpochs + " x "
                        + updatesPerEpoch + " updates per epoch exceeds 64 bits; give a smaller max_epochs");
            }
            if (maxSteps != -1 && maxSteps < byEpochs) {
                updates = maxSteps;
                how = "min(max_steps " + maxSteps + ", max_epochs " + maxEpochs + " x " + updatesPerEpoch + " = "
                        + byEpochs + "): max_steps ends the run in epoch " + (maxSteps / updatesPerEpoch)
                        + " (counting from 0)" + (maxSteps % updatesPerEpoch == 0 ? ", at its start" : "");
            } else {
                updates = byEpochs;
                how = maxEpochs + " x " + updatesPerEpoch + (maxSteps == -1 ? "" : " (max_steps " + maxSteps
                        + " is not reached)");
            }
        }
        if (timed && !how.startsWith("--run")) {
            how += "; max_time may stop it sooner";
        }
        facts.add(new Imported.Fact("updates in the run", Long.toString(updates), how));
        return new LightningRun(updatesPerEpoch, updates, epochAt);
    }

    /** The dataloader's length as {@code limit_train_batches} limits it (Lightning's {@code _parse_num_batches}). */
    private static long trainingBatches(Node.MapNode trainer, long batches, List<Imported.Fact> facts) {
        facts.add(new Imported.Fact("batches per epoch", Long.toString(batches), "--run batches_per_epoch (the "
                + "train dataloader's length in each process)"));
        Optional<Node> node = trainer.get(LIMIT).filter(n -> !LightningFormat.isNull(n));
        if (node.isEmpty()) {
            return batches;
        }
        Node.ScalarNode s = node.get() instanceof Node.ScalarNode sn && sn.kind() == Node.ScalarKind.NUMBER ? sn
                : null;
        String invalid = "You have passed invalid value " + node.get().describe().replace("the number ", "")
                + " for limit_train_batches, it has to be in [0.0, 1.0] or an int.";
        if (s == null) {
            throw new InputException(node.get().location(), invalid);
        }
        OptionalLong asInt = isFloatText(s.text()) ? OptionalLong.empty() : Numbers.parseInteger(s.text());
        long training;
        String how;
        if (asInt.isPresent()) {
            long n = asInt.getAsLong();
            if (n < 0) {
                throw new InputException(s.location(), invalid);
            }
            training = Math.min(batches, n);
            how = "min(" + batches + ", " + n + ")";
        } else {
            OptionalDouble f = Numbers.parseReal(s.text());
            if (f.isEmpty() || !(f.getAsDouble() >= 0)) {
                throw new InputException(s.location(), invalid);
            }
            double limit = f.getAsDouble();
            if (limit <= 1) {
                training = (long) (batches * limit);
                how = "int(" + batches + " x " + s.text() + ")";
                if (training == 0 && limit > 0) {
                    throw new InputException(s.location(), "You requested to check " + s.text() + " of the "
                            + "`train_dataloader` but " + s.text() + " * " + batches + " < 1. Please increase the "
                            + "`limit_train_batches` argument. Try at least `limit_train_batches="
                            + lrsched.core.DoubleFormat.format(1.0 / batches) + "`");
                }
            } else if (limit % 1.0 == 0 && limit < 0x1p62) {
                long n = (long) limit;
                training = Math.min(batches, n);
                how = "min(" + batches + ", " + n + ") (" + s.text() + " is read as the whole number " + n + ")";
            } else {
                throw new InputException(s.location(), invalid);
            }
        }
        if (training == 0) {
            throw new InputException(s.location(), "limit_train_batches: " + s.text() + " skips training (no "
                    + "batches, no updates), so there is no schedule to show; remove it or give a positive limit");
        }
        facts.add(new Imported.Fact("training batches per epoch", Long.toString(training), how
                + " (limit_train_batches: " + s.text() + ")"));
        return training;
    }

    private static boolean isFloatText(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return t.contains(".") || t.contains("e") || t.contains("inf") || t.contains("nan");
    }

    private static OptionalLong integer(Node.MapNode trainer, String key) {
        Optional<Node> node = trainer.get(key).filter(n -> !LightningFormat.isNull(n));
        if (node.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong n = node.get() instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER
                && !isFloatText(s.text()) ? Numbers.parseInteger(s.text()) : OptionalLong.empty();
        if (n.isEmpty()) {
            throw new InputException(node.get().location(), "trainer." + key + " takes a whole number, not "
                    + node.get().describe());
        }
        return n;
    }

    private static Location valueAt(Node.MapNode trainer, String key) {
        return trainer.get(key).map(Node::location).orElse(trainer.location());
    }
}

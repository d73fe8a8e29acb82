package lrsched.input.config.nemo;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Numbers;
import lrsched.input.config.Imported;
import lrsched.input.config.Interpolations;
import lrsched.registry.RunFacts;

/**
 * The max_steps NeMo gives its scheduler, and the run's length: NeMo's {@code ModelPT.setup_optimization} passes
 * {@code trainer.max_steps} when it is >= 0; otherwise {@code prepare_lr_scheduler} takes the scheduler's own
 * {@code max_steps} or computes it from the epochs and the train dataloader ({@code compute_max_steps}).
 *
 * @param maxSteps        the scheduler's max_steps
 * @param maxStepsAt      where it came from in the file
 * @param steps           the run's length in optimizer updates, where the file (and the facts) give it
 * @param updatesPerEpoch updates in one epoch as NeMo computes them (0: not computed)
 */
record NemoRun(long maxSteps, Location maxStepsAt, OptionalLong steps, long updatesPerEpoch) {
    /** Lightning's max_epochs when neither max_epochs nor max_steps is set (Trainer's fit loop). */
    private static final long LIGHTNING_MAX_EPOCHS = 1000;

    static NemoRun of(Node.MapNode root, Interpolations refs, Node.MapNode sched, Location file, RunFacts runFacts,
                      List<Imported.Fact> facts, List<String> defaults) {
        Optional<Node> trainerMaxNode = refs.at("trainer.max_steps").filter(n -> !isNull(n));
        long trainerMax = trainerMaxNode.map(n -> whole(n, "trainer.max_steps", -1)).orElse(-1L);
        if (trainerMaxNode.isEmpty()) {
            defaults.add("trainer.max_steps: -1 (Lightning's default)");
        }
        if (trainerMax >= 0) {
            facts.add(new Imported.Fact("max_steps", Long.toString(trainerMax), "trainer.max_steps (NeMo's "
                    + "setup_optimization passes it to the scheduler, over any sched.max_steps)"));
            return new NemoRun(trainerMax, trainerMaxNode.get().location(), OptionalLong.of(trainerMax), 0);
        }
        Optional<Node> schedMax = sched.get("max_steps").map(n -> refs.resolve(n, NemoFormat.SCHED + ".max_steps"))
                .filter(n -> !isNull(n));
        if (schedMax.isPresent()) {
            long m = whole(schedMax.get(), NemoFormat.SCHED + ".max_steps", -1);
            if (m == -1) {
                throw new InputException(schedMax.get().location(), NemoFormat.SCHED + ".max_steps is -1 and "
                        + "trainer.max_steps is " + trainerMax + ": NeMo then builds no scheduler and trains at the "
                        + "constant lr; set trainer.max_steps (or the scheduler's max_steps) to the run's length");
            }
            facts.add(new Imported.Fact("max_steps", Long.toString(m), NemoFormat.SCHED + ".max_steps "
                    + "(trainer.max_steps is " + trainerMax + "); also taken as the run's length, though Lightning "
                    + "runs trainer.max_epochs epochs: --steps N sets another"));
            return new NemoRun(m, schedMax.get().location(), OptionalLong.of(m), 0);
        }
        return fromEpochs(refs, file, runFacts, facts, defaults);
    }

    /** NeMo's compute_max_steps, with the numbers setup_optimization gives it. */
    private static NemoRun fromEpochs(Interpolations refs, Location file, RunFacts runFacts,
                                      List<Imported.Fact> facts, List<String> defaults) {
        Optional<Node> epochsNode = refs.at("trainer.max_epochs").filter(n -> !isNull(n));
        long maxEpochs = epochsNode.map(n -> whole(n, "trainer.max_epochs", -1)).orElse(LIGHTNING_MAX_EPOCHS);
        if (epochsNode.isEmpty()) {
            defaults.add("trainer.max_epochs: 1000 (Lightning's default when max_steps is -1)");
        }
        Location at = epochsNode.map(Node::location).orElse(file);
        if (maxEpochs < 0) {
            throw new InputException(at, "trainer.max_epochs and trainer.max_steps are both -1: the run never ends "
                    + "and NeMo's max_steps would be negative; set trainer.max_steps");
        }
        Optional<Node> accNode = refs.at("trainer.accumulate_grad_batches").filter(n -> !isNull(n));
        long accumulate = accNode.map(n -> {
            if (!isInteger(n)) {
                throw new InputException(n.location(), "trainer.accumulate_grad_batches must be an integer (NeMo: "
                        + "ValueError: We do not currently support gradient acculumation that is not an integer.)");
            }
            return whole(n, "trainer.accumulate_grad_batches", 1);
        }).orElse(1L);
        long workers = workers(refs, file, runFacts, facts);
        long samples = runFacts.require(RunFacts.DATASET_SIZE, at, "trainer.max_steps is -1, so NeMo's max_steps, "
                + "computed from len(train_dataloader.dataset),");
        Node batchNode = refs.at("model.train_ds.batch_size").filter(n -> !isNull(n)).orElseThrow(() ->
                new InputException(at, "trainer.max_steps is -1, so NeMo computes max_steps from the train "
                        + "dataloader's batch size; model.train_ds.batch_size is not set"));
        long batch = whole(batchNode, "model.train_ds.batch_size", 1);
        boolean dropLast = refs.at("model.train_ds.drop_last").filter(n -> !isNull(n))
                .map(n -> n instanceof Node.ScalarNode s && s.text().equalsIgnoreCase("true")).orElse(false);
        long perWorker = ceilDiv(samples, Math.max(1, workers));
        long perEpoch = dropLast ? perWorker / batch : ceilDiv(perWorker, batch);
        facts.add(new Imported.Fact("steps per epoch", Long.toString(perEpoch), (dropLast ? "floor(" : "ceil(")
                + "ceil(" + samples + " / " + workers + ") / " + batch + ")" + (dropLast ? " (drop_last)" : "")));
        Optional<Node> limitNode = refs.at("trainer.limit_train_batches").filter(n -> !isNull(n));
        if (limitNode.isPresent()) {
            Node n = limitNode.get();
            double limit = n instanceof Node.ScalarNode s ? Numbers.parseReal(s.text()).orElse(Double.NaN)
                    : Double.NaN;
            if (Double.isNaN(limit) || limit < 0) {
                throw new InputException(n.location(), "trainer.limit_train_batches takes a number of batches (an "
                        + "int) or a share of them (a float), not " + n.describe());
            }
            long before = perEpoch;
            if (isInteger(n) || limit == 0.0) {
                perEpoch = Math.min(perEpoch, (long) limit);
                facts.add(new Imported.Fact("steps per epoch", Long.toString(perEpoch), "min(" + before + ", "
                        + (long) limit + ") (limit_train_batches is an int: a number of batches)"));
            } else {
                perEpoch = (long) (perEpoch * limit);
                facts.add(new Imported.Fact("steps per epoch", Long.toString(perEpoch), "int(" + before + " x "
                        + ((Node.ScalarNode) n).text() + ") (limit_train_batches is a float: a share)"));
            }
        }
        long updates = ceilDiv(perEpoch, accumulate);
        long maxSteps = updates * maxEpochs;
        facts.add(new Imported.Fact("updates per epoch", Long.toString(updates), "ceil(" + perEpoch + " / "
                + accumulate + ") (accumulate_grad_batches " + accumulate + ")"));
        facts.add(new Imported.Fact("max_steps", Long.toString(maxSteps), updates + " x " + maxEpochs + " (max_epochs;"
                + " NeMo's compute_max_steps, as trainer.max_steps is -1)"));
        return new NemoRun(maxSteps, at, OptionalLong.of(maxSteps), updates);
    }

    /** NeMo's t_num_workers: trainer.devices x trainer.num_nodes (data parallel). */
    private static long workers(Interpolations refs, Location file, RunFacts runFacts, List<Imported.Fact> facts) {
        Optional<Node> devicesNode = refs.at("trainer.devices").filter(n -> !isNull(n));
        long nodes = refs.at("trainer.num_nodes").filter(n -> !isNull(n)).map(n -> whole(n, "trainer.num_nodes", 1))
                .orElse(1L);
        OptionalLong devices = OptionalLong.empty();
        if (devicesNode.isPresent() && devicesNode.get() instanceof Node.ListNode list) {
            devices = OptionalLong.of(list.items().size());
        } else if (devicesNode.isPresent() && isInteger(devicesNode.get())) {
            long d = whole(devicesNode.get(), "trainer.devices", -1);
            devices = d > 0 ? OptionalLong.of(d) : OptionalLong.empty();
        }
        if (devices.isEmpty()) {
            long given = runFacts.require(RunFacts.NUM_DEVICES, devicesNode.map(Node::location).orElse(file),
                    "trainer.devices is " + devicesNode.map(Node::describe).orElse("not set ('auto')")
                            + ", so the number of processes NeMo divides the dataset by");
            facts.add(new Imported.Fact("t_num_workers", Long.toString(given), "--run num_devices (all processes)"));
            return given;
        }
        long workers = devices.getAsLong() * nodes;
        facts.add(new Imported.Fact("t_num_workers", Long.toString(workers), "trainer.devices x trainer.num_nodes = "
                + devices.getAsLong() + " x " + nodes));
        return workers;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static boolean isNull(Node n) {
        return n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NULL;
    }

    private static boolean isInteger(Node n) {
        return n instanceof Node.ScalarNode s && s.kind() == Node.ScalarKind.NUMBER && s.text().strip()
                .matches("[+-]?[\\d_]+");
    }

    private static long whole(Node node, String path, long min) {
        OptionalLong n = isInteger(node) ? Numbers.parseInteger(((Node.ScalarNode) node).text())
                : OptionalLong.empty();
        if (n.isEmpty() || n.getAsLong() < min) {
            throw new InputException(node.location(), path + " takes a whole number >= " + min + ", not "
                    + node.describe());
        }
        return n.getAsLong();
    }
}

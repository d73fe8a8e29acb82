package lrsched.input.config.axolotl;

import java.util.List;
import java.util.OptionalLong;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.input.config.Imported;
import lrsched.registry.RunFacts;

/**
 * An axolotl run's length and warmup, as axolotl sizes them (non-packed datasets):
 *
 * <pre>
 * gradient_accumulation_steps = gradient_accumulation_steps or batch_size // micro_batch_size   (normalize_config)
 * batch_size                  = (batch_size or micro_batch_size * gradient_accumulation_steps)
 *                               * (world_size // context_parallel_size // tensor_parallel_size)   if world_size != 1
 *                                                                                                 and ddp/fsdp
 * total_num_steps             = int(ceil(dataset_size * num_epochs / batch_size))   (calculate_total_num_steps)
 *                               min(that, max_steps) when max_steps is set           (prepare_datasets, SFT only)
 *                               max_steps for streaming and pretraining datasets
 * warmup_steps                = warmup_steps | max(int(warmup_ratio * total_num_steps), 0)
 *                               | min(int(0.03 * total_num_steps), 100); then 1 becomes 2   (the builder)
 * sample_packing: only with max_steps and warmup_steps (then the packed estimate changes nothing)
 * TrainingArguments.max_steps = max_steps or total_num_steps: the scheduler's num_training_steps and the run's length
 * num_warmup_steps            = int(warmup_steps)   (TrainingArguments.get_warmup_steps; warmup_steps >= 1 or 0)
 * </pre>
 *
 * @param numTrainingSteps the scheduler's length and the run's, in optimizer updates
 * @param numWarmupSteps   the warmup the scheduler gets
 */
record AxolotlRun(long numTrainingSteps, long numWarmupSteps, Location lengthAt, Location warmupAt) {

    private static final List<String> PREFERENCE_RL = List.of("dpo", "ipo", "orpo", "kto", "simpo");

    static AxolotlRun of(AxolotlConfig c, RunFacts facts, List<Imported.Fact> out, List<String> defaults) {
        OptionalLong maxStepsGiven = c.integer("max_steps", 0, "the number of updates");
        long maxSteps = maxStepsGiven.orElse(0);
        boolean streaming = c.flag("streaming") || c.has("pretraining_dataset");
        String rl = c.text("rl").orElse("");
        if (!rl.isEmpty() && !PREFERENCE_RL.contains(rl)) {
            throw new InputException(c.at("rl"), "rl: " + rl + " is not supported: its trainer sizes the run from "
                    + "its own generation batches; supported are no rl (SFT) and rl: " + String.join(", ",
                    PREFERENCE_RL));
        }
        boolean warmupFromTotal = !c.has("warmup_steps");
        boolean packed = c.flag("sample_packing");
        if (packed && !streaming && (maxSteps == 0 || warmupFromTotal)) {
            throw new InputException(c.at("sample_packing"), "sample_packing: true is not supported without "
                    + "max_steps and warmup_steps: axolotl estimates the updates of a packed run from the token "
                    + "lengths of the tokenized dataset (MultipackBatchSampler), which a config cannot know; set "
                    + "both to read such a run, or drop sample_packing to see the unpacked run");
        }
        // the builder's total_num_steps, and where it comes from
        long total;
        Location lengthAt;
        if (streaming) {
            if (maxSteps == 0) {
                throw new InputException(c.keyAt(c.has("streaming") ? "streaming" : "pretraining_dataset"),
                        "a streaming or pretraining dataset needs max_steps (axolotl: the Trainer can't infer "
                                + "the length without it); add max_steps: N");
            }
            total = maxSteps;
            lengthAt = c.at("max_steps");
            out.add(new Imported.Fact("total_num_steps", Long.toString(total), "max_steps (streaming dataset)"));
        } else if (maxSteps > 0 && !warmupFromTotal && (packed || facts.get(RunFacts.DATASET_SIZE).isEmpty())) {
            // the dataset (packed or not) only sizes the warmup and logging, and warmup_steps is given
            total = maxSteps;
            lengthAt = c.at("max_steps");
        } else {
            long fromData = fromDataset(c, facts, out);
            lengthAt = c.has("num_epochs") ? c.at("num_epochs") : c.keyAt("micro_batch_size");
            total = fromData;
            if (maxSteps > 0 && rl.isEmpty()) {
                total = Math.min(fromData, maxSteps);
                out.add(new Imported.Fact("total_num_steps", Long.toString(total), "min(" + fromData
                        + ", max_steps " + maxSteps + ")"));
            }
        }
        long numTrainingSteps = maxSteps > 0 ? maxSteps : total;
        if (maxSteps > 0) {
            lengthAt = c.at("max_steps");
            out.add(new Imported.Fact("max_steps (TrainingArguments)", Long.toString(maxSteps), "max_steps"));
        }
        // the builder's warmup_steps
        long warmup;
        Location warmupAt;
        OptionalLong steps = c.integer("warmup_steps", 0, "warmup updates");
        if (steps.isPresent()) {
            if (steps.getAsLong() > 0 && c.real("warmup_ratio").orElse(0) != 0) {
                throw new InputException(c.keyAt("warmup_ratio"), "warmup_steps and warmup_ratio are mutually "
                        + "exclusive (axolotl refuses both); remove one");
            }
            warmup = steps.getAsLong();
            warmupAt = c.at("warmup_steps");
            out.add(new Imported.Fact("warmup_steps", Long.toString(warmup), "warmup_steps"));
        } else if (c.has("warmup_ratio")) {
            double ratio = c.real("warmup_ratio").getAsDouble();
            warmup = Math.max((long) (ratio * total), 0);
            warmupAt = c.at("warmup_ratio");
            out.add(new Imported.Fact("warmup_steps", Long.toString(warmup), "max(int(" + DoubleFormat.format(ratio)
                    + " x " + total + "), 0)"));
        } else {
            warmup = Math.min((long) (0.03 * total), 100);
            warmupAt = lengthAt;
            defaults.add("warmup_steps: min(int(0.03 x total_num_steps), 100) (axolotl's default warmup)");
            out.add(new Imported.Fact("warmup_steps", Long.toString(warmup), "min(int(0.03 x " + total
                    + "), 100)"));
        }
        if (warmup == 1) {
            warmup = 2;
            out.add(new Imported.Fact("warmup_steps", "2", "axolotl turns a warmup of 1 into 2"));
        }
        out.add(new Imported.Fact("num_training_steps", Long.toString(numTrainingSteps), maxSteps > 0
                ? "TrainingArguments.max_steps" : "total_num_steps"));
        out.add(new Imported.Fact("num_warmup_steps", Long.toString(warmup), "int(warmup_steps) "
                + "(TrainingArguments.get_warmup_steps)"));
        return new AxolotlRun(numTrainingSteps, warmup, lengthAt, warmupAt);
    }

    /**
     * The rows left for training after the validation split axolotl makes with datasets' train_test_split:
     * {@code n - ceil(val_set_size x n)} for a fraction, {@code n - int(val_set_size)} for a count above 1.
     */
    private static long trainingRows(AxolotlConfig c, long rows, List<Imported.Fact> out) {
        if (c.has("dataset_shard_num")) {
            throw new InputException(c.at("dataset_shard_num"), "dataset_shard_num is not supported: give the "
                    + "rows of the shard as dataset_size and remove it");
        }
        double val = c.real("val_set_size").orElse(0.0);
        boolean rl = c.has("rl");
        if (val == 0 || (rl && c.has("test_datasets"))) {
            return rows;
        }
        if (val < 0 || (rl && val >= 1) || (!rl && val == 1)) {
            throw new InputException(c.at("val_set_size"), "val_set_size " + DoubleFormat.format(val) + " is "
                    + "refused by datasets' train_test_split (a fraction in (0, 1)" + (rl ? "" : " or a count above 1")
                    + "); change it");
        }
        long test = val > 1 ? (long) val : (long) Math.ceil(val * rows);
        long train = rows - test;
        if (train < 1) {
            throw new InputException(c.at("val_set_size"), "val_set_size leaves no training rows of the "
                    + rows + " given (datasets' train_test_split refuses an empty train split)");
        }
        out.add(new Imported.Fact("training rows", Long.toString(train), rows + " - " + (val > 1
                ? "int(" + DoubleFormat.format(val) + ")" : "ceil(" + DoubleFormat.format(val) + " x " + rows + ")")
                + " (val_set_size split)"));
        return train;
    }

    /** calculate_total_num_steps on the non-packed path, with normalize_config's batch size. */
    private static long fromDataset(AxolotlConfig c, RunFacts facts, List<Imported.Fact> out) {
        String source = c.document.source();
        long rows = facts.require(RunFacts.DATASET_SIZE, Location.of(source), "the number of updates "
                + "(total_num_steps)");
        long dataset = trainingRows(c, rows, out);
        OptionalLong micro = c.integer("micro_batch_size", 1, "examples per device per batch");
        OptionalLong accumulation = c.integer("gradient_accumulation_steps", 1, "batches per update");
        OptionalLong batchSize = c.integer("batch_size", 1, "examples per update");
        int set = (micro.isPresent() ? 1 : 0) + (accumulation.isPresent() ? 1 : 0) + (batchSize.isPresent() ? 1 : 0);
        if (set < 2) {
            throw new InputException(Location.of(source), "at least two of micro_batch_size, "
                    + "gradient_accumulation_steps, batch_size must be set (axolotl's schema); add "
                    + "gradient_accumulation_steps: 1");
        }
        if (accumulation.isPresent() && batchSize.isPresent()) {
            throw new InputException(c.keyAt("batch_size"), "please set only one of gradient_accumulation_steps "
                    + "or batch_size (axolotl's schema); remove batch_size");
        }
        if (micro.isEmpty()) {
            throw new InputException(Location.of(source), "micro_batch_size must be set beside batch_size (axolotl "
                    + "divides by it); add micro_batch_size: N");
        }
        long mbs = micro.getAsLong();
        long batch;
        String how;
        if (batchSize.isPresent()) {
            batch = batchSize.getAsLong();
            // the schema's default gradient_accumulation_steps of 1 stays; batch_size alone sizes the run
            how = "batch_size " + batch;
        } else {
            batch = mbs * accumulation.getAsLong();
            how = mbs + " x " + accumulation.getAsLong();
        }
        long world = facts.get(RunFacts.NUM_DEVICES).orElse(1);
        boolean ddp = c.value("ddp").isPresent() ? c.flag("ddp") : world != 1;
        if (world != 1 && (ddp || c.has("fsdp") || c.has("fsdp_config"))) {
            long cp = c.integer("context_parallel_size", 1, "devices per sequence").orElse(1);
            long tp = c.integer("tensor_parallel_size", 1, "devices per layer").orElse(1);
            long effective = world / cp / tp;
            batch = batch * effective;
            how = "(" + how + ") x " + effective + (cp > 1 || tp > 1 ? " (" + world + " // " + cp + " // " + tp
                    + ")" : "");
            if (effective == 0) {
                throw new InputException(c.at(cp > 1 ? "context_parallel_size" : "tensor_parallel_size"),
                        "the parallel sizes exceed the " + world + " devices; give --run num_devices=N with N >= "
                                + (cp * tp));
            }
        }
        out.add(new Imported.Fact("batch_size", Long.toString(batch), how));
        double epochs = c.real("num_epochs").orElse(1.0);
        if (!(epochs > 0)) {
            throw new InputException(c.at("num_epochs"), "num_epochs must be > 0, not " + DoubleFormat.format(epochs));
        }
        long total = (long) Math.ceil(dataset * epochs / batch);
        out.add(new Imported.Fact("total_num_steps", Long.toString(total), "ceil(" + dataset + " x "
                + DoubleFormat.format(epochs) + " / " + batch + ")"));
        return total;
    }
}

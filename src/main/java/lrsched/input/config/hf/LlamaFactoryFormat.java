package lrsched.input.config.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.DoubleFormat;
import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;
import lrsched.registry.RunFacts;
import lrsched.registry.TrainingRun;

/**
 * LLaMA-Factory's training YAML ({@code llamafactory-cli train config.yaml}): TrainingArguments ({@link HfFormat})
 * plus LLaMA-Factory's data and fine-tuning keys, read with OmegaConf. The training set is each dataset truncated to
 * {@code max_samples}, less the validation split {@code val_size}; {@code warmup_stable_decay} gets LLaMA-Factory's
 * stable and decay lengths. src/docs/configs/llamafactory.md is its manual.
 *
 * <p>Recognised: a mapping with {@code stage} and {@code finetuning_type} or {@code template} (LLaMA-Factory's own
 * keys); it refines hf, so a file both claim is LLaMA-Factory's.
 */
public final class LlamaFactoryFormat implements ConfigFormat {

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("LLaMA-Factory trains with the Hugging Face Trainer's schedules (lrsched types "
                + "hf); its YAML configs are read directly: lrsched explain --spec train.yaml --run "
                + "dataset_size=N (src/docs/configs/llamafactory.md)");
    }

    @Override
    public String name() {
        return "llamafactory";
    }

    @Override
    public String title() {
        return "LLaMA-Factory training config";
    }

    @Override
    public List<String> refines() {
        return List.of("hf");
    }

    @Override
    public List<String> versioned() {
        return List.of(TrainerRun.TRANSFORMERS);
    }

    @Override
    public boolean recognizes(Document document) {
        return HfFormat.frameworkMapping(document, m -> m.get("stage").isPresent()
                && (m.get("finetuning_type").isPresent() || m.get("template").isPresent()));
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        TrainerRun run = TrainerRun.read(document, context, PythonValues.Loader.OMEGACONF);
        for (String key : List.of("stage", "finetuning_type", "template")) {
            run.get(key);
        }
        OptionalLong examples = trainingExamples(run, context);
        return run.imported(context, examples, sizes -> wsdDefaults(run, sizes));
    }

    /** The training examples per epoch: dataset_size, truncated by max_samples, less the val_size split. */
    private static OptionalLong trainingExamples(TrainerRun run, ImportContext context) {
        Location docAt = Location.of(run.document.source());
        List<String> datasets = datasets(run);
        boolean streaming = run.get("streaming").map(n -> run.values.bool("streaming", n)).orElse(false);
        if (streaming && run.maxSteps <= 0) {
            throw new InputException(run.get("streaming").get().location(), "streaming: a streamed dataset has no "
                    + "length, and the Trainer then needs max_steps (args.max_steps must be set to a positive value "
                    + "if dataloader does not have a length); add max_steps");
        }
        OptionalLong given = run.maxSteps > 0 ? context.facts().get(RunFacts.DATASET_SIZE)
                : OptionalLong.of(context.facts().require(RunFacts.DATASET_SIZE, docAt, "the number of updates "
                + "(examples per dataset, before max_samples and val_size)"));
        if (given.isEmpty()) {
            return given;
        }
        long n = given.getAsLong();
        String stage = run.get("stage").map(s -> s instanceof Node.ScalarNode sc ? sc.text() : "").orElse("");
        boolean packing = run.get("packing").map(p -> run.values.bool("packing", p)).orElse(stage.equals("pt"));
        Optional<Node> maxSamples = run.get("max_samples");
        if (maxSamples.isPresent()) {
            long max = run.values.integer("max_samples", maxSamples.get());
            if (packing) {
                throw new InputException(maxSamples.get().location(), "max_samples truncates the examples before "
                        + "packing joins them (packing is " + (run.get("packing").isPresent() ? "on" : "on for stage pt")
                        + "): the sequences trained on depend on token lengths; give --run dataset_size as the "
                        + "packed count and remove max_samples");
            }
            if (datasets.size() > 1) {
                throw new InputException(maxSamples.get().location(), "max_samples truncates each of the "
                        + datasets.size() + " datasets (" + String.join(", ", datasets) + "), whose sizes --run "
                        + "dataset_size cannot give one by one; read them one at a time, or remove max_samples and "
                        + "give their total");
            }
            long kept = Math.min(max, n);
            run.facts.add(new Imported.Fact("examples after max_samples", Long.toString(kept), "min(" + max + ", " + n
                    + ")"));
            n = kept;
        }
        Optional<Node> valNode = run.get("val_size");
        double val = valNode.map(v -> run.values.real("val_size", v)).orElse(0.0);
        if (val > 1e-6) {
            if (run.get("eval_dataset").isPresent()) {
                throw new InputException(valNode.get().location(), "Cannot specify `val_size` if `eval_dataset` is "
                        + "not None. (LLaMA-Factory's check); remove one of them");
            }
            long test;
            String how;
            String refused = "val_size: datasets' train_test_split refuses it (test_size=%s should be either "
                    + "positive and smaller than the number of samples " + n + " or a float in the (0, 1) range); "
                    + "give a fraction below 1 or a count below " + n;
            if (val > 1) {
                test = (long) val;
                how = "int(" + DoubleFormat.formatCompact(val) + ") held out";
                if (test >= n) {
                    throw new InputException(valNode.get().location(), String.format(refused, test));
                }
            } else {
                if (val >= 1) {
                    throw new InputException(valNode.get().location(), String.format(refused, "1.0"));
                }
                test = (long) Math.ceil(val * n);
                how = "ceil(" + n + " x " + DoubleFormat.formatCompact(val) + ") held out";
                if (test >= n) {
                    throw new InputException(valNode.get().location(), "val_size: datasets' train_test_split "
                            + "refuses it (With n_samples=" + n + ", test_size=" + DoubleFormat.formatCompact(val)
                            + " and train_size=None, the resulting train set will be empty); lower it");
                }
            }
            run.facts.add(new Imported.Fact("validation examples", Long.toString(test), how));
            n -= test;
            run.facts.add(new Imported.Fact("training examples", Long.toString(n), "the rest"));
        }
        return OptionalLong.of(n);
    }

    private static List<String> datasets(TrainerRun run) {
        Optional<Node> d = run.get("dataset");
        List<String> out = new ArrayList<>();
        if (d.isPresent() && d.get() instanceof Node.ScalarNode s) {
            for (String part : s.text().split(",")) {
                if (!part.strip().isEmpty()) {
                    out.add(part.strip());
                }
            }
        } else if (d.isPresent() && d.get() instanceof Node.ListNode l) {
            l.items().forEach(i -> out.add(i instanceof Node.ScalarNode s ? s.text() : i.describe()));
        }
        return out;
    }

    /**
     * create_custom_scheduler: for warmup_stable_decay, num_stable_steps = (N - W) // 3 and num_decay_steps the
     * rest, unless lr_scheduler_kwargs gives them.
     */
    private static List<Node.Entry> wsdDefaults(TrainerRun run, TrainingRun.Sizes sizes) {
        if (!run.scheduler.equals("warmup_stable_decay")) {
            return List.of();
        }
        long remaining = sizes.numTrainingSteps() - sizes.numWarmupSteps();
        long stable = Math.floorDiv(remaining, 3);
        long decay = remaining - stable;
        List<Node.Entry> out = new ArrayList<>();
        if (run.kwargs.get("num_stable_steps").isEmpty()) {
            run.facts.add(new Imported.Fact("num_stable_steps", Long.toString(stable), "(" + sizes.numTrainingSteps()
                    + " - " + sizes.numWarmupSteps() + ") // 3, LLaMA-Factory's default"));
            out.add(entry("num_stable_steps", stable, run.schedulerAt));
        }
        if (run.kwargs.get("num_decay_steps").isEmpty()) {
            run.facts.add(new Imported.Fact("num_decay_steps", Long.toString(decay), remaining + " - " + stable
                    + ", LLaMA-Factory's default"));
            out.add(entry("num_decay_steps", decay, run.schedulerAt));
        }
        return out;
    }

    private static Node.Entry entry(String key, long value, Location at) {
        return new Node.Entry(key, at, new Node.ScalarNode(at, Long.toString(value), Node.ScalarKind.NUMBER));
    }
}

package lrsched.input.config.hf;

import java.util.List;
import java.util.Set;

import lrsched.input.config.ConfigFormat;
import lrsched.input.config.ConfigKeys;
import lrsched.input.config.ImportContext;
import lrsched.input.config.Imported;
import lrsched.input.document.Document;

/**
 * Hugging Face {@code TrainingArguments} as a YAML or JSON file (what {@code HfArgumentParser.parse_yaml_file} /
 * {@code parse_json_file} read): the Trainer's scheduler ({@code get_scheduler(lr_scheduler_type, ...)}) sized by the
 * Trainer's own arithmetic. src/docs/configs/hf.md is its manual.
 *
 * <p>Recognised: a mapping (not an lrsched spec: no {@code schedules:} or {@code type:}) with at least one of the keys
 * only TrainingArguments spells this way: {@code per_device_train_batch_size}, {@code lr_scheduler_type},
 * {@code num_train_epochs}. A file with none of them can still be read with {@code --as hf}.
 */
public final class HfFormat implements ConfigFormat {
    /** Keys only a TrainingArguments file spells this way (axolotl writes micro_batch_size, lr_scheduler, num_epochs). */
    static final Set<String> DISTINCTIVE = Set.of("per_device_train_batch_size", "lr_scheduler_type",
            "num_train_epochs");

    @Override
    public java.util.Optional<String> whereSchedulesAre() {
        return java.util.Optional.of("Hugging Face TrainingArguments files are read directly: lrsched explain --spec "
                + "args.yaml --run dataset_size=N (src/docs/configs/hf.md)");
    }

    @Override
    public String name() {
        return "hf";
    }

    @Override
    public String title() {
        return "Hugging Face TrainingArguments";
    }

    @Override
    public List<String> versioned() {
        return List.of(TrainerRun.TRANSFORMERS);
    }

    @Override
    public boolean recognizes(Document document) {
        return frameworkMapping(document, m -> DISTINCTIVE.stream().anyMatch(k -> m.get(k).isPresent()));
    }

    /** A JSON or YAML mapping that is not an lrsched spec (no {@code schedules:}, no {@code type:}) with {@code keys}. */
    static boolean frameworkMapping(Document document, java.util.function.Predicate<lrsched.core.Node.MapNode> keys) {
        // these frameworks read JSON or YAML: a TOML file (kohya's) with the same key names is not theirs
        return !document.extension().equals("toml") && document.mapping().map(m -> ConfigKeys.notASpec(m)
                && keys.test(m)).orElse(false);
    }

    @Override
    public Imported read(Document document, ImportContext context) {
        TrainerRun run = TrainerRun.read(document, context, PythonValues.Loader.PYYAML);
        return run.imported(context, run.datasetSize(context), sizes -> List.of());
    }
}

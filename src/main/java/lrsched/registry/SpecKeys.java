package lrsched.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The top-level keys of an lrsched spec file, declared once: the spec reader accepts exactly these (and suggests
 * among them), and {@link JsonSchema} describes them. The run options ({@link RunOptions}) may also stand at the top,
 * for every schedule of the file; the {@code training:} block is read by {@link TrainingRun}.
 */
public final class SpecKeys {
    /** The run length: steps 0..steps-1 (a command's --steps overrides it). */
    public static final Param STEPS = Param.integer("steps", "evaluate steps 0..steps-1").optional().atLeast(1);
    /** The schedules, one curve (one CSV column) each. */
    public static final Param SCHEDULES = Param.schedules("schedules", "the schedules, one curve each, in order");
    /** The training run that sizes the schedules ({@link TrainingRun#PARAMS}). */
    public static final Param TRAINING = Param.records("training", "the training run, sized as the Hugging Face "
            + "Trainer does: fills num_training_steps and num_warmup_steps", TrainingRun.PARAMS).optional();

    /**
     * The library releases the run used, where a library's arithmetic or its log's convention changed between
     * releases: {@code versions: {transformers: "4.45", torch: "1.13"}}, as {@code --versions transformers=4.45}
     * (which wins).
     */
    public static final Param VERSIONS = Param.records("versions", "the library releases the run used, where their "
            + "arithmetic or log convention changed (as --versions, which wins)", List.of(Param.text("transformers",
            "the transformers release, e.g. \"4.45\" (before 4.46 updates per epoch are floored; before 4.51 the "
            + "Trainer logged the next update's LR)").optional(), Param.text("torch", "the torch release, e.g. "
            + "\"2.7\" (the torch.* schedulers step as that release did, each difference from its own release on; see "
            + "src/docs/compat/torch.md)")
            .optional(), Param.text("ultralytics", "the ultralytics release, e.g. \"8.3.40\" (before 8.4.103 the "
            + "warmup lasts at least 100 batches, through batch nw; see src/docs/compat/ultralytics.md)")
            .optional(), Param.text("deepspeed", "the DeepSpeed release, e.g. \"0.19.3\" (before 0.19.4 OneCycle "
            + "ignores its stair counts; see src/docs/compat/deepspeed.md)").optional())).optional();

    private static final List<String> NAMES = names();

    private SpecKeys() {}

    /** Every top-level key, in the order messages list them. */
    public static List<String> all() {
        return NAMES;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of(STEPS.name(), SCHEDULES.name(), TRAINING.name(),
                VERSIONS.name()));
        RunOptions.PARAMS.forEach(p -> names.add(p.name()));
        return Collections.unmodifiableList(names);
    }
}

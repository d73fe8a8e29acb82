package lrsched.compat.ultralytics;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import lrsched.core.Schedule;
import lrsched.registry.Args;
import lrsched.registry.Catalog;
import lrsched.registry.Param;
import lrsched.registry.TypeDef;

/**
 * ultralytics' training schedule (ultralytics/ultralytics ultralytics/engine/trainer.py, BaseTrainer): a LambdaLR
 * stepped once per epoch, with a per-batch linear warmup that overwrites the LR of every parameter group before
 * the forward pass. Row s is the LR of batch s (0-based across epochs, ultralytics' {@code ni}); a batch that does
 * not step the optimizer (gradient accumulation) still has its row. See src/docs/compat/ultralytics.md.
 */
public final class UltralyticsTypes implements Catalog {
    static final Param LR0 = Param.real("lr0", "the initial learning rate (replaced when optimizer is auto)")
            .defaultsTo(0.01);
    static final Param LRF = Param.real("lrf", "the final LR as a fraction of lr0").defaultsTo(0.01);
    static final Param COS_LR = Param.bool("cos_lr", "cosine (one_cycle) instead of linear decay per epoch")
            .defaultsTo(false);
    static final Param EPOCHS = Param.integer("epochs", "the run's epochs").defaultsTo(100).positive();
    static final Param WARMUP_EPOCHS = Param.real("warmup_epochs", "the warmup's epochs (fractions allowed; 0 or "
            + "less: no warmup)").defaultsTo(3.0);
    static final Param WARMUP_BIAS_LR = Param.real("warmup_bias_lr", "the bias group's LR at batch 0 (0.0 when "
            + "optimizer is auto)").defaultsTo(0.1);
    static final Param OPTIMIZER = Param.text("optimizer", "SGD, MuSGD, Adam, Adamax, AdamW, NAdam, RAdam, RMSprop, "
            + "or auto (picks the LR from nc and the run's iterations)").defaultsTo("auto");
    static final Param BATCH = Param.real("batch", "the batch size (enters only optimizer auto's iterations)")
            .defaultsTo(16);
    static final Param NBS = Param.integer("nbs", "the nominal batch size (enters only optimizer auto's "
            + "iterations)").defaultsTo(64).positive();
    static final Param MOMENTUM = Param.ignored("momentum", "the optimizer's momentum (not the LR)");
    static final Param WARMUP_MOMENTUM = Param.ignored("warmup_momentum", "the warmup's momentum (not the LR)");
    static final Param BATCHES_PER_EPOCH = Param.integer("batches_per_epoch", "the trainer's batches per epoch "
            + "(nb = len(train_loader))").positive();
    static final Param PARAM_GROUP = Param.choice("param_group", "the parameter group whose LR the rows are: weight "
            + "(also the bn group) or bias", "weight", "bias").defaultsTo("weight");
    static final Param NC = Param.integer("nc", "the dataset's number of classes (optimizer auto)").optional()
            .positive();
    static final Param DATASET_SIZE = Param.integer("dataset_size", "the training images, len(train_loader.dataset) "
            + "(optimizer auto; else bounded from batches_per_epoch and batch)").optional().positive();

    private static final Set<String> OPTIMIZERS = Set.of("adam", "adamax", "adamw", "nadam", "radam", "rmsprop",
            "sgd", "musgd", "auto");

    @Override
    public List<TypeDef> types() {
        return List.of(TypeDef.builder("ultralytics.BaseTrainer", "ultralytics' trainer: a per-epoch LambdaLR "
                        + "(linear or cosine to lr0 * lrf) and a per-batch linear warmup")
                .formula("nb = batches_per_epoch; e = s // nb; target = lr * lf(e)\n"
                        + "lf(e) = max(1 - e / epochs, 0) * (1 - lrf) + lrf, or with cos_lr "
                        + "max((1 - cos(e pi / epochs)) / 2, 0) * (lrf - 1) + 1\n"
                        + "nw = round(min(warmup_epochs, epochs - 1) * nb) (half to even; 0 when that is <= 0)\n"
                        + "s < nw: start + (target - start) / nw * s, start = warmup_bias_lr (bias) or 0\n"
                        + "s >= nw, nw - 1 in epoch e: the value of batch nw - 1; else target\n"
                        + "lr = lr0, or with optimizer auto 0.01 when ceil(dataset_size / max(batch, nbs)) * epochs "
                        + "> 10000, else round(0.002 * 5 / (4 + nc), 6)")
                .notes("Row s is the LR of batch s (ultralytics' ni = i + nb * epoch), set before its forward pass; "
                        + "with nbs / batch > 1 only some batches step the optimizer, and each uses its row. Rows "
                        + "from epochs * nb on hold the last batch's. The scheduler steps at each epoch's start; "
                        + "the warmup's target moves with it, and the batches after the warmup's last one keep that "
                        + "batch's LR until the epoch ends. optimizer auto also sets warmup_bias_lr to 0. Releases "
                        + "before 8.4.103 (versions: {ultralytics: \"8.3\"}) warm up while s <= nw with nw = "
                        + "max(round(warmup_epochs * nb), 100) (no cap at epochs - 1; -1 without warmup), so row nw "
                        + "is the epoch's target.")
                .params(LR0, LRF, COS_LR, EPOCHS, WARMUP_EPOCHS, WARMUP_BIAS_LR, OPTIMIZER, BATCH, NBS, MOMENTUM,
                        WARMUP_MOMENTUM, BATCHES_PER_EPOCH, PARAM_GROUP, NC, DATASET_SIZE)
                .build(UltralyticsTypes::trainer));
    }

    private static Schedule trainer(Args a) {
        String optimizer = a.text(OPTIMIZER).toLowerCase(Locale.ROOT);
        a.check(OPTIMIZERS.contains(optimizer), OPTIMIZER, () -> "NotImplementedError: Optimizer '"
                + a.text(OPTIMIZER) + "' not found in list of available optimizers; use SGD, MuSGD, Adam, Adamax, "
                + "AdamW, NAdam, RAdam, RMSprop or auto");
        long nb = a.integer(BATCHES_PER_EPOCH);
        long epochs = a.integer(EPOCHS);
        a.check(nb <= Long.MAX_VALUE / epochs, BATCHES_PER_EPOCH, () -> "times epochs overflows a step number");
        boolean bias = a.choice(PARAM_GROUP).equals("bias");
        double lr = a.real(LR0);
        double start = bias ? a.real(WARMUP_BIAS_LR) : 0.0;
        if (optimizer.equals("auto")) {
            lr = AutoOptimizer.lr(a, nb, epochs);
            start = 0.0;
        }
        boolean legacy = a.versions().of("ultralytics").map(v -> v.compareTo(FIRST_CAPPED) < 0).orElse(false);
        double warmupEpochs = a.real(WARMUP_EPOCHS);
        return TrainerSchedule.of(lr, a.real(LRF), a.bool(COS_LR), epochs, nb, warmupEpochs, start, legacy);
    }

    /** 8.4.103 (ultralytics PR #25321): the warmup lost its 100-iteration floor and ends before the last epoch. */
    private static final lrsched.core.Versions.Version FIRST_CAPPED =
            lrsched.core.Versions.Version.parse("8.4.103").orElseThrow();
}

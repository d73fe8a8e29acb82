package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torchtune recipe configs through the command line: the examples, explain, and every refusal in one line. */
class TorchtuneConfigTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLES = Path.of("examples/configs").toAbsolutePath();

    private static final String HEAD = "model:\n  _component_: torchtune.models.llama3_2.llama3_2_1b\n"
            + "optimizer:\n  _component_: torch.optim.AdamW\n  lr: 2e-5\nbatch_size: 2\n";

    private CliRun run(String config, String... args) throws IOException {
        return ConfigCli.csv(dir, "recipe.yaml", config, args);
    }

    @Test
    void theLoraExampleRunsFlooredStepsPerEpoch() {
        CliRun r = CliRun.run(EXAMPLES, "csv", "--spec", "torchtune-llama3_2-1b-lora.yaml", "--run",
                "dataset_size=51760", "--at", "0,50,100,3233");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 51760 / 8 = 6470 batches, // 4 = 1617 updates an epoch, 2 epochs: N = 3234, W = 100; the last update's
        // lambda is 0.5 (1 + cos(pi x (3233 - 100) / 3134)) (hand computation)
        assertThat(r.out()).isEqualTo("step,hf.cosine\n0,0.0\n50,0.00015\n100,0.0003\n3233,7.536383467288132e-11\n");
        CliRun all = CliRun.run(EXAMPLES, "csv", "--spec", "torchtune-llama3_2-1b-lora.yaml", "--run",
                "dataset_size=51760");
        assertThat(all.out()).hasLineCount(1 + 3234);
    }

    @Test
    void theDistributedExampleSharesTheDatasetAndCapsTheEpochs() {
        CliRun r = CliRun.run(EXAMPLES, "explain", "--spec", "torchtune-llama3_1-8b-full.yaml", "--run",
                "dataset_size=52002,num_devices=8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("read as torchtune recipe config (torchtune)",
                "  samples per rank         6501  ceil(52002 / 8 ranks) (DistributedSampler)\n",
                "  len(dataloader)          1625  floor(6501 / 4 batch_size) (drop_last=True)\n",
                "  steps per epoch          812   floor(1625 / 2 gradient_accumulation_steps)\n",
                "  steps per epoch, capped  300   max_steps_per_epoch\n",
                "  num_training_steps       900   3 epochs x 300\n",
                "  num_cycles          0.5    from get_cosine_schedule_with_warmup's default\n");
        CliRun last = CliRun.run(EXAMPLES, "csv", "--spec", "torchtune-llama3_1-8b-full.yaml", "--run",
                "dataset_size=52002,num_devices=8", "--at", "899");
        assertThat(last.out()).isEqualTo("step,hf.cosine\n899,6.830168280957949e-11\n");
    }

    @Test
    void theDatasetSizeIsAFactTheFileCannotKnow() throws IOException {
        CliRun r = run(HEAD + "epochs: 1\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 1\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: recipe.yaml: the steps per epoch needs the dataset size: add --run "
                + "dataset_size=N\n");
    }

    @Test
    void anUnsupportedSchedulerIsNamedWithTheSupportedOne() throws IOException {
        CliRun r = run(HEAD + "lr_scheduler:\n  _component_: torch.optim.lr_scheduler.StepLR\n  step_size: 10\n"
                + "epochs: 1\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 1\n", "--run",
                "dataset_size=100");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: recipe.yaml:8:16: lr_scheduler: unsupported _component_ "
                + "'torch.optim.lr_scheduler.StepLR'; lrsched reads torchtune's get_cosine_schedule_with_warmup "
                + "(torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup, "
                + "torchtune.training.get_cosine_schedule_with_warmup, "
                + "torchtune.modules.get_cosine_schedule_with_warmup)\n");
    }

    @Test
    void anArgumentTheSchedulerDoesNotTakeIsRefusedAsTorchtuneWould() throws IOException {
        CliRun r = run(HEAD + "lr_scheduler:\n  _component_: torchtune.training.lr_schedulers."
                + "get_cosine_schedule_with_warmup\n  num_warmup_steps: 10\n  num_cycle: 1\n"
                + "epochs: 1\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 1\n", "--run",
                "dataset_size=100");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: recipe.yaml:10:3: lr_scheduler: get_cosine_schedule_with_warmup() "
                + "got an unexpected keyword argument 'num_cycle'; did you mean 'num_cycles'?\n");
    }

    @Test
    void missingRecipeKeysAreRefusedAsTheRecipesFail() throws IOException {
        CliRun noCap = run(HEAD + "epochs: 1\ngradient_accumulation_steps: 1\n", "--run", "dataset_size=100");
        assertThat(noCap.exitCode()).isEqualTo(2);
        assertThat(noCap.err()).isEqualTo("lrsched: recipe.yaml: missing max_steps_per_epoch: the recipes read "
                + "cfg.max_steps_per_epoch and fail without it; add max_steps_per_epoch: null (no cap)\n");
        CliRun noEpochs = run(HEAD + "max_steps_per_epoch: null\ngradient_accumulation_steps: 1\n", "--run",
                "dataset_size=100");
        assertThat(noEpochs.err()).startsWith("lrsched: recipe.yaml:1:1: missing epochs: the recipes read "
                + "cfg.epochs");
        CliRun noWarmup = run(HEAD + "lr_scheduler:\n  _component_: torchtune.training.lr_schedulers."
                + "get_cosine_schedule_with_warmup\nepochs: 1\nmax_steps_per_epoch: null\n"
                + "gradient_accumulation_steps: 1\n", "--run", "dataset_size=100");
        assertThat(noWarmup.err()).startsWith("lrsched: recipe.yaml:8:3: lr_scheduler: missing num_warmup_steps");
    }

    @Test
    void aRunWithoutAnOptimizerStepIsRefused() throws IOException {
        CliRun r = run(HEAD + "epochs: 1\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 8\n", "--run",
                "dataset_size=20,num_devices=2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: recipe.yaml: the run has no optimizer step: 20 examples over 2 "
                + "ranks make 5 batches of 2 per rank, fewer than gradient_accumulation_steps 8 (the recipe divides "
                + "by 0 steps per epoch); check --run dataset_size, batch_size and gradient_accumulation_steps\n");
    }

    @Test
    void malformedValuesAreRefusedWhereTheyStand() throws IOException {
        CliRun r = run(HEAD + "epochs: two\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 1\n", "--run",
                "dataset_size=100");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: recipe.yaml:7:9: epochs takes a whole number, not the text 'two'\n");
        CliRun lr = run(HEAD.replace("2e-5", "fast") + "epochs: 1\nmax_steps_per_epoch: null\n"
                + "gradient_accumulation_steps: 1\n", "--run", "dataset_size=100");
        assertThat(lr.err()).isEqualTo("lrsched: recipe.yaml:5:7: lr takes a number, not the text 'fast'\n");
    }

    @Test
    void withoutASchedulerTheLrIsConstant() throws IOException {
        CliRun r = run(HEAD + "epochs: 2\nmax_steps_per_epoch: null\ngradient_accumulation_steps: 1\n", "--run",
                "dataset_size=10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("step,constant\n" + "0,2e-05\n1,2e-05\n2,2e-05\n3,2e-05\n4,2e-05\n"
                + "5,2e-05\n6,2e-05\n7,2e-05\n8,2e-05\n9,2e-05\n");
    }
}

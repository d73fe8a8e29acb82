package lrsched.input.config.megatron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import lrsched.core.InputException;
import lrsched.core.Schedule;
import lrsched.input.config.Imported;
import lrsched.input.spec.Spec;
import lrsched.input.spec.SpecLoader;
import lrsched.library.Libraries;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Megatron-LM launch scripts against golden data from src/tools/golden/megatron_configs.py: bash expands each script
 * (the launcher only prints its arguments), argparse reads the flags with Megatron's names and types, and Megatron's
 * own get_optimizer_param_scheduler and OptimizerParamScheduler give the LR of every listed iteration. Rows must
 * match within 1e-15 of lr (cos and pow may differ from glibc by one ulp; see MegatronGoldenTest); plus one test per
 * refusal.
 */
class MegatronFormatTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/configs/megatron").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("examples/configs").toAbsolutePath();

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyScriptGivesMegatronsCurve() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
                Path script = name.startsWith("example_")
                        ? EXAMPLES.resolve("megatron-" + name.substring(8).replace('_', '-') + ".sh")
                        : GOLDEN.resolve(name + ".sh");
                tests.add(DynamicTest.dynamicTest(name, () -> check(script, csv)));
            }
        }
        assertThat(tests).hasSize(7);
        return tests.stream();
    }

    private static void check(Path script, Path csv) throws IOException {
        Spec spec = load(script.getParent(), script.getFileName().toString());
        assertThat(spec.files().get(0).format().name()).isEqualTo("megatron");
        Spec.Entry e = spec.schedules().get(0);
        Schedule schedule = Libraries.registry().build(e.mapping(), e.name(), Optional.empty());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("step,lr");
        double peak = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
                .max().orElseThrow();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            long step = Long.parseLong(cells[0]);
            assertThat(schedule.at(step)).as(script.getFileName() + " at iteration " + step)
                    .isCloseTo(Double.parseDouble(cells[1]), within(1e-15 * peak));
        }
    }

    private static Spec load(Path dir, String file) {
        return new SpecLoader(Libraries.registry(), new ByteArrayInputStream(new byte[0]), dir)
                .load(List.of(Path.of(file)), Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    private Spec script(String text) throws IOException {
        Files.writeString(dir.resolve("train.sh"), text);
        return load(dir, "train.sh");
    }

    private Imported imported(String text) throws IOException {
        return script(text).files().get(0).imported();
    }

    private void refused(String text, String message) {
        assertThatThrownBy(() -> script(text)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void runLengthIsTrainItersOrTrainSamplesOverTheBatch() throws IOException {
        assertThat(imported("torchrun pretrain_gpt.py --lr 1e-4 --train-iters 700 --global-batch-size 8\n").steps())
                .hasValue(700);
        assertThat(imported("torchrun pretrain_gpt.py --lr 1e-4 --train-samples 1000 --global-batch-size 64\n")
                .steps()).hasValue(15);
    }

    @Test
    void explainShowsTheSampleCountsMegatronDerives() throws IOException {
        Imported i = imported("GBS=256\ntorchrun pretrain_gpt.py --lr 1e-4 --train-iters 1000 \\\n"
                + "  --global-batch-size $GBS --lr-warmup-fraction 0.01 --lr-decay-style cosine\n");
        assertThat(i.facts()).extracting(f -> f.name() + " = " + f.value() + " (" + f.how() + ")").contains(
                "lr_decay_steps = 256000 samples (train_iters x global_batch_size = 1000 x 256)",
                "lr_warmup_steps = 2560.0 samples (lr_warmup_fraction x lr_decay_steps = 0.01 x 256000)",
                "warmup peak = iteration 10 (the first iteration whose sample count reaches lr_warmup_steps (its "
                        + "LR is lr))");
        assertThat(i.defaults()).contains("min_lr: 0.0 (Megatron's default)",
                "lr_decay_iters: train_iters (Megatron's default)");
    }

    @Test
    void aValueFromAVariableIsLocatedWhereTheScriptSetsIt() throws IOException {
        Spec spec = script("GBS=0\ntorchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --global-batch-size ${GBS}\n");
        assertThatThrownBy(() -> Libraries.registry().build(spec.schedules().get(0).mapping(), "lr",
                Optional.empty())).isInstanceOf(InputException.class).hasMessageStartingWith("train.sh:1:5: ");
    }

    @Test
    void aDefaultInBracesIsLocatedAtItsText() throws IOException {
        Spec spec = script("LR=${LR:-3.0e-4}\nEMPTY=\nGBS=${EMPTY-7}\n"
                + "torchrun pretrain_gpt.py --lr $LR --train-iters 10 --global-batch-size ${GBS:-8}\n");
        var mapping = spec.schedules().get(0).mapping();
        var lr = (lrsched.core.Node.ScalarNode) mapping.get("lr").orElseThrow();
        assertThat(lr.text()).isEqualTo("3.0e-4");
        assertThat(lr.location().toString()).isEqualTo("train.sh:1:10");
        // ${EMPTY-7} keeps the empty value (EMPTY is set); ${GBS:-8} then takes its default
        assertThat(((lrsched.core.Node.ScalarNode) mapping.get("global_batch_size").orElseThrow()).text())
                .isEqualTo("8");
    }

    @Test
    void missingFlagsAreNamedTogether() {
        refused("#!/bin/bash\n\ntorchrun pretrain_gpt.py --lr 1e-4 --micro-batch-size 2\n",
                "train.sh:3:1: the launch command has no --train-iters (or --train-samples), no --global-batch-size; "
                        + "lrsched needs them to compute Megatron's schedule (without --global-batch-size Megatron "
                        + "uses micro-batch-size x data-parallel size, which depends on the GPUs it runs on)");
    }

    @Test
    void aVariableTheScriptDoesNotSetIsRefusedAtItsUse() {
        refused("torchrun pretrain_gpt.py --lr $LR --train-iters 10 --global-batch-size 8\n",
                "train.sh:1:31: --lr takes $LR, which the script does not set (it comes from outside the script or "
                        + "a command); set it in the script or write the value after --lr");
        refused("torchrun pretrain_gpt.py --lr 1e-4 --train-iters $1 --global-batch-size 8\n",
                "train.sh:1:50: --train-iters takes $1, which the script does not set (a command-line argument of "
                        + "the script); set it in the script or write the value after --train-iters");
    }

    @Test
    void aValueSetInsideAnIfBlockIsRefusedNamingTheBlock() {
        refused("GBS=8\nif [ \"$BIG\" = 1 ]; then\n  GBS=64\nfi\n"
                        + "torchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --global-batch-size $GBS\n",
                "train.sh:3:7: --global-batch-size takes GBS's value from inside the if block at line 2, whose "
                        + "condition lrsched does not evaluate; set GBS outside the block or write the value after "
                        + "--global-batch-size");
    }

    @Test
    void aCaseOnAKnownValueRunsOnlyTheFirstMatchingBranch() throws IOException {
        Spec spec = script("SIZE=small\ncase $SIZE in\n  big) GBS=512 ;;\n  small|tiny) GBS=16 ;;\n  *) GBS=1 ;;\n"
                + "esac\ntorchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --global-batch-size $GBS\n");
        assertThat(((lrsched.core.Node.ScalarNode) spec.schedules().get(0).mapping().get("global_batch_size")
                .orElseThrow()).text()).isEqualTo("16");
    }

    @Test
    void aCaseOnAnUnknownValueLeavesItsValuesUnknown() {
        refused("case $1 in\n  big) GBS=512 ;;\n  *) GBS=16 ;;\nesac\n"
                        + "torchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --global-batch-size $GBS\n",
                "train.sh:3:10: --global-batch-size takes GBS's value from inside the case block at line 3, whose "
                        + "condition lrsched does not evaluate; set GBS outside the block or write the value after "
                        + "--global-batch-size");
    }

    @Test
    void aBatchSizeRampIsRefused() {
        refused("torchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --global-batch-size 8 --rampup-batch-size 2 2 "
                        + "100\n",
                "train.sh:1:75: --rampup-batch-size changes the global batch size during the run, and with it the "
                        + "scheduler's increment; lrsched's Megatron schedule assumes a constant --global-batch-size; "
                        + "remove --rampup-batch-size to see the schedule at that batch size");
    }

    @Test
    void theRetiredWarmupFlagIsRefusedAsMegatronDoes() {
        refused("torchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --global-batch-size 8 --warmup 0.01\n",
                "train.sh:1:75: AssertionError: --warmup argument is no longer valid, use --lr-warmup-fraction "
                        + "instead");
    }

    @Test
    void aFlagWithoutValueIsRefused() {
        refused("torchrun pretrain_gpt.py --train-iters 10 --global-batch-size 8 --lr\n",
                "train.sh:1:65: --lr ends the command without a value; give it one");
    }

    @Test
    void megatronsOwnRefusalsComeFromTheScheduleType() throws IOException {
        Spec spec = script("torchrun pretrain_gpt.py --lr 1e-4 --train-iters 10 --lr-warmup-iters 10 "
                + "--global-batch-size 8\n");
        assertThatThrownBy(() -> Libraries.registry().build(spec.schedules().get(0).mapping(), "lr",
                Optional.empty())).isInstanceOf(InputException.class).hasMessageContaining(
                "lr_warmup_iters: AssertionError (assert self.lr_warmup_steps < self.lr_decay_steps)");
    }

    @Test
    void aShellScriptWithoutMegatronFlagsIsNotASpec() {
        refused("#!/bin/bash\necho hello\n", "train.sh: is a shell script no format reads; lrsched reads "
                + "Megatron-LM launch scripts that run pretrain_*.py or torchrun with --lr, --train-iters or "
                + "--train-samples");
    }
}

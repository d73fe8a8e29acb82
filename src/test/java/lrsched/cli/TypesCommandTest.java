package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypesCommandTest {
    private final Path dir = Path.of(".");

    @Test
    void listsEveryDeclaredType() {
        CliRun r = CliRun.run(dir, "types");
        assertThat(r.exitCode()).isZero();
        for (TypeDef t : Libraries.registry().types()) {
            assertThat(r.out()).contains("  " + t.name() + " ").contains(t.summary());
        }
    }

    @Test
    void showsParametersDefaultsRangesAndFormula() {
        CliRun r = CliRun.run(dir, "types", "cosine");
        assertThat(r.out()).contains("cosine: half cosine").contains("f(t) = min_lr + (lr - min_lr)")
                .containsPattern("min_lr +0\\.0 +learning rate the decay ends at \\(number, >= 0\\)")
                .containsPattern("total +required +step where the decay ends")
                .contains("(choice: linear | cosine | exponential)");
    }

    @Test
    void suggestsTheClosestTypeForATypo() {
        CliRun r = CliRun.run(dir, "types", "cosin");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lrsched: unknown type or library 'cosin'; did you mean 'cosine'? "
                + "(list all with: lrsched types)\n");
    }

    @Test
    void listsOneLibrary() {
        CliRun r = CliRun.run(dir, "types", "native");
        assertThat(r.out()).startsWith("native:\n").contains("  noam ");
    }

    @ParameterizedTest(name = "types {0}")
    @CsvSource(delimiter = '|', value = {
            "kohya        | kohya sd-scripts builds its schedules with transformers' functions (lrsched types hf) | src/docs/configs/kohya.md",
            "axolotl      | axolotl builds the Hugging Face Trainer's schedules (lrsched types hf)                 | src/docs/configs/axolotl.md",
            "llamafactory | LLaMA-Factory trains with the Hugging Face Trainer's schedules (lrsched types hf)      | src/docs/configs/llamafactory.md",
            "lightning    | LightningCLI configs name torch's schedulers (lrsched types torch)                   | src/docs/configs/lightning.md",
            "torchtune    | torchtune's get_cosine_schedule_with_warmup is transformers' cosine                 | src/docs/configs/torchtune.md",
    })
    void aFrameworkWithoutTypesSaysWhereItsSchedulesAre(String name, String start, String page) {
        CliRun r = CliRun.run(dir, "types", name);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(start).contains("lrsched explain --spec ").endsWith("(" + page + ")\n")
                .hasLineCount(1);
        assertThat(Path.of(page)).exists();
    }

    @Test
    void aLibraryWhoseConfigsAreReadSaysSoAfterItsTypes() {
        CliRun r = CliRun.run(dir, "types", "fairseq");
        assertThat(r.out()).startsWith("fairseq:\n").endsWith("\nfairseq Hydra configs are read directly: lrsched "
                + "explain --spec config.yaml (src/docs/configs/fairseq.md)\n");
    }

    @Test
    void suggestsAFrameworkForATypo() {
        assertThat(CliRun.run(dir, "types", "kohy").err()).contains("did you mean 'kohya'?");
    }
}

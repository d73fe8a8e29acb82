package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import org.junit.jupiter.api.Test;

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
}

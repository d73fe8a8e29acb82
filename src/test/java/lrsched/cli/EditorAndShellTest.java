package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** schema and completion through the real command line. */
class EditorAndShellTest {
    private final Path dir = Path.of(".");

    @Test
    void schemaIsDraft2020WithEveryType() {
        CliRun r = CliRun.run(dir, "schema");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("{\n  \"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"")
                .contains("\"torch.OneCycleLR\" : {").contains("\"hf.cosine\" : {").contains("\"noam\" : {");
    }

    @Test
    void bashCompletionKnowsSubcommandsOptionsAndTypeNames() {
        CliRun r = CliRun.run(dir, "completion", "bash");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F _complete_lrsched").contains("csv").contains("--steps")
                .contains("torch.OneCycleLR").contains("hf.cosine_with_restarts");
    }

    @Test
    void zshCompletionLoadsBashCompatibility() {
        assertThat(CliRun.run(dir, "completion", "zsh").out()).startsWith("autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n");
    }

    @Test
    void unknownShellIsAUsageError() {
        CliRun r = CliRun.run(dir, "completion", "fish");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("lrsched: unknown shell 'fish'; use bash or zsh");
    }
}

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
    void bashCompletesTheInstalledCommandAndTheLauncher() throws Exception {
        String script = CliRun.run(dir, "completion", "bash").out();
        assertThat(script).containsOnlyOnce("\ncomplete -F _complete_lrsched -o default lrsched ./lrsched\n")
                .doesNotContain("lrsched.sh");
        assertThat(CliRun.run(dir, "completion", "zsh").out())
                .contains("\ncomplete -F _complete_lrsched -o default lrsched ./lrsched\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/bash")));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("lrsched-completion", ".bash");
        try {
            java.nio.file.Files.writeString(file, script);
            Process bash = new ProcessBuilder("/bin/bash", "-c", "source \"$1\" && complete -p lrsched ./lrsched",
                    "bash", file.toString()).redirectErrorStream(true).start();
            String registered = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(bash.waitFor()).as(registered).isZero();
            assertThat(registered).isEqualTo("complete -o default -F _complete_lrsched lrsched\n"
                    + "complete -o default -F _complete_lrsched ./lrsched\n");
        } finally {
            java.nio.file.Files.delete(file);
        }
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

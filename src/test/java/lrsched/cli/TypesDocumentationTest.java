package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import org.junit.jupiter.api.Test;

/** src/docs/schedules.md shows, for every native type, exactly what `lrsched types NAME` prints. */
class TypesDocumentationTest {

    @Test
    void schedulesDocumentMatchesTheDeclarations() throws IOException {
        String doc = Files.readString(Path.of("src/docs/schedules.md"));
        for (TypeDef t : Libraries.registry().types()) {
            if (!t.library().equals("native")) {
                continue;
            }
            String shown = CliRun.run(Path.of("."), "types", t.name()).out();
            assertThat(doc).as("src/docs/schedules.md section for " + t.name()
                    + " (regenerate with src/tools/make-schedules-doc.sh)")
                    .contains("## " + t.name() + "\n\n```text\n" + shown + "```\n");
        }
    }
}

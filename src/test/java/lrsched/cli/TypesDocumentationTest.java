package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.library.Libraries;
import lrsched.registry.TypeDef;
import org.junit.jupiter.api.Test;

/**
 * The documentation shows the types as {@code lrsched types NAME} prints them: every native type in
 * src/docs/schedules.md, and the listings and parameter tables of the library pages in src/docs/compat/.
 */
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

    /** Each {@code lrsched types NAME} output quoted in a library page is what the command prints today. */
    @Test
    void quotedTypeListingsInTheLibraryPagesAreCurrent() throws IOException {
        Map<String, TypeDef> types = typesByName();
        int checked = 0;
        for (Path page : libraryPages()) {
            Matcher block = Pattern.compile("(?m)^```\\n((\\S+): [^\\n]*\\n(?:(?!```)[^\\n]*\\n)*)```$")
                    .matcher(Files.readString(page));
            while (block.find()) {
                if (types.containsKey(block.group(2))) {
                    String shown = CliRun.run(Path.of("."), "types", block.group(2)).out();
                    assertThat(block.group(1)).as(page + ": the block quoting 'lrsched types " + block.group(2)
                            + "'").isEqualTo(shown);
                    checked++;
                }
            }
        }
        assertThat(checked).as("quoted listings found").isGreaterThanOrEqualTo(15);
    }

    /**
     * Each parameter a library page's table lists (under a heading naming its types) is declared by one of those
     * types, with the default the page gives where it gives one.
     */
    @Test
    void parameterTablesInTheLibraryPagesNameDeclaredParameters() throws IOException {
        Map<String, TypeDef> types = typesByName();
        int checked = 0;
        for (Path page : libraryPages()) {
            List<TypeDef> heading = List.of();
            boolean inTable = false;
            for (String line : Files.readAllLines(page)) {
                if (line.startsWith("#")) {
                    heading = Pattern.compile("[\\w.]+").matcher(line).results().map(m -> types.get(m.group()))
                            .filter(t -> t != null).toList();
                    inTable = false;
                } else if (line.startsWith("| parameter |")) {
                    inTable = !heading.isEmpty();
                } else if (inTable && line.startsWith("|") && !line.startsWith("| ---")) {
                    String[] cells = line.split("\\|");
                    for (String name : cells[1].strip().split(",\\s*")) {
                        List<TypeDef> within = heading;
                        assertThat(within.stream().anyMatch(t -> t.param(name.strip()).isPresent()))
                                .as(page + ": '" + name + "' in the table under " + within.stream()
                                        .map(TypeDef::name).toList()).isTrue();
                        checked++;
                    }
                } else if (!line.startsWith("|")) {
                    inTable = false;
                }
            }
        }
        assertThat(checked).as("table rows found").isGreaterThanOrEqualTo(50);
    }

    private static Map<String, TypeDef> typesByName() {
        Map<String, TypeDef> types = new HashMap<>();
        Libraries.registry().types().forEach(t -> types.put(t.name(), t));
        return types;
    }

    private static List<Path> libraryPages() throws IOException {
        try (var files = Files.list(Path.of("src/docs/compat"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }
}

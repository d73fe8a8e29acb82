package lrsched.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.library.Libraries;
import org.junit.jupiter.api.Test;

/**
 * Every registered type is either listed in plotting.md as charted by its monotone pieces (it names them for some
 * generated parameters) or falls back to evaluating every step: a new type shows up here either way.
 */
class PiecesListTest {
    private static final Path DOC = Path.of("src/docs/plotting.md");

    @Test
    void plottingDocListsExactlyTheTypesThatNameTheirPieces() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        TreeSet<String> fallBack = new TreeSet<>();
        for (TypeDef t : Libraries.registry().types()) {
            (GeneratedSpecsPropertyTest.namesPieces(t) ? named : fallBack).add(t.name());
        }
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf("<!-- pieces:begin -->");
        int end = doc.indexOf("<!-- pieces:end -->");
        assertThat(begin).as("plotting.md has the pieces list markers").isNotNegative().isLessThan(end);
        TreeSet<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(doc.substring(begin, end));
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).as("types charted by pieces (the other %d fall back to every step: %s)", fallBack.size(),
                fallBack).isEqualTo(named);
    }
}

package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example charts in src/docs/images are what the commands in src/tools/make-doc-images.sh make today: each
 * command runs again (into a temporary file) and must give the same picture. Pixels may differ a little between
 * machines with other font rasterizers, so the test allows a handful of anti-aliasing differences and reports the
 * script to rerun.
 */
class DocImagesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = ROOT.resolve("src/tools/make-doc-images.sh");

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> docImagesRegenerateFromTheExamples() throws IOException {
        List<List<String>> commands = Files.readAllLines(SCRIPT).stream()
                .filter(l -> l.startsWith("./lrsched plot "))
                .map(l -> words(l.substring("./lrsched ".length()))).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(2);
        return commands.stream().map(args -> {
            int o = args.indexOf("-o");
            Path committed = ROOT.resolve(args.get(o + 1));
            return DynamicTest.dynamicTest(committed.getFileName().toString(), () -> {
                List<String> rerun = new ArrayList<>(args);
                Path fresh = out.resolve(committed.getFileName());
                rerun.set(o + 1, fresh.toString());
                CliRun r = CliRun.run(ROOT, rerun.toArray(String[]::new));
                assertThat(r.err()).isEmpty();
                assertThat(r.exitCode()).isZero();
                assertThat(committed).as("run src/tools/make-doc-images.sh and commit the images").exists();
                BufferedImage a = ImageIO.read(committed.toFile());
                BufferedImage b = ImageIO.read(fresh.toFile());
                assertThat(b.getWidth()).isEqualTo(a.getWidth());
                assertThat(b.getHeight()).isEqualTo(a.getHeight());
                assertThat(differingPixels(a, b)).as("pixels differing from %s; if the change is intended, run "
                        + "src/tools/make-doc-images.sh", committed).isLessThan(a.getWidth() * a.getHeight() / 500);
            });
        });
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)) > 40) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    /** Splits a shell command line into words; handles single quotes, which is all the script uses. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false, inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}

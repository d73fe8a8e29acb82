package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up thread (Main.WarmUp) only does work the run would do anyway: a chart drawn with it is the same file,
 * byte for byte, as one drawn without it (LRSCHED_WARM_UP=0), each in a JVM of its own, as the launcher runs them.
 */
class WarmUpTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theChartMachineryIsWarmedUpForImagePlotsOnly() {
        assertThat(Main.drawsImage(new String[] {"plot", "--spec", "noam.yaml"})).isTrue();
        assertThat(Main.drawsImage(new String[] {"--debug", "plot", "-s", "type=cosine,lr=1,total=9"})).isTrue();
        assertThat(Main.drawsImage(new String[] {"plot", "--spec", "noam.yaml", "--term"})).isFalse();
        assertThat(Main.drawsImage(new String[] {"csv", "--spec", "plot"})).isFalse();
        assertThat(Main.drawsImage(new String[] {})).isFalse();
    }

    @Test
    void aChartDrawnWithTheWarmUpIsByteIdenticalToOneDrawnWithout() throws Exception {
        Path with = draw("with.png", null);
        Path without = draw("without.png", "0");
        assertThat(Files.size(with)).isPositive();
        assertThat(Files.readAllBytes(with)).isEqualTo(Files.readAllBytes(without));
    }

    private Path draw(String name, String warmUp) throws Exception {
        Path out = dir.resolve(name);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), "lrsched.cli.Main", "plot", "--spec",
                ROOT.resolve("examples/noam.yaml").toString(), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        child.environment().remove("LRSCHED_WARM_UP");
        if (warmUp != null) {
            child.environment().put("LRSCHED_WARM_UP", warmUp);
        }
        assertThat(child.start().waitFor()).as(Files.readString(dir.resolve(name + ".log"))).isZero();
        return out;
    }
}

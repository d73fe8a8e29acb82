package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    @TempDir
    Path dir;

    private static final String NOAM = "steps: 20000\nschedules:\n  - {name: noam, type: noam, d_model: 512, "
            + "warmup: 4000}\n";

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void writesSpecNamePngInTheWorkingDirectoryAndPrintsItsPath() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("noam.png\n");
        BufferedImage image = ImageIO.read(dir.resolve("noam.png").toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
    }

    @Test
    void withoutASpecFileTheImageIsLrschedPng() {
        CliRun r = CliRun.run(dir, "plot", "-s", "type=constant,lr=1e-3", "--steps", "100");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("lrsched.png\n");
        assertThat(dir.resolve("lrsched.png")).exists();
    }

    @Test
    void formatFollowsTheExtension() throws IOException {
        write("noam.yaml", NOAM);
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "-o", "n.svg").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("n.svg"))).startsWith("<?xml").contains("<svg");
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "-o", "n.pdf").exitCode()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("n.pdf"))).startsWith('%', 'P', 'D', 'F');
        CliRun bad = CliRun.run(dir, "plot", "--spec", "noam.yaml", "-o", "n.jpg");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).isEqualTo("lrsched: -o n.jpg: the image format follows the extension; use .png, "
                + ".svg or .pdf\n");
    }

    @Test
    void sizeAndDpiSetThePixels() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--width", "640", "--height", "400", "--dpi",
                "192", "-o", "big.png");
        assertThat(r.exitCode()).isZero();
        BufferedImage image = ImageIO.read(dir.resolve("big.png").toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
    }

    @Test
    void sameCommandWritesTheSameBytes() throws IOException {
        write("noam.yaml", NOAM);
        for (String ext : new String[] {"png", "svg"}) {
            CliRun.run(dir, "plot", "--spec", "noam.yaml", "--sweep", "warmup=1000,4000", "-o", "a." + ext);
            CliRun.run(dir, "plot", "--spec", "noam.yaml", "--sweep", "warmup=1000,4000", "-o", "b." + ext);
            assertThat(Files.readAllBytes(dir.resolve("a." + ext))).isEqualTo(Files.readAllBytes(dir.resolve(
                    "b." + ext)));
        }
    }

    @Test
    void terminalChartWithSweepLegend() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--term", "--width", "60", "--sweep",
                "warmup=1000,4000");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Learning rate\n").contains("└┬", "Step", "[1] warmup=1000  (peak",
                "[2] warmup=4000  (peak 6.99e-4 at 4k)").doesNotContain("\u001b[");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(dir.resolve("noam.png")).doesNotExist();
    }

    @Test
    void terminalColourCanBeForced() throws IOException {
        write("noam.yaml", NOAM);
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "--term", "--width", "60", "--color=always")
                .out()).contains("\u001b[34m");
    }

    @Test
    void terminalWidthComesFromColumnsOr80() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--term");
        assertThat(r.out().lines().mapToInt(String::length).max().orElseThrow()).isBetween(70, 80);
    }

    @Test
    void terminalChartFitsTheLinesOfTheTerminal() throws IOException {
        write("noam.yaml", NOAM);
        for (String lines : new String[] {"12", "20", "30"}) {
            CliRun r = CliRun.withEnv(dir, "", java.util.Map.of("LINES", lines, "COLUMNS", "100"), "plot", "--spec",
                    "noam.yaml", "--term", "--title", "Noam", "--sweep", "warmup=1000,2000,4000,8000");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out().lines().count()).as("LINES=%s", lines).isLessThanOrEqualTo(Long.parseLong(lines))
                    .isGreaterThan(Long.parseLong(lines) / 2);
            assertThat(r.out()).contains("Noam", "[4] warmup=8000");
        }
    }

    @Test
    void epochsNeedStepsPerEpoch() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--x", "epochs");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--steps-per-epoch");
        CliRun ok = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--x", "epochs", "--steps-per-epoch", "2500",
                "--term", "--width", "60");
        assertThat(ok.out()).contains("Epoch", "peak 6.99e-4 at epoch 1.6");
    }

    @Test
    void aTrainingBlockGivesTheEpochAxisItsLength() throws IOException {
        // 100 examples in batches of 10 on one device: 10 updates per epoch, 3 epochs; warmup 20% of 30 = 6 updates
        write("t.yaml", "training: {dataset_size: 100, per_device_batch_size: 10, num_train_epochs: 3, "
                + "warmup_ratio: 0.2}\nschedules:\n  - {type: hf.linear, lr: 1}\n");
        CliRun r = CliRun.run(dir, "plot", "--spec", "t.yaml", "--x", "epochs", "--term", "--width", "60");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Epoch", "peak 1 at epoch 0.6");
    }

    @Test
    void badOptionsAreOneLineErrors() throws IOException {
        write("noam.yaml", NOAM);
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "--theme", "neon").err())
                .isEqualTo("lrsched: --theme: unknown theme 'neon'; choose light, dark or colorblind\n");
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "--width", "10").err())
                .isEqualTo("lrsched: width must be 160 to 20000 pixels, got 10\n");
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "--term", "-o", "x.png").exitCode())
                .isEqualTo(Cli.USAGE);
        assertThat(CliRun.run(dir, "plot", "--spec", "noam.yaml", "--layout", "stack").exitCode())
                .isEqualTo(Cli.USAGE);
    }

    @Test
    void standardOutputIsNoImageFileAndTheErrorSaysWhereToGo() throws IOException {
        write("noam.yaml", NOAM);
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "-o", "-");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lrsched: -o -: plot writes image files (-o chart.png, .svg or .pdf); to draw "
                + "in the terminal use --term, for the values on standard output use lrsched csv\n");
    }

    @Test
    void gridLayoutAndLogAxisAndThemesRender() throws IOException {
        write("noam.yaml", NOAM);
        for (String[] extra : new String[][] {{"--layout", "grid"}, {"--log-y"}, {"--theme", "dark"},
            {"--theme", "colorblind", "--title", "Noam"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("plot", "--spec", "noam.yaml",
                    "--sweep", "warmup=1000,4000", "-o", "x.png"));
            args.addAll(java.util.List.of(extra));
            CliRun r = CliRun.run(dir, args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", extra)).isZero();
        }
    }

    @Test
    void failedRunLeavesNoImage() {
        CliRun r = CliRun.run(dir, "plot", "-s", "type=constant,lr=1", "-o", "x.png");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("no step range");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void anArgumentStartingWithAtIsTakenAsWrittenNotAsAFileToRead() throws IOException {
        write("noam.yaml", NOAM);
        write("secret.txt", "do not read me");
        CliRun r = CliRun.run(dir, "plot", "--spec", "noam.yaml", "--title", "@secret.txt", "--term", "--width", "60");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("@secret.txt").doesNotContain("do not read me");
    }
}

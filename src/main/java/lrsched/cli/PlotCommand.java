package lrsched.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import lrsched.output.AtomicOutput;
import lrsched.output.CurveSampler;
import lrsched.output.chart.ChartException;
import lrsched.output.chart.ChartFormat;
import lrsched.output.chart.ChartOptions;
import lrsched.output.chart.ChartRenderer;
import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.ChartTheme;
import lrsched.output.logged.LoggedCurveSampler;
import lrsched.output.term.TermOptions;
import lrsched.output.term.TerminalChart;
import lrsched.spec.SpecException;
import lrsched.spec.StepSelection;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lrsched plot}: the schedules as a PNG, SVG or PDF chart, or drawn in the terminal. */
@Command(name = "plot", description = {"Draw the schedules as a PNG, SVG or PDF chart, or in the terminal (--term).",
    "Without -o, writes <spec name>.png (lrsched.png without a spec file) and prints its path."},
        mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false)
final class PlotCommand implements Callable<Integer> {
    enum XUnit { steps, epochs }

    enum LayoutName { overlay, grid }

    enum ColorMode { auto, always, never }

    @ParentCommand
    LrSchedCommand parent;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--sweep", paramLabel = "[NAME.]KEY=V1,V2,...",
            description = "One curve per value of a parameter, labelled with the value, e.g. --sweep "
                    + "num_warmup_steps=500,1000,2000; several --sweep give every combination.")
    List<String> sweeps = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The image to write; .png, .svg or .pdf (default: <spec name>.png in this directory).")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", description = "Chart title (default: none).")
    String title = "";

    @Option(names = "--width", paramLabel = "N",
            description = "Width in pixels (default 800); with --term, in columns (default: the terminal's).")
    Integer width;

    @Option(names = "--height", paramLabel = "N",
            description = "Height in pixels (default 500); with --term, plot rows (default: width / 4).")
    Integer height;

    @Option(names = "--dpi", paramLabel = "N",
            description = "PNG resolution (default 96): --dpi 300 gives the same chart with 3.1x the pixels.")
    int dpi = ChartOptions.BASE_DPI;

    @Option(names = "--log-y", description = "Logarithmic learning-rate axis.")
    boolean logY;

    @Option(names = "--x", paramLabel = "UNIT", description = "x axis unit: ${COMPLETION-CANDIDATES} (default "
            + "steps; epochs needs --steps-per-epoch).")
    XUnit xUnit = XUnit.steps;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Steps in one epoch, for --x epochs.")
    Long stepsPerEpoch;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "${COMPLETION-CANDIDATES}: one chart with a "
            + "legend (default), or one small chart per schedule with shared axes.")
    LayoutName layout = LayoutName.overlay;

    @Option(names = "--theme", paramLabel = "THEME", description = "light (default), dark or colorblind.")
    String theme = "light";

    @Option(names = "--term", description = "Draw in the terminal with braille characters instead of writing "
            + "an image.")
    boolean term;

    @Option(names = "--color", paramLabel = "WHEN", description = "Colour in --term: ${COMPLETION-CANDIDATES} "
            + "(default auto: when standard output is a terminal and NO_COLOR is unset).")
    ColorMode color = ColorMode.auto;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nLogged curves, to check that training did "
            + "what was planned:%n")
    List<OverlayOptions> overlays = new ArrayList<>();

    @Override
    public Integer call() {
        Console console = parent.console;
        checkOptions();
        Inputs inputs = input.load(console, sweeps);
        try {
            return term ? drawInTerminal(console, inputs) : writeImage(console, inputs);
        } catch (ChartException e) {
            console.err().println("lrsched: " + e.getMessage());
            console.err().flush();
            return Cli.FAILURE;
        }
    }

    private void checkOptions() {
        if (xUnit == XUnit.epochs && stepsPerEpoch == null) {
            throw new SpecException("--x epochs needs --steps-per-epoch N (the number of optimizer steps in one "
                    + "epoch)");
        }
        if (stepsPerEpoch != null && stepsPerEpoch < 1) {
            throw new SpecException("--steps-per-epoch must be 1 or more, got " + stepsPerEpoch);
        }
        if (ChartTheme.named(theme).isEmpty()) {
            throw new SpecException("--theme: unknown theme '" + theme + "'; choose light, dark or colorblind");
        }
        if (term && output != null) {
            throw new SpecException("--term draws in the terminal; it cannot be combined with -o");
        }
        if (term && layout == LayoutName.grid) {
            throw new SpecException("--term draws one overlay chart; --layout grid is for image files");
        }
    }

    private Integer writeImage(Console console, Inputs inputs) {
        String name = output != null ? output.toString() : inputs.spec().sourceName().orElse("lrsched") + ".png";
        ChartFormat format = ChartFormat.forFileName(name).orElseThrow(() -> new SpecException(
                "-o " + name + ": the image format follows the extension; use .png, .svg or .pdf"));
        ChartOptions options = chartOptions();
        List<ChartSeries> series = inXUnit(sample(console, inputs, options.decimationColumns(format)));
        AtomicOutput.write(console.workingDir().resolve(name), out -> ChartRenderer.write(series, options, format,
                out));
        console.out().println(name);
        return Cli.OK;
    }

    private ChartOptions chartOptions() {
        try {
            return ChartOptions.defaults()
                    .withTitle(title)
                    .withSize(width != null ? width : 800, height != null ? height : 500)
                    .withDpi(dpi)
                    .withLogY(logY)
                    .withLayout(layout == LayoutName.grid ? ChartOptions.Layout.GRID : ChartOptions.Layout.OVERLAY)
                    .withTheme(ChartTheme.named(theme).orElseThrow())
                    .withAxisTitles(xTitle(), "Learning rate");
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage());
        }
    }

    private Integer drawInTerminal(Console console, Inputs inputs) {
        int columns = width != null ? width : Terminal.columns(console.env());
        TermOptions o;
        try {
            o = TermOptions.ofWidth(columns);
            if (height != null) {
                o = o.withHeight(height);
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage());
        }
        boolean colour = switch (color) {
            case always -> true;
            case never -> false;
            case auto -> TermOptions.colorWanted(console.env(), Terminal.isInteractive());
        };
        o = o.withColor(colour).withTitle(title).withLogY(logY).withAxisTitles(xTitle(), "Learning rate");
        List<ChartSeries> series = inXUnit(sample(console, inputs, 2 * columns));
        console.out().print(TerminalChart.render(series, o));
        console.out().flush();
        return Cli.OK;
    }

    /** The logs first (a bad one fails before any work), then the schedules; the logs are drawn last. */
    private List<ChartSeries> sample(Console console, Inputs inputs, int columns) {
        StepSelection steps = inputs.steps();
        // a log is cut to the steps the user chose; without a choice it shows all it holds, even past the spec's end
        long first = 0, last = Long.MAX_VALUE;
        if (input.choosesSteps()) {
            first = steps instanceof StepSelection.Listed l ? Arrays.stream(l.steps()).min().orElse(0) : steps.get(0);
            last = steps.max();
        }
        List<ChartSeries> logged = new ArrayList<>();
        for (OverlayOptions o : overlays) {
            logged.add(LoggedCurveSampler.sample(o.curve(console.workingDir()), first, last, columns));
        }
        List<ChartSeries> series = new ArrayList<>(CurveSampler.sample(inputs.curves(), steps, columns));
        series.addAll(logged);
        return series;
    }

    private String xTitle() {
        return xUnit == XUnit.epochs ? "Epoch" : "Step";
    }

    private List<ChartSeries> inXUnit(List<ChartSeries> series) {
        if (xUnit == XUnit.steps) {
            return series;
        }
        return series.stream().map(s -> s.scaleX(stepsPerEpoch)).toList();
    }

    /** What little Java can tell about the terminal. */
    static final class Terminal {
        private Terminal() {}

        /** Standard input and output are a terminal (Java 17's System.console()). */
        static boolean isInteractive() {
            return System.console() != null;
        }

        /**
         * The terminal's width: $COLUMNS when exported, else what {@code stty} reports for the controlling
         * terminal, else 80.
         */
        static int columns(java.util.Map<String, String> env) {
            int fromEnv = TermOptions.widthFromEnvironment(env, -1);
            if (fromEnv > 0) {
                return fromEnv;
            }
            if (isInteractive()) {
                try {
                    Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                            .redirectErrorStream(true).start();
                    String size = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets
                            .US_ASCII).trim();
                    if (p.waitFor() == 0 && size.matches("\\d+ \\d+")) {
                        int cols = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                        if (cols >= 30 && cols <= 1000) {
                            return cols;
                        }
                    }
                } catch (IOException e) {
                    // no stty: use the default
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 80;
        }
    }
}

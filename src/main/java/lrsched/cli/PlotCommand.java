package lrsched.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import lrsched.core.InputException;
import lrsched.core.StepSelection;
import lrsched.input.log.LogReaders;
import lrsched.input.log.LogRequest;
import lrsched.output.AtomicOutput;
import lrsched.output.CurveSampler;
import lrsched.output.chart.ChartException;
import lrsched.output.chart.ChartFormat;
import lrsched.output.chart.ChartOptions;
import lrsched.output.chart.ChartRenderer;
import lrsched.output.chart.ChartSeries;
import lrsched.output.chart.ChartTheme;
import lrsched.output.chart.LoggedCurveSampler;
import lrsched.output.term.TermOptions;
import lrsched.output.term.TerminalChart;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code lrsched plot}: the schedules as a PNG, SVG or PDF chart, or drawn in the terminal. */
final class PlotCommand implements Callable<Integer> {
    enum XUnit { steps, epochs }

    enum LayoutName { overlay, grid }

    enum ColorMode { auto, always, never }

    final CommandSpec spec = Commands.create(this,
            "Draw the schedules as a PNG, SVG or PDF chart, or in the terminal (--term).",
            "Without -o, writes <spec name>.png (lrsched.png without a spec file) and prints its path.");
    private final Console console;
    private final InputOptions input = new InputOptions(spec);
    private final Opt<List<String>> sweeps = Opt.list(spec, String.class, OptionSpec.builder("--sweep")
            .paramLabel("[NAME.]KEY=V1,V2,...").description("One curve per value of a parameter, labelled with the "
                    + "value, e.g. --sweep num_warmup_steps=500,1000,2000; several --sweep give every combination."));
    private final Opt<Path> output = Opt.of(spec, Path.class, OptionSpec.builder("-o", "--output").paramLabel("FILE")
            .description("The image to write; .png, .svg or .pdf (default: <spec name>.png in this directory)."));
    private final Opt<String> title = Opt.of(spec, String.class, OptionSpec.builder("--title").paramLabel("TEXT")
            .initialValue("").description("Chart title (default: none)."));
    private final Opt<Integer> width = Opt.of(spec, Integer.class, OptionSpec.builder("--width").paramLabel("N")
            .description("Width in pixels (default 800); with --term, in columns (default: the terminal's)."));
    private final Opt<Integer> height = Opt.of(spec, Integer.class, OptionSpec.builder("--height").paramLabel("N")
            .description("Height in pixels (default 500); with --term, plot rows (default: width / 4, fewer when "
                    + "the chart would not fit the terminal's height, $LINES)."));
    private final Opt<Integer> dpi = Opt.of(spec, Integer.class, OptionSpec.builder("--dpi").paramLabel("N")
            .initialValue(ChartOptions.BASE_DPI)
            .description("PNG resolution (default 96): --dpi 300 gives the same chart with 3.1x the pixels."));
    private final Opt<Boolean> logY = Opt.flag(spec, OptionSpec.builder("--log-y")
            .description("Logarithmic learning-rate axis."));
    private final Opt<XUnit> xUnit = Opt.of(spec, XUnit.class, OptionSpec.builder("--x").paramLabel("UNIT")
            .initialValue(XUnit.steps).description("x axis unit: ${COMPLETION-CANDIDATES} (default steps; epochs "
                    + "needs --steps-per-epoch)."));
    private final Opt<Long> stepsPerEpoch = Opt.of(spec, Long.class, OptionSpec.builder("--steps-per-epoch")
            .paramLabel("N").description("Steps in one epoch, for --x epochs and for logs with one value per "
                    + "epoch (default: what the spec's training block or framework config gives)."));
    private final Opt<LayoutName> layout = Opt.of(spec, LayoutName.class, OptionSpec.builder("--layout")
            .paramLabel("LAYOUT").initialValue(LayoutName.overlay).description("${COMPLETION-CANDIDATES}: one chart "
                    + "with a legend (default), or one small chart per schedule with shared axes."));
    private final Opt<String> theme = Opt.of(spec, String.class, OptionSpec.builder("--theme").paramLabel("THEME")
            .initialValue("light").description("light (default), dark or colorblind."));
    private final Opt<Boolean> term = Opt.flag(spec, OptionSpec.builder("--term")
            .description("Draw in the terminal with braille characters instead of writing an image."));
    private final Opt<ColorMode> color = Opt.of(spec, ColorMode.class, OptionSpec.builder("--color")
            .paramLabel("WHEN").initialValue(ColorMode.auto).description("Colour in --term: "
                    + "${COMPLETION-CANDIDATES} (default auto: when standard output is a terminal and NO_COLOR is "
                    + "unset)."));
    private final OverlayOptions overlays = new OverlayOptions(spec);
    /** --steps-per-epoch, else what the spec's training block or config says; set when the inputs are loaded. */
    private OptionalLong perEpoch = OptionalLong.empty();

    PlotCommand(Console console) {
        this.console = console;
        spec.usageMessage().sortOptions(false);
    }

    @Override
    public Integer call() {
        checkOptions();
        Inputs inputs = input.load(console, sweeps.get());
        if (!CurveSampler.byPieces(inputs.curves(), inputs.steps())) {
            inputs.checkEvaluable("plot");
        }
        perEpoch = stepsPerEpoch.get() != null ? OptionalLong.of(stepsPerEpoch.get())
                : inputs.spec().updatesPerEpoch();
        if (xUnit.get() == XUnit.epochs && perEpoch.isEmpty()) {
            throw new InputException("--x epochs needs --steps-per-epoch N (the number of optimizer steps in one "
                    + "epoch), or a spec whose training block or framework config gives it");
        }
        try {
            return term.get() ? drawInTerminal(console, inputs) : writeImage(console, inputs);
        } catch (ChartException e) {
            Cli.error(console, e.getMessage());
            console.err().flush();
            return Cli.FAILURE;
        }
    }

    private void checkOptions() {
        Long stepsPerEpoch = this.stepsPerEpoch.get();
        String theme = this.theme.get();
        boolean term = this.term.get();
        if (stepsPerEpoch != null && stepsPerEpoch < 1) {
            throw new InputException("--steps-per-epoch must be 1 or more, got " + stepsPerEpoch);
        }
        if (ChartTheme.named(theme).isEmpty()) {
            throw new InputException("--theme: unknown theme '" + theme + "'; choose light, dark or colorblind");
        }
        if (output.get() != null && output.get().toString().equals("-")) {
            throw new InputException("-o -: plot writes image files (-o chart.png, .svg or .pdf); to draw in the "
                    + "terminal use --term, for the values on standard output use lrsched csv");
        }
        if (term && output.get() != null) {
            throw new InputException("--term draws in the terminal; it cannot be combined with -o");
        }
        if (term && layout.get() == LayoutName.grid) {
            throw new InputException("--term draws one overlay chart; --layout grid is for image files");
        }
    }

    private Integer writeImage(Console console, Inputs inputs) {
        Path file = output.get();
        if (file != null && file.toString().isEmpty()) {
            throw new InputException("-o needs a file name (.png, .svg or .pdf); --term draws in the terminal");
        }
        String name = file != null ? file.toString() : inputs.spec().sourceName().orElse("lrsched") + ".png";
        ChartFormat format = ChartFormat.forFileName(name).orElseThrow(() -> new InputException(
                "-o " + name + ": the image format follows the extension; use .png, .svg or .pdf"));
        ChartOptions options = chartOptions();
        List<ChartSeries> series = inXUnit(sample(console, inputs, options.decimationColumns(format)));
        AtomicOutput.write(console.workingDir().resolve(name), out -> ChartRenderer.write(series, options, format,
                out));
        console.out().println(name);
        return Cli.OK;
    }

    private ChartOptions chartOptions() {
        Integer width = this.width.get();
        Integer height = this.height.get();
        try {
            return ChartOptions.defaults()
                    .withTitle(title.get())
                    .withSize(width != null ? width : 800, height != null ? height : 500)
                    .withDpi(dpi.get())
                    .withLogY(logY.get())
                    .withLayout(layout.get() == LayoutName.grid ? ChartOptions.Layout.GRID
                            : ChartOptions.Layout.OVERLAY)
                    .withTheme(ChartTheme.named(theme.get()).orElseThrow())
                    .withAxisTitles(xTitle(), "Learning rate");
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    private Integer drawInTerminal(Console console, Inputs inputs) {
        Integer width = this.width.get();
        Integer height = this.height.get();
        int columns = width != null ? width : Terminal.columns(console.env());
        TermOptions o;
        try {
            o = TermOptions.ofWidth(columns);
            if (height != null) {
                o = o.withHeight(height);
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        boolean colour = switch (color.get()) {
            case always -> true;
            case never -> false;
            case auto -> TermOptions.colorWanted(console.env(), Terminal.isInteractive());
        };
        o = o.withColor(colour).withTitle(title.get()).withLogY(logY.get()).withAxisTitles(xTitle(), "Learning rate");
        List<ChartSeries> series = inXUnit(sample(console, inputs, 2 * columns));
        if (height == null) {
            int lines = Terminal.lines(console.env());
            if (lines > 0) {
                o = o.withHeight(TerminalChart.rowsToFit(series, o, lines));
            }
        }
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
        for (LogRequest log : overlays.requests(console.workingDir())) {
            LogRequest asked = log.withVersions(inputs.spec().versions());
            if (perEpoch.isPresent()) {
                asked = asked.withUpdatesPerEpoch(perEpoch.getAsLong());
            }
            logged.add(LoggedCurveSampler.sample(LogReaders.read(asked), first, last, columns));
        }
        List<ChartSeries> series = new ArrayList<>(CurveSampler.sample(inputs.curves(), steps, columns));
        series.addAll(logged);
        return series;
    }

    private String xTitle() {
        return xUnit.get() == XUnit.epochs ? "Epoch" : "Step";
    }

    private List<ChartSeries> inXUnit(List<ChartSeries> series) {
        if (xUnit.get() == XUnit.steps) {
            return series;
        }
        long updates = perEpoch.getAsLong();
        return series.stream().map(s -> s.scaleX(updates)).toList();
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
            String size = isInteractive() ? sttySize() : "";
            if (!size.isEmpty()) {
                int cols = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                if (cols >= 30 && cols <= 1000) {
                    return cols;
                }
            }
            return 80;
        }

        /**
         * The terminal's height in lines: $LINES when exported, else what {@code stty} reports for the controlling
         * terminal, else -1 (not a terminal: no limit).
         */
        static int lines(java.util.Map<String, String> env) {
            String fromEnv = env.get("LINES");
            if (fromEnv != null && fromEnv.trim().matches("\\d{1,4}")) {
                return Integer.parseInt(fromEnv.trim());
            }
            String size = isInteractive() ? sttySize() : "";
            return size.isEmpty() ? -1 : Integer.parseInt(size.substring(0, size.indexOf(' ')));
        }

        /** "ROWS COLUMNS" as {@code stty size} reports them for the controlling terminal, or empty. */
        private static String sttySize() {
            try {
                Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
                String size = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets
                        .US_ASCII).trim();
                if (p.waitFor() == 0 && size.matches("\\d{1,4} \\d{1,4}")) {
                    return size;
                }
            } catch (IOException e) {
                // no stty: no size
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "";
        }
    }
}

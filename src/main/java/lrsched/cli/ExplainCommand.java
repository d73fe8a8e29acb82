package lrsched.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import lrsched.core.Node;
import lrsched.input.config.Imported;
import lrsched.input.formats.Formats;
import lrsched.input.spec.Spec;
import lrsched.library.Libraries;
import lrsched.registry.Args;
import lrsched.registry.Param;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lrsched explain}: every number lrsched derived from the files, and every parameter of every schedule. */
final class ExplainCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "Show how lrsched read each file: the format, every number it derived (with the framework's rounding), "
                    + "the defaults it filled in and the keys it ignored; then each schedule with all its "
                    + "parameters and where each value came from.",
            "Formats: " + formatList() + ".");
    private final Console console;
    private final SpecOptions specOptions = new SpecOptions(spec);

    ExplainCommand(Console console) {
        this.console = console;
    }

    private static String formatList() {
        List<String> names = new ArrayList<>();
        Formats.standard().formats().forEach(f -> names.add(f.name() + " (" + f.title() + ")"));
        return String.join(", ", names);
    }

    @Override
    public Integer call() {
        Registry registry = Libraries.registry();
        Spec loaded = specOptions.load(console, registry);
        PrintWriter out = console.out();
        for (Spec.File file : loaded.files()) {
            out.println(file.source() + ": read as " + file.format().title() + " (" + file.format().name() + ")");
            Imported imported = file.imported();
            printDerived(out, imported);
            if (!imported.defaults().isEmpty()) {
                out.println("  defaults filled in: " + String.join(", ", imported.defaults()));
            }
            if (!imported.ignored().isEmpty()) {
                out.println("  ignored (no effect on the learning rate): " + String.join(", ", imported.ignored()));
            }
        }
        if (loaded.files().size() != 1) {
            loaded.steps().ifPresent(s -> out.println("steps: " + s + " (rows 0.." + (s - 1) + ")"));
        }
        for (Spec.Entry e : loaded.schedules()) {
            TypeDef type = registry.typeOf(e.mapping(), e.name());
            Args args = registry.args(e.mapping(), e.name(), Optional.empty()).args();
            out.println("schedule '" + e.name() + "'" + (e.name().equals(type.name()) ? "" : " (" + type.name() + ")")
                    + ": " + type.summary());
            List<String[]> rows = new ArrayList<>();
            for (Param p : type.params()) {
                rows.add(new String[] {p.name(), args.shown(p), args.given(p) ? "from " + args.location(p)
                        : p.defaultDoc().isPresent() && !args.has(p) ? "computed: " + p.defaultDoc().get()
                        : "default"});
            }
            for (Node.Entry x : e.mapping().entries().values()) {
                if (type.param(x.key()).isEmpty() && !Registry.RESERVED_KEYS.contains(x.key())) {
                    String value = x.value() instanceof Node.ScalarNode s ? s.text() : x.value().describe();
                    rows.add(new String[] {x.key(), value, "run option, from " + x.value().location()});
                }
            }
            printAligned(out, rows);
        }
        out.flush();
        return Cli.OK;
    }

    /** The numbers a file's format derived, one aligned line each with its arithmetic, then the run length. */
    static void printDerived(PrintWriter out, Imported imported) {
        List<String[]> rows = new ArrayList<>();
        imported.facts().forEach(f -> rows.add(new String[] {f.name(), f.value(), f.how()}));
        imported.steps().ifPresent(s -> rows.add(new String[] {"steps", Long.toString(s), "rows 0.." + (s - 1)}));
        printAligned(out, rows);
    }

    /** Rows of cells, each column padded to its widest cell, indented by two spaces. */
    private static void printAligned(PrintWriter out, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                line.append(r[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(width[c] - r[c].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}

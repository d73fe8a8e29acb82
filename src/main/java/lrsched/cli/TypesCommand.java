package lrsched.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import lrsched.core.InputException;
import lrsched.core.Suggest;
import lrsched.input.config.ConfigFormat;
import lrsched.input.formats.Formats;
import lrsched.library.Libraries;
import lrsched.registry.Param;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code lrsched types [NAME]}: what schedule types exist, and one type's parameters, defaults and formula. */
final class TypesCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this, "List schedule types, or show one type's parameters, defaults and "
            + "formula.");
    private final Console console;
    private final Opt<String> name = Opt.positional(spec, String.class, PositionalParamSpec.builder().arity("0..1")
            .paramLabel("NAME").completionCandidates(new CompletionCommand.TypeNames())
            .description("A type (cosine, torch.OneCycleLR) or a library (torch, hf, native)."));

    TypesCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        String name = this.name.get();
        Registry registry = Libraries.registry();
        PrintWriter out = console.out();
        List<TypeDef> all = registry.types();
        if (name == null) {
            list(out, all);
        } else if (registry.find(name).isPresent()) {
            show(out, registry.find(name).get());
        } else {
            List<TypeDef> library = all.stream().filter(t -> t.library().equals(name)).toList();
            // a framework whose configs lrsched reads: where its schedules are (after its types, when it has some)
            java.util.Optional<String> framework = Formats.standard().formats().stream()
                    .filter(f -> f.name().equals(name)).findFirst().flatMap(ConfigFormat::whereSchedulesAre);
            if (library.isEmpty() && framework.isPresent()) {
                out.println(framework.get());
                out.flush();
                return Cli.OK;
            }
            if (library.isEmpty()) {
                List<String> names = new java.util.ArrayList<>(all.stream().map(TypeDef::name).toList());
                names.addAll(all.stream().map(TypeDef::library).distinct().toList());
                Formats.standard().formats().forEach(f -> names.add(f.name()));
                throw new InputException("unknown type or library '" + name + "'" + Suggest.didYouMean(name, names)
                        + " (list all with: lrsched types)");
            }
            list(out, library);
            if (framework.isPresent()) {
                out.println();
                out.println(framework.get());
            }
        }
        out.flush();
        return Cli.OK;
    }

    private static void list(PrintWriter out, List<TypeDef> types) {
        Map<String, List<TypeDef>> byLibrary = types.stream().collect(Collectors.groupingBy(TypeDef::library,
                java.util.LinkedHashMap::new, Collectors.toList()));
        int width = types.stream().mapToInt(t -> t.name().length()).max().orElse(10) + 2;
        boolean first = true;
        for (Map.Entry<String, List<TypeDef>> e : byLibrary.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(e.getKey() + ":");
            for (TypeDef t : e.getValue()) {
                out.println("  " + pad(t.name(), width) + t.summary());
            }
        }
        out.println();
        out.println("Show one type's parameters and formula with: lrsched types NAME");
    }

    private static void show(PrintWriter out, TypeDef t) {
        out.println(t.name() + ": " + t.summary());
        if (!t.formula().isEmpty()) {
            out.println();
            out.println("Formula (t is the 0-based update number):");
            t.formula().lines().forEach(l -> out.println("  " + l));
        }
        out.println();
        out.println("Parameters:");
        int nameWidth = t.params().stream().mapToInt(p -> p.name().length()).max().orElse(4) + 2;
        Map<String, String> defaults = new TreeMap<>();
        int defaultWidth = 9;
        for (Param p : t.params()) {
            String d = p.defaultText();
            defaults.put(p.name(), d);
            defaultWidth = Math.max(defaultWidth, d.length() + 2);
        }
        defaultWidth = Math.min(defaultWidth, 24);
        out.println("  " + pad("name", nameWidth) + pad("default", defaultWidth) + "description");
        for (Param p : t.params()) {
            StringBuilder line = new StringBuilder("  ").append(pad(p.name(), nameWidth))
                    .append(pad(defaults.get(p.name()), defaultWidth)).append(p.doc());
            line.append(" (").append(p.kind().label());
            if (!p.choices().isEmpty()) {
                line.append(": ").append(String.join(" | ", p.choices()));
            }
            if (!p.range().isUnbounded()) {
                line.append(", ").append(p.range().describe());
            }
            line.append(')');
            out.println(line);
        }
        if (t.openParams()) {
            out.println("  (any other numeric key becomes a named constant of the formula)");
        }
        if (!t.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            t.notes().lines().forEach(l -> out.println("  " + l));
        }
    }

    private static String pad(String s, int width) {
        return s.length() + 1 >= width ? s + "  " : s + " ".repeat(width - s.length());
    }
}

package lrsched.input.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;

/**
 * {@code --sweep KEY=V1,V2,...} turns every schedule that has parameter KEY into one schedule per value;
 * {@code --sweep NAME.KEY=V1,V2,...} does it for the schedule called NAME only. Several sweeps multiply: two sweeps
 * of three values give nine schedules. Each expanded schedule is named after its values ({@code warmup=500}, or
 * {@code noam warmup=500} when the spec has several schedules), which is what a legend or a CSV header shows.
 *
 * <p>Values are read like {@code --set} values; commas inside brackets do not split ({@code milestones=[10,20],[30]}).
 * Sweeps apply after {@code --set}.
 */
public final class Sweeps {
    private Sweeps() {}

    /** The entries with every sweep applied, in spec order; each swept entry's copies follow the values' order. */
    public static List<Spec.Entry> apply(List<Spec.Entry> entries, List<String> sweeps, Registry registry) {
        if (sweeps.isEmpty()) {
            return entries;
        }
        boolean prefixNames = entries.size() > 1;
        List<Item> items = new ArrayList<>();
        for (Spec.Entry e : entries) {
            items.add(new Item(e.name(), e, List.of()));
        }
        List<Sweep> parsed = new ArrayList<>();
        for (int i = 0; i < sweeps.size(); i++) {
            parsed.add(parse(entries, "--sweep[" + (i + 1) + "]", sweeps.get(i)));
        }
        refuseTooMany(entries, parsed, registry);
        for (Sweep sweep : parsed) {
            items = applyOne(items, entries, sweep, registry);
        }
        List<Spec.Entry> out = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Item item : items) {
            String name = item.labels.isEmpty() ? item.originalName
                    : (prefixNames ? item.originalName + " " : "") + String.join(", ", item.labels);
            String unique = name;
            for (int k = 2; used.contains(unique); k++) {
                unique = name + " (" + k + ")";
            }
            used.add(unique);
            out.add(new Spec.Entry(unique, item.entry.mapping()));
        }
        return out;
    }

    /** A schedule on its way through the sweeps: its name as written and the key=value labels gathered so far. */
    private record Item(String originalName, Spec.Entry entry, List<String> labels) {}

    /** One {@code --sweep} as written: where it came from, the key it sets (of the schedule it names) and the values. */
    private record Sweep(String source, String left, Optional<String> target, String key, List<String> values) {}

    /** The most curves a sweep may make: each is evaluated at every step, and a legend of more is unreadable. */
    static final int MAX_CURVES = 1000;

    /** Counts the curves before any is made (the sweeps multiply), and refuses more than {@link #MAX_CURVES}. */
    private static void refuseTooMany(List<Spec.Entry> entries, List<Sweep> sweeps, Registry registry) {
        long total = 0;
        for (Spec.Entry e : entries) {
            long copies = 1;
            TypeDef type = registry.typeOf(e.mapping(), e.name());
            for (Sweep s : sweeps) {
                if (applies(s, e.name(), type)) {
                    copies = Math.min(copies * s.values.size(), Integer.MAX_VALUE);
                }
            }
            total = Math.min(total + copies, Integer.MAX_VALUE);
        }
        if (total > MAX_CURVES) {
            throw new InputException(Location.of("--sweep"), String.format(java.util.Locale.ROOT,
                    "the sweeps would make %,d curves; at most %,d are allowed: sweep fewer values, or run the"
                            + " sweep in parts", total, MAX_CURVES));
        }
    }

    private static boolean applies(Sweep s, String originalName, TypeDef type) {
        boolean aimed = s.target.map(t -> t.equals(originalName)).orElse(true);
        return aimed && (type.param(s.key).isPresent() || (type.openParams() && s.target.isPresent()));
    }

    private static Sweep parse(List<Spec.Entry> original, String source, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new InputException(Location.of(source), "expected KEY=V1,V2,... or NAME.KEY=V1,V2,..., not '"
                    + text + "'");
        }
        String left = text.substring(0, eq).strip();
        String list = text.substring(eq + 1);
        List<String> values = new ArrayList<>();
        for (int[] part : FlagSpec.split(list)) {
            String v = list.substring(part[0], part[1]).strip();
            if (v.isEmpty()) {
                throw new InputException(new Location(source, 1, eq + 2 + part[0]), "empty value in '" + text
                        + "'; separate values with single commas");
            }
            values.add(v);
        }
        Optional<String> target = original.stream().map(Spec.Entry::name)
                .filter(n -> left.startsWith(n + ".") && left.length() > n.length() + 1)
                .max((a, b) -> Integer.compare(a.length(), b.length()));
        String key = target.map(t -> left.substring(t.length() + 1)).orElse(left);
        if (key.equals("name") || key.equals("type")) {
            throw new InputException(Location.of(source), "'" + key + "' cannot be swept; write one schedule per "
                    + key + " in the spec (or one -s per " + key + ")");
        }
        return new Sweep(source, left, target, key, List.copyOf(values));
    }

    private static List<Item> applyOne(List<Item> items, List<Spec.Entry> original, Sweep sweep,
                                       Registry registry) {
        String source = sweep.source;
        String key = sweep.key;
        List<String> values = sweep.values;
        List<Item> out = new ArrayList<>();
        boolean applied = false;
        for (Item item : items) {
            TypeDef type = registry.typeOf(item.entry.mapping(), item.originalName);
            if (!applies(sweep, item.originalName, type)) {
                out.add(item);
                continue;
            }
            applied = true;
            for (String v : values) {
                // --set semantics for one value: the same parsing, checks and error messages
                Spec.Entry set = Overrides.apply(List.of(item.entry), source, key + "=" + v, registry).get(0);
                List<String> labels = new ArrayList<>(item.labels);
                labels.add(key + "=" + v);
                out.add(new Item(item.originalName, set, List.copyOf(labels)));
            }
        }
        if (!applied) {
            // no schedule takes the key: let --set explain, with its "did you mean"
            Overrides.apply(original, source, sweep.left + "=" + values.get(0), registry);
            throw new InputException(Location.of(source), "no schedule has a parameter '" + sweep.left + "'");
        }
        return out;
    }
}

package lrsched.input.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Node;
import lrsched.core.Suggest;
import lrsched.input.document.TreeReader;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;

/**
 * {@code --set KEY=VALUE} sets a parameter in every schedule whose type has it; {@code --set NAME.KEY=VALUE} in the
 * schedule called NAME only.
 */
public final class Overrides {
    private Overrides() {}

    public static List<Spec.Entry> apply(List<Spec.Entry> entries, String source, String text, Registry registry) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new InputException(Location.of(source), "expected KEY=VALUE or NAME.KEY=VALUE, not '" + text + "'");
        }
        String left = text.substring(0, eq).strip();
        Node value = TreeReader.readFlagValue(source, text.substring(eq + 1), eq + 2);
        Optional<Spec.Entry> target = entries.stream()
                .filter(e -> left.startsWith(e.name() + ".") && left.length() > e.name().length() + 1)
                .max((a, b) -> Integer.compare(a.name().length(), b.name().length()));
        String key = target.map(t -> left.substring(t.name().length() + 1)).orElse(left);
        if (key.equals("name") || key.equals("type")) {
            throw new InputException(Location.of(source), "'" + key + "' cannot be changed with --set; edit the spec "
                    + "or use -s");
        }
        Location at = new Location(source, 1, 1);
        List<Spec.Entry> out = new ArrayList<>();
        boolean applied = false;
        TreeSet<String> known = new TreeSet<>();
        for (Spec.Entry e : entries) {
            boolean aimed = target.map(t -> t == e).orElse(true);
            TypeDef type = registry.typeOf(e.mapping(), e.name());
            boolean declares = type.param(key).isPresent() || (type.openParams() && target.isPresent());
            if (aimed && declares) {
                out.add(new Spec.Entry(e.name(), e.mapping().with(key, at, value)));
                applied = true;
            } else {
                out.add(e);
            }
            if (aimed) {
                type.params().forEach(p -> known.add(p.name()));
            }
        }
        if (!applied) {
            String where = target.map(t -> {
                String type = registry.typeOf(t.mapping(), t.name()).name();
                return "schedule '" + t.name() + "'" + (type.equals(t.name()) ? "" : " (" + type + ")")
                        + " has no parameter '" + key + "'";
            })
                    .orElse("no schedule has a parameter '" + left + "'");
            throw new InputException(Location.of(source), where + Suggest.didYouMean(key, known)
                    + (target.isEmpty() && left.contains(".") ? " (to aim at one schedule write NAME.KEY; names: "
                    + String.join(", ", entries.stream().map(Spec.Entry::name).toList()) + ")" : ""));
        }
        return out;
    }
}

package lrsched.output.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a set of curve labels has in common. Sweeps name their curves {@code key=value} parts joined by
 * {@code ", "} ({@code num_warmup_steps=500, lr=1e-4}); a part every label has says nothing about which curve is
 * which, and the keys of parts that differ can be said once, as a heading, instead of on every curve.
 */
final class LabelParts {

    private static final String SEPARATOR = ", ";

    private LabelParts() {
    }

    /** Labels without the parts they all share, and those shared parts (in the first label's order). */
    record Shared(List<String> shared, List<String> rest) {
        /** The shared parts as one text, empty when there are none. */
        String text() {
            return String.join(SEPARATOR, shared);
        }
    }

    /**
     * Takes out of every label the {@code ", "}-separated parts that all labels have. Nothing is taken from fewer
     * than two labels, and nothing when it would leave a label empty.
     */
    static Shared dropShared(List<String> labels) {
        if (labels.size() < 2) {
            return new Shared(List.of(), labels);
        }
        List<List<String>> parts = labels.stream().map(LabelParts::parts).toList();
        List<String> shared = new ArrayList<>();
        for (String p : parts.get(0)) {
            if (!shared.contains(p) && parts.stream().allMatch(q -> q.contains(p))) {
                shared.add(p);
            }
        }
        List<String> rest = new ArrayList<>();
        for (List<String> p : parts) {
            List<String> kept = p.stream().filter(x -> !shared.contains(x)).toList();
            if (kept.isEmpty()) {
                return new Shared(List.of(), labels);
            }
            rest.add(String.join(SEPARATOR, kept));
        }
        return new Shared(shared, rest);
    }

    /** Labels written as their values only, under a heading that names the keys once. */
    record Keyed(String heading, List<String> values) {
    }

    /**
     * When every label is the same keys in the same order ({@code a=1, b=2} and {@code a=3, b=4}), the heading
     * {@code a, b} and the values {@code 1, 2} and {@code 3, 4}; else empty.
     */
    static Optional<Keyed> keys(List<String> labels) {
        if (labels.size() < 2) {
            return Optional.empty();
        }
        List<String> keys = null;
        List<String> values = new ArrayList<>();
        for (String label : labels) {
            List<String> k = new ArrayList<>(), v = new ArrayList<>();
            for (String part : parts(label)) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    return Optional.empty();
                }
                k.add(part.substring(0, eq));
                v.add(part.substring(eq + 1));
            }
            if (keys != null && !keys.equals(k)) {
                return Optional.empty();
            }
            keys = k;
            values.add(String.join(SEPARATOR, v));
        }
        return Optional.of(new Keyed(String.join(SEPARATOR, keys), values));
    }

    /** A label's parts, for wrapping it at its separators. */
    static List<String> parts(String label) {
        return Arrays.asList(label.split(SEPARATOR, -1));
    }

    /**
     * {@code label} on as few lines as fit in {@code width} (by {@code measure}), broken after its separators; a
     * part wider than the line stays whole (the caller cuts it).
     */
    static List<String> wrap(String label, double width, java.util.function.ToDoubleFunction<String> measure) {
        List<String> parts = parts(label);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            pieces.add(parts.get(i) + (i < parts.size() - 1 ? "," : ""));
        }
        return fill(pieces, width, measure);
    }

    /** {@code text} on as few lines as fit in {@code width}, broken at spaces; a word wider than that stays whole. */
    static List<String> wrapWords(String text, double width, java.util.function.ToDoubleFunction<String> measure) {
        return fill(Arrays.asList(text.trim().split("\\s+")), width, measure);
    }

    /** Pieces joined by spaces into lines, each as full as fits in {@code width}. */
    private static List<String> fill(List<String> pieces, double width,
                                     java.util.function.ToDoubleFunction<String> measure) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String piece : pieces) {
            String joined = line.isEmpty() ? piece : line + " " + piece;
            if (!line.isEmpty() && measure.applyAsDouble(joined) > width) {
                lines.add(line);
                line = piece;
            } else {
                line = joined;
            }
        }
        lines.add(line);
        return lines;
    }
}

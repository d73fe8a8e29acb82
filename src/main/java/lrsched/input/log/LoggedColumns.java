package lrsched.input.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.Suggest;

/**
 * Which columns of a logged CSV hold the step and the learning rate: the ones named with {@code --overlay-step} and
 * {@code --overlay-value}, else found from the header and the first data row.
 *
 * <p>A name matches a column exactly, else ignoring case, else as the metric of a W&amp;B export column
 * {@code <run> - <metric>}. Without a name:
 * <ul>
 *   <li>the step is the first column called {@code step}, {@code Step}, {@code global_step}, {@code _step} or
 *       {@code iteration} (in that order; then ignoring case);</li>
 *   <li>the value is the only column whose name says learning rate ({@code lr} or {@code learning rate} as words:
 *       {@code lr}, {@code train/learning_rate}, {@code lr-AdamW}, {@code <run> - lr}), else the only other column
 *       holding a number in the first data row. W&amp;B's {@code __MIN} and {@code __MAX} columns, unnamed columns,
 *       and time, epoch and step columns ({@code Wall time}, {@code _runtime}, {@code epoch}, {@code <run> - _step})
 *       never count.</li>
 * </ul>
 *
 * @param step      index of the step column
 * @param value     index of the learning-rate column
 * @param stepName  the step column's name
 * @param valueName the learning-rate column's name
 */
record LoggedColumns(int step, int value, String stepName, String valueName) {

    /** Step column names, most likely first: lrsched and plain logs, TensorBoard and W&B exports, HF, W&B history. */
    static final List<String> STEP_NAMES = List.of("step", "Step", "global_step", "_step", "iteration");

    private static final Set<String> BOOKKEEPING_WORDS = Set.of("step", "steps", "iteration", "iter", "epoch",
            "time", "walltime", "timestamp", "runtime");
    private static final int LISTED_NAMES = 8;

    /**
     * Chooses the columns.
     *
     * @param header   the header's cells
     * @param firstRow the first data row's cells
     */
    static LoggedColumns choose(List<String> header, List<String> firstRow, LogRequest request) {
        Location where = new Location(request.source(), 1, 1);
        int step = request.stepColumn().map(name -> named(name, "--overlay-step", header, where))
                .orElseGet(() -> defaultStep(header, where));
        int value = request.valueColumn().map(name -> named(name, "--overlay-value", header, where))
                .orElseGet(() -> defaultValue(header, firstRow, step, where));
        if (value == step) {
            throw new InputException(where, "column '" + header.get(step) + "' cannot be both the step and the "
                    + "learning rate");
        }
        return new LoggedColumns(step, value, header.get(step), header.get(value));
    }

    /**
     * Which of a log's keys or tags (an HF log's keys, TensorBoard tags, MLflow metrics) holds the learning rate: the
     * one the request names (matched as a column is, with {@code --overlay-value} in messages), else the only one
     * named like a learning rate ({@code learning_rate}, {@code train/learning_rate}, {@code lr}, {@code lr-AdamW},
     * {@code learning-rate}, {@code lr/unet}).
     *
     * @param names the log's keys or tags that hold numbers, in the log's order
     * @param kind  what they are, plural, for messages ({@code "tags"}, {@code "keys"})
     * @throws InputException when the named one is missing, or none or several are named like a learning rate; the
     *                        message lists them
     */
    static String learningRateName(List<String> names, String kind, LogRequest request, Location where) {
        if (request.valueColumn().isPresent()) {
            return names.get(named(request.valueColumn().get(), "--overlay-value", names, where));
        }
        List<Integer> rates = matching(names, LoggedColumns::namesALearningRate);
        if (rates.size() == 1) {
            return names.get(rates.get(0));
        }
        if (rates.isEmpty()) {
            throw new InputException(where, names.isEmpty() ? "holds no numeric " + kind
                    : "no " + kind.substring(0, kind.length() - 1) + " is named like a learning rate; the " + kind
                    + " are " + quoted(indexes(names), names) + "; pick one with --overlay-value NAME");
        }
        throw new InputException(where, rates.size() + " " + kind + " could be the learning rate ("
                + quoted(rates, names) + "); pick one with --overlay-value NAME");
    }

    private static int named(String name, String option, List<String> header, Location where) {
        int exact = header.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        List<Integer> matches = matching(header, h -> h.equalsIgnoreCase(name));
        if (matches.isEmpty()) {
            matches = matching(header, h -> !isMinMax(h) && metric(h).equals(name) && !h.equals(name));
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new InputException(where, option + " " + name + " matches " + quoted(matches, header)
                    + "; write one in full");
        }
        String hint = Suggest.didYouMean(name, header);
        throw new InputException(where, "no column '" + name + "' (" + option + ")" + (hint.isEmpty()
                ? "; the columns are " + quoted(indexes(header), header) : hint));
    }

    private static int defaultStep(List<String> header, Location where) {
        for (String n : STEP_NAMES) {
            if (header.contains(n)) {
                return header.indexOf(n);
            }
        }
        for (String n : STEP_NAMES) {
            List<Integer> m = matching(header, h -> h.equalsIgnoreCase(n));
            if (!m.isEmpty()) {
                return m.get(0);
            }
        }
        throw new InputException(where, "no step column (looked for " + String.join(", ", STEP_NAMES)
                + "); name it with --overlay-step COLUMN; the columns are " + quoted(indexes(header), header));
    }

    private static int defaultValue(List<String> header, List<String> firstRow, int step, Location where) {
        List<Integer> candidates = matching(header, h -> !h.isBlank() && !isMinMax(h));
        candidates.remove(Integer.valueOf(step));
        List<Integer> rates = new ArrayList<>(candidates);
        rates.removeIf(i -> !namesALearningRate(header.get(i)));
        if (rates.size() == 1) {
            return rates.get(0);
        }
        if (rates.size() > 1) {
            throw ambiguous(rates, header, where);
        }
        List<Integer> numeric = new ArrayList<>(candidates);
        numeric.removeIf(i -> isBookkeeping(header.get(i)) || (i < firstRow.size()
                && !CsvRows.couldBeNumber(firstRow.get(i))));
        if (numeric.size() == 1) {
            return numeric.get(0);
        }
        if (numeric.isEmpty()) {
            throw new InputException(where, "no column besides the step '" + header.get(step) + "' holds numbers; "
                    + "name the learning-rate column with --overlay-value COLUMN");
        }
        throw ambiguous(numeric, header, where);
    }

    private static InputException ambiguous(List<Integer> columns, List<String> header, Location where) {
        return new InputException(where, columns.size() + " columns could be the learning rate ("
                + quoted(columns, header) + "); pick one with --overlay-value COLUMN");
    }

    /** {@code lr} or {@code learning} and {@code rate} among the words of the metric's name. */
    static boolean namesALearningRate(String column) {
        List<String> words = words(metric(column));
        return words.contains("lr") || (words.contains("learning") && words.contains("rate"));
    }

    private static boolean isBookkeeping(String column) {
        String metric = metric(column).toLowerCase(Locale.ROOT);
        return words(metric).stream().anyMatch(BOOKKEEPING_WORDS::contains) || metric.startsWith("wall");
    }

    private static boolean isMinMax(String column) {
        return column.endsWith("__MIN") || column.endsWith("__MAX");
    }

    /** The metric of a W&B export column {@code <run> - <metric>}; the name itself for other columns. */
    private static String metric(String column) {
        int dash = column.lastIndexOf(" - ");
        return dash >= 0 ? column.substring(dash + 3) : column;
    }

    private static List<String> words(String name) {
        return List.of(name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
    }

    private static List<Integer> matching(List<String> header, java.util.function.Predicate<String> test) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (test.test(header.get(i))) {
                found.add(i);
            }
        }
        return found;
    }

    private static List<Integer> indexes(List<String> header) {
        return matching(header, h -> true);
    }

    private static String quoted(List<Integer> columns, List<String> header) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size() && i < LISTED_NAMES; i++) {
            names.add("'" + header.get(columns.get(i)) + "'");
        }
        String more = columns.size() > LISTED_NAMES ? " and " + (columns.size() - LISTED_NAMES) + " more" : "";
        return String.join(", ", names) + more;
    }
}

package lrsched.input.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import lrsched.core.InputException;
import lrsched.core.Location;

/**
 * The columns of a CSV log whose writer fixes their meaning (Lightning's metrics.csv, ultralytics' results.csv,
 * timm's summary.csv): the step or epoch column is the writer's, and the learning rate is the column the user
 * names, else the writer's usual one, else the only one named like a learning rate.
 */
final class WriterColumns {

    private WriterColumns() {
    }

    /**
     * The index of the writer's step (or epoch) column {@code name} in {@code header} (names without surrounding
     * spaces).
     *
     * @param log what the log is, for messages ({@code "a Lightning metrics.csv"})
     * @throws InputException when the user chose another step column, or the header lacks it
     */
    static int step(List<String> header, String name, String log, LogRequest request) {
        Location where = new Location(request.source(), 1, 1);
        if (request.stepColumn().isPresent() && !request.stepColumn().get().equalsIgnoreCase(name)) {
            throw new InputException(where, "--overlay-step " + request.stepColumn().get() + ": " + log
                    + " places its values by its '" + name + "' column; drop --overlay-step");
        }
        int index = header.indexOf(name);
        if (index < 0) {
            throw new InputException(where, "no column '" + name + "', which " + log + " has; the columns are "
                    + quoted(header));
        }
        return index;
    }

    /**
     * The learning-rate column's name: the one the user named ({@code --overlay-value}), else {@code usual} when
     * the header has it, else the only column named like a learning rate among those {@code candidate} accepts.
     *
     * @throws InputException when the named column is missing, or no single column is named like a learning rate
     */
    static String learningRate(List<String> header, Optional<String> usual, Predicate<String> candidate,
                               LogRequest request) {
        Location where = new Location(request.source(), 1, 1);
        if (request.valueColumn().isPresent()) {
            return LoggedColumns.learningRateName(header, "columns", request, where);
        }
        if (usual.isPresent() && header.contains(usual.get())) {
            return usual.get();
        }
        List<String> names = new ArrayList<>(header);
        names.removeIf(candidate.negate());
        return LoggedColumns.learningRateName(names, "columns", request, where);
    }

    private static String quoted(List<String> names) {
        return "'" + String.join("', '", names) + "'";
    }
}

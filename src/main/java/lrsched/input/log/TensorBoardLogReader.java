package lrsched.input.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;

/**
 * Reads a learning rate from TensorBoard event files ({@code events.out.tfevents.*}): one file, or a run folder
 * holding several. A resumed run writes a new file into the same folder; the files are read in the order of the
 * timestamp in their names, so that on a step both logged, the newer file's value is kept.
 *
 * <p>The file is streamed record by record ({@link EventFile}): once to list the tags that hold scalars and choose
 * the learning rate's ({@link LoggedColumns#learningRateName}), once more to collect its values. The tag names its
 * writer, and the writer how its steps become updates ({@link WriterByName}). Values are float32
 * ({@code simple_value}, float tensors) or float64 (double tensors): the curve's resolution says which.
 */
final class TensorBoardLogReader implements LogReader {

    /** What TensorBoard's writers put in an event file's name (events.out.tfevents.TIMESTAMP.HOST...). */
    private static final String MARK = ".tfevents.";
    private static final Pattern TIMESTAMP = Pattern.compile("\\.tfevents\\.(\\d{1,18})");
    /** What transformers' TensorBoardCallback calls the learning rate. */
    private static final String TRANSFORMERS_TAG = "train/learning_rate";

    private final int maxPoints;

    TensorBoardLogReader() {
        this(LoggedCurve.MAX_POINTS);
    }

    /** A reader that refuses logs of more than {@code maxPoints} points (a test's small cap). */
    TensorBoardLogReader(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    @Override
    public String name() {
        return "tensorboard";
    }

    @Override
    public String files() {
        return "events.out.tfevents.* (a file or a run folder)";
    }

    /** A file named like an event file or starting with a TFRecord header; a folder holding an event file. */
    @Override
    public boolean reads(Path path, byte[] head) {
        if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    if (isEventFileName(entry) && Files.isRegularFile(entry)) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
            return false;
        }
        return isEventFileName(path) || EventFile.startsWithRecord(head);
    }

    private static boolean isEventFileName(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().contains(MARK);
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        List<Path> files = eventFiles(request);
        boolean folder = Files.isDirectory(request.file());
        Set<String> scalars = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (Path file : files) {
            events(file, request, folder).scan((step, tag, kind, value) -> {
                if (kind == EventFile.Kind.NOT_SCALAR) {
                    others.add(tag);
                } else {
                    scalars.add(tag);
                }
            });
        }
        String tag = chooseTag(scalars, others, request);
        StepMapping mapping = WriterByName.of(tag, TRANSFORMERS_TAG, request.versions());
        LoggedCurve.Builder points = new LoggedCurve.Builder(request.source(), maxPoints).resumesSupersede();
        long[] dropped = {0};
        boolean[] float32 = {false};
        List<String> notes = new ArrayList<>();
        for (Path file : files) {
            EventFile.Scan scan = events(file, request, folder).scan((step, t, kind, value) -> {
                if (!t.equals(tag) || kind == EventFile.Kind.NOT_SCALAR) {
                    return;
                }
                float32[0] |= kind == EventFile.Kind.FLOAT32;
                long update = mapping.update(step);
                if (update < 0) {
                    dropped[0]++;
                } else {
                    points.add(update, value);
                }
            });
            if (scan.tornAt() >= 0) {
                notes.add("the last record of " + file.getFileName() + " (at byte " + scan.tornAt() + ") is cut "
                        + "short, as a killed run leaves it: read up to it");
            }
        }
        if (points.size() == 0) {
            throw new InputException(Location.of(request.source()), "tag '" + tag + "' holds no value at or after "
                    + "update 0 (" + WriterByName.reading(mapping, dropped[0]) + ")");
        }
        notes.add(0, WriterByName.reading(mapping, dropped[0]));
        return points.resolution(float32[0] ? LoggedCurve.FLOAT32 : LoggedCurve.FLOAT64)
                .reading(String.join("; ", notes)).build(request.displayLabel());
    }

    private static EventFile events(Path file, LogRequest request, boolean inFolder) {
        String source = inFolder ? request.source() + "/" + file.getFileName() : request.source();
        return new EventFile(file, source);
    }

    private static String chooseTag(Set<String> scalars, Set<String> others, LogRequest request) {
        Location where = Location.of(request.source());
        if (request.valueColumn().isPresent()) {
            String asked = request.valueColumn().get();
            if (!scalars.contains(asked) && others.contains(asked)) {
                throw new InputException(where, "tag '" + asked + "' holds no scalars (images, histograms, text or "
                        + "tensors); " + (scalars.isEmpty() ? "no tag holds scalars"
                        : "the scalar tags are " + quoted(scalars)));
            }
            return LoggedColumns.learningRateName(new ArrayList<>(scalars), "tags", request, where);
        }
        if (scalars.isEmpty()) {
            throw new InputException(where, "holds no scalars" + (others.isEmpty() ? ""
                    : " (its tags " + quoted(others) + " hold images, histograms, text or tensors)")
                    + "; lrsched reads the values of add_scalar or tf.summary.scalar");
        }
        List<String> overSteps = new ArrayList<>(scalars);
        overSteps.removeIf(name -> !WriterByName.overSteps(name));
        return LoggedColumns.learningRateName(overSteps, "tags", request, where);
    }

    private static String quoted(Set<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            if (q.size() == 8) {
                q.add("and " + (names.size() - 8) + " more");
                break;
            }
            q.add("'" + n + "'");
        }
        return String.join(", ", q);
    }

    /** The event files of the request: the file itself, or a folder's, oldest first. */
    private static List<Path> eventFiles(LogRequest request) {
        Path path = request.file();
        if (!Files.isDirectory(path)) {
            try {
                if (Files.size(path) == 0) {
                    throw new InputException(Location.of(request.source()), "is empty (0 bytes); a TensorBoard event "
                            + "file holds at least its first record");
                }
            } catch (NoSuchFileException e) {
                throw new InputException(Location.of(request.source()), "no such file");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                if (isEventFileName(entry) && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new InputException(Location.of(request.source()), "holds no events.out.tfevents.* file; name a "
                    + "TensorBoard run folder or an event file");
        }
        files.sort(Comparator.comparingLong(TensorBoardLogReader::timestamp)
                .thenComparing(p -> p.getFileName().toString()));
        return files;
    }

    /** The seconds in an event file's name ({@code events.out.tfevents.1700000000.host}); 0 when it has none. */
    static long timestamp(Path file) {
        Matcher m = TIMESTAMP.matcher(file.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

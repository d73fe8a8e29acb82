package lrsched.input.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;
import lrsched.input.LineLimit;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Logs made of flat JSON objects ("entries"), one per logged step: the {@code log_history} of an HF
 * {@code trainer_state.json}, and the JSON-lines logs of LLaMA-Factory, detectron2 and mmengine. Each format names
 * its step key and its {@link StepMapping}; this class streams the entries (the file is never held whole: a
 * 200 MB {@code trainer_state.json} costs the points it holds) and turns them into a {@link LoggedCurve}.
 *
 * <p>The file is read twice: once for the numeric keys the entries have (from which
 * {@link LoggedColumns#learningRateName} picks the learning rate, or checks the user's choice), once for the points.
 * Entries without the step key, or without the learning-rate key (evaluation entries), are skipped. Python's
 * {@code json} writes {@code NaN} and {@code Infinity} for non-finite floats (a diverged loss); they are read as
 * numbers.
 */
final class JsonEntries {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonEntries() {
    }

    /** One value of an entry, where it is, and its number ({@code NaN} for a value that is not a number). */
    record Field(String key, boolean isNumber, double number, String text, int line, int column) {
    }

    /** An entry: its fields by key, in the order written. */
    record Entry(Map<String, Field> fields) {
    }

    /** Streams a log's entries to a consumer, and says how the file ended. */
    interface Source {
        /**
         * Gives every entry in file order.
         *
         * @param keys the keys whose values and places are wanted; null for every key, with only whether its value
         *             is a number (what the first pass needs, cheaply)
         * @return a note for the reading when the file is cut off (a killed run) and the entries before the tear were
         *         read; empty for a whole file
         */
        Optional<String> entries(Set<String> keys, Consumer<Entry> sink);
    }

    /**
     * The curve of a log of entries: the learning rate the request names (else the only key named like one) at each
     * entry holding the step key, its step turned into an update by {@code mapping}.
     *
     * @param stepKey the key holding the writer's step ({@code step}, {@code iteration}, {@code current_steps})
     * @param found   the log as the user should read it in messages ({@code "log_history"}, {@code "the file"})
     * @param notes   more to say in the reading (which checkpoint was read), appended after the mapping's
     */
    static LoggedCurve curve(LogRequest request, Source source, String stepKey, StepMapping mapping, String found,
                             List<String> notes) {
        String where = request.source();
        request.stepColumn().filter(step -> !step.equals(stepKey)).ifPresent(step -> {
            throw new InputException(Location.of(where), "--overlay-step " + step + " does not apply: this log's "
                    + "steps are '" + stepKey + "', which lrsched turns into updates by the writer's convention");
        });
        Set<String> numeric = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        int[] entries = {0};
        source.entries(null, entry -> {
            Field step = entry.fields().get(stepKey);
            if (step == null || !step.isNumber()) {
                return;
            }
            entries[0]++;
            for (Field f : entry.fields().values()) {
                if (f.key().equals(stepKey)) {
                    continue;
                }
                (f.isNumber() ? numeric : other).add(f.key());
            }
        });
        if (entries[0] == 0) {
            throw new InputException(Location.of(where), "no entry of " + found + " has the step key '" + stepKey
                    + "'; the run logged nothing yet, or this is not the log it seems to be");
        }
        List<String> names = new ArrayList<>(numeric);
        for (String key : other) { // a learning rate written as text is reported where it is, in the second pass
            if (!numeric.contains(key) && LoggedColumns.namesALearningRate(key)) {
                names.add(key);
            }
        }
        String value = LoggedColumns.learningRateName(names, "keys", request, Location.of(where));
        LoggedCurve.Builder points = new LoggedCurve.Builder(where).resumesSupersede();
        long[] dropped = {0};
        Optional<String> tear = source.entries(Set.of(stepKey, value), entry -> {
            Field step = entry.fields().get(stepKey);
            Field lr = entry.fields().get(value);
            if (step == null || !step.isNumber() || lr == null || lr.text().equals("null")) {
                return;
            }
            if (!lr.isNumber()) {
                throw new InputException(new Location(where, lr.line(), lr.column()), "'" + value + "' is "
                        + lr.text() + ", not a number");
            }
            long update = mapping.update(wholeStep(step, where));
            if (update < 0) {
                dropped[0]++;
                return;
            }
            points.add(update, lr.number());
        });
        if (points.size() == 0) {
            throw new InputException(Location.of(where), dropped[0] > 0
                    ? "every value of '" + value + "' was logged before the first update; nothing to show"
                    : "no entry of " + found + " has both '" + stepKey + "' and a number in '" + value + "'");
        }
        StringBuilder reading = new StringBuilder(mapping.reading());
        if (dropped[0] > 0) {
            reading.append("; ").append(dropped[0]).append(dropped[0] == 1 ? " value" : " values")
                    .append(" logged before update 0 dropped");
        }
        notes.forEach(n -> reading.append("; ").append(n));
        tear.ifPresent(n -> reading.append("; ").append(n));
        return points.resolution(LoggedCurve.FLOAT64).reading(reading.toString()).build(request.displayLabel());
    }

    /**
     * The request for the log file it names: the file itself, or {@code inside} the folder it names (the source, for
     * messages, becomes {@code FOLDER/inside}); the label stays the one the user's path gives.
     *
     * @param emptyProblem the message for a file that is empty or blank
     */
    static LogRequest locate(LogRequest request, String inside, String emptyProblem) {
        Path file = request.file();
        String source = request.source();
        if (Files.isDirectory(file)) {
            file = file.resolve(inside);
            source = source + (source.endsWith("/") ? "" : "/") + inside;
        }
        if (!Files.exists(file)) {
            throw new InputException(Location.of(source), "no such file");
        }
        if (isBlank(file)) {
            throw new InputException(Location.of(source), emptyProblem);
        }
        return new LogRequest(file, source, request.stepColumn(), request.valueColumn(),
                Optional.of(request.displayLabel()), request.versions(), request.updatesPerEpoch());
    }

    /** A step: a whole number, 0 or more ({@code 120.0} is 120). */
    private static long wholeStep(Field step, String where) {
        double d = step.number();
        if (d >= 0 && d == Math.rint(d) && d < 0x1p62) {
            return (long) d;
        }
        throw new InputException(new Location(where, step.line(), step.column()), "'" + step.key() + "' is "
                + step.text() + ", not a step: steps are whole numbers, 0 or more");
    }

    /**
     * The entries of a JSON-lines file, one object a line; blank lines are skipped. A last line that is not whole
     * JSON and has no line end is the tear of a run killed while writing: the lines before it are read, and the
     * returned note says so. Any other line that is not a JSON object is an error at its line and column.
     */
    static Source jsonLines(Path file, String source) {
        return (keys, sink) -> {
            boolean endsWithNewline = endsWithNewline(file, source);
            try (BufferedReader reader = LineLimit.open(file, source)) {
                String line = reader.readLine();
                String next;
                int number = 0;
                while (line != null) {
                    number++;
                    next = reader.readLine();
                    if (!line.isBlank()) {
                        try {
                            sink.accept(lineEntry(line, source, number, keys));
                        } catch (InputException e) {
                            if (next == null && !endsWithNewline) {
                                return Optional.of("line " + number + " is cut off (the run was stopped while "
                                        + "writing it): read the lines before it");
                            }
                            throw e;
                        }
                    }
                    line = next;
                }
                return Optional.empty();
            } catch (NoSuchFileException e) {
                throw new InputException(Location.of(source), "no such file");
            } catch (CharacterCodingException e) {
                throw new InputException(Location.of(source), "is not UTF-8 text; a JSON log is UTF-8");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A JSON text that ends before it is complete. */
    static final class CutOff extends InputException {
        CutOff(Location location, String problem) {
            super(location, problem);
        }
    }

    private static Entry lineEntry(String line, String source, int number, Set<String> keys) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InputException(location(source, p.currentTokenLocation(), number), "not a JSON object; "
                        + "each line of this log holds one {...}");
            }
            Entry entry = object(p, source, number, keys);
            if (p.nextToken() != null) {
                throw new InputException(location(source, p.currentTokenLocation(), number), "more after the "
                        + "object's closing '}'; each line of this log holds one {...}");
            }
            return entry;
        } catch (JacksonException e) {
            throw invalid(e, source, number);
        }
    }

    /**
     * Reads the object at the parser's {@code START_OBJECT} as an entry: scalar fields are kept, nested objects and
     * lists skipped.
     *
     * @param line the line the parser's line 1 is in the file (a JSON-lines file parses one line at a time), or 0
     *             when the parser reads the whole file
     * @param keys as for {@link Source#entries}
     */
    static Entry object(JsonParser p, String source, int line, Set<String> keys) {
        Map<String, Field> fields = new LinkedHashMap<>();
        String key;
        while ((key = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
            if (keys == null) {
                fields.put(key, new Field(key, number, Double.NaN, "", 0, 0));
                continue;
            }
            if (!keys.contains(key)) {
                continue;
            }
            TokenStreamLocation at = p.currentTokenLocation();
            int l = line == 0 ? at.getLineNr() : line;
            String text = t == JsonToken.VALUE_STRING ? "\"" + p.getString() + "\"" : p.getText();
            fields.put(key, new Field(key, number, number ? p.getDoubleValue() : Double.NaN, text, l,
                    at.getColumnNr()));
        }
        return new Entry(fields);
    }

    /**
     * The error for JSON that Jackson refuses: at its place, with Jackson's words (less its note on where an open
     * object started); a {@link CutOff} when the text ends too soon.
     *
     * @param line as for {@link #object}
     */
    static InputException invalid(JacksonException e, String source, int line) {
        TokenStreamLocation at = e.getLocation();
        Location where = at == null ? Location.of(source) : location(source, at, line);
        String what = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        int marker = what.indexOf(" (start marker at");
        what = marker >= 0 ? what.substring(0, marker) : what;
        // Jackson reports the end of the input as UnexpectedEndOfInputException, or within an object's entries as a
        // plain read error saying so
        boolean ended = e instanceof UnexpectedEndOfInputException || what.startsWith("Unexpected end-of-input");
        if (ended && line == 0) {
            return new CutOff(where, "the file is cut off: " + what);
        }
        return new InputException(where, "not JSON: " + what);
    }

    private static Location location(String source, TokenStreamLocation at, int line) {
        return new Location(source, line == 0 ? at.getLineNr() : line, Math.max(1, at.getColumnNr()));
    }

    /** A streaming parser over a file, with Python's NaN and Infinity allowed. */
    static JsonParser parser(InputStream in) {
        return JSON.createParser(ObjectReadContext.empty(), in);
    }

    /** A parser over a short text (a config.json), with Python's NaN and Infinity allowed. */
    static JsonParser parser(String text) {
        return JSON.createParser(ObjectReadContext.empty(), text);
    }

    private static boolean endsWithNewline(Path file, String source) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(size - 1).read(last);
            return last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a file is empty or holds only white space (read to the first other byte). */
    static boolean isBlank(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (!Character.isWhitespace(buf[i])) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

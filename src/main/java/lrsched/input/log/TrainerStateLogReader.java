package lrsched.input.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;
import lrsched.core.Versions.Version;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the {@code log_history} of an HF {@code trainer_state.json} (transformers' {@code TrainerState.save_to_json},
 * written into every {@code checkpoint-N} folder and, by {@code trainer.save_state()}, into the output folder). Each
 * training entry holds {@code step} (the updates done) and {@code learning_rate}; evaluation entries have none and are
 * skipped. Steps become updates by {@link Writers#transformers}, with the transformers version the user gave, else
 * the one the {@code config.json} beside the file records.
 *
 * <p>It reads the file, a checkpoint folder, or an output folder: the {@code trainer_state.json} at its top, else the
 * one in the {@code checkpoint-N} folder with the highest N (the reading says which). A file cut off inside or after
 * {@code log_history} (a job killed while saving) is read up to the tear, with a note in the reading.
 */
final class TrainerStateLogReader implements LogReader {

    static final String FILE = "trainer_state.json";
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)");

    @Override
    public String name() {
        return "hf-trainer-state";
    }

    @Override
    public String files() {
        return "trainer_state.json (a file, a checkpoint-N folder, or an output folder holding them)";
    }

    @Override
    public boolean reads(Path path, byte[] head) {
        if (Files.isDirectory(path)) {
            // an output folder LLaMA-Factory is still writing has trainer_log.jsonl, newer than any checkpoint
            return Files.isRegularFile(path.resolve(FILE)) || (!Files.exists(path.resolve(
                    LlamaFactoryLogReader.FILE)) && newestCheckpoint(path, FILE).isPresent());
        }
        String name = String.valueOf(path.getFileName());
        return name.equals(FILE) || (name.endsWith(".json")
                && new String(head, StandardCharsets.UTF_8).contains("\"log_history\""));
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        String inside = FILE;
        List<String> notes = new ArrayList<>();
        Path folder = request.file();
        if (Files.isDirectory(folder) && !Files.isRegularFile(folder.resolve(FILE))) {
            Checkpoint newest = newestCheckpoint(folder, FILE).orElseThrow(() -> new InputException(
                    Location.of(request.source()), "holds no " + FILE + " and no checkpoint-N folder with one"));
            inside = newest.folder().getFileName() + "/" + FILE;
            notes.add("read " + inside + ", the newest of " + newest.count()
                    + (newest.count() == 1 ? " checkpoint" : " checkpoints"));
        }
        LogRequest log = JsonEntries.locate(request, inside, "is empty; a trainer_state.json holds the Trainer's "
                + "state with its log_history");
        StepMapping mapping = Writers.transformers(request.versions(), recordedVersion(log.file().getParent()));
        return JsonEntries.curve(log, logHistory(log.file(), log.source()), "step", mapping, "log_history", notes);
    }

    /** The entries of {@code log_history}, streamed. */
    static JsonEntries.Source logHistory(Path file, String source) {
        return (keys, sink) -> {
            int[] read = {0};
            boolean[] inHistory = {false};
            try (InputStream in = Files.newInputStream(file); JsonParser p = JsonEntries.parser(in)) {
                JsonToken first = p.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    throw new InputException(new Location(source, p.currentTokenLocation().getLineNr(),
                            p.currentTokenLocation().getColumnNr()), "not a trainer_state.json: it holds a JSON "
                            + "value, not an object with a log_history");
                }
                boolean found = false;
                String key;
                while ((key = p.nextName()) != null) {
                    JsonToken t = p.nextToken();
                    if (!key.equals("log_history")) {
                        p.skipChildren();
                        continue;
                    }
                    if (t != JsonToken.START_ARRAY) {
                        throw new InputException(new Location(source, p.currentTokenLocation().getLineNr(),
                                p.currentTokenLocation().getColumnNr()), "log_history is not a list");
                    }
                    found = true;
                    inHistory[0] = true;
                    entries(p, source, keys, sink, read);
                    inHistory[0] = false;
                }
                if (!found) {
                    throw new InputException(Location.of(source), "has no log_history; a trainer_state.json of "
                            + "transformers' Trainer lists the logged steps there");
                }
                return Optional.empty();
            } catch (JacksonException e) {
                InputException error = JsonEntries.invalid(e, source, 0);
                if (error instanceof JsonEntries.CutOff && (inHistory[0] || read[0] > 0)) {
                    Location at = error.location().orElseThrow();
                    return Optional.of("the file is cut off at line " + at.line() + (inHistory[0]
                            ? ", inside log_history" : "") + ": read the " + read[0] + " entries before");
                }
                throw error;
            } catch (NoSuchFileException e) {
                throw new InputException(Location.of(source), "no such file");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static void entries(JsonParser p, String source, Set<String> keys, Consumer<JsonEntries.Entry> sink,
                                int[] read) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                sink.accept(JsonEntries.object(p, source, 0, keys));
                read[0]++;
            } else {
                p.skipChildren();
            }
        }
    }

    /** A checkpoint-N folder and how many such folders hold the file. */
    record Checkpoint(Path folder, long step, int count) {
    }

    /** The {@code checkpoint-N} folder of {@code folder} with the highest N that holds {@code file}. */
    static Optional<Checkpoint> newestCheckpoint(Path folder, String file) {
        Path best = null;
        long bestStep = -1;
        int count = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                Matcher m = CHECKPOINT.matcher(String.valueOf(child.getFileName()));
                if (!m.matches() || m.group(1).length() > 18 || !Files.isRegularFile(child.resolve(file))) {
                    continue;
                }
                count++;
                long step = Long.parseLong(m.group(1));
                if (step > bestStep) {
                    bestStep = step;
                    best = child;
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // an unreadable folder is claimed by no reader; LogReaders says what it reads
        }
        return best == null ? Optional.empty() : Optional.of(new Checkpoint(best, bestStep, count));
    }

    /**
     * The transformers version a folder records: {@code transformers_version} in its {@code config.json} (a
     * checkpoint's or a saved model's); empty when there is none or it cannot be read.
     */
    static Optional<Version> recordedVersion(Path folder) {
        if (folder == null) {
            return Optional.empty();
        }
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(config); JsonParser p = JsonEntries.parser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String key;
            while ((key = p.nextName()) != null) {
                JsonToken t = p.nextToken();
                if (key.equals("transformers_version") && t == JsonToken.VALUE_STRING) {
                    return Version.parse(p.getString());
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (JacksonException | IOException e) {
            return Optional.empty(); // a config.json lrsched cannot read says nothing about the log's convention
        }
    }
}

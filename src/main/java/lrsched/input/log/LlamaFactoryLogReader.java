package lrsched.input.log;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import lrsched.core.LoggedCurve;
import lrsched.core.Versions.Version;

/**
 * Reads LLaMA-Factory's {@code trainer_log.jsonl} (its {@code LogCallback}, src/llamafactory/train/callbacks.py): one
 * JSON object a line, written from the Trainer's {@code on_log} with {@code current_steps} = the Trainer's
 * {@code global_step} and {@code lr} = the {@code learning_rate} of the Trainer's last log entry. So its steps follow
 * the transformers it ran on ({@link Writers#transformers}): the version the user gave, else the
 * {@code transformers_version} of a {@code config.json} in the same folder or in its newest {@code checkpoint-N}.
 *
 * <p>Evaluation and prediction lines have no {@code lr} and are skipped. A resumed run appends to the file: the later
 * line of a step wins. A last line cut off by a killed run is skipped, with a note in the reading. It reads the file,
 * or an output folder holding it.
 */
final class LlamaFactoryLogReader implements LogReader {

    static final String FILE = "trainer_log.jsonl";

    @Override
    public String name() {
        return "llamafactory";
    }

    @Override
    public String files() {
        return "trainer_log.jsonl (LLaMA-Factory; a file or its output folder)";
    }

    @Override
    public boolean reads(Path path, byte[] head) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(FILE));
        }
        String name = String.valueOf(path.getFileName());
        return name.equals(FILE) || (name.endsWith(".jsonl")
                && new String(head, StandardCharsets.UTF_8).startsWith("{\"current_steps\""));
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        LogRequest log = JsonEntries.locate(request, FILE, "is empty; LLaMA-Factory writes a line to it at every "
                + "logging step");
        StepMapping mapping = Writers.transformers(request.versions(), recordedVersion(log.file().getParent()));
        return JsonEntries.curve(log, JsonEntries.jsonLines(log.file(), log.source()), "current_steps", mapping,
                "the file", List.of());
    }

    /** The transformers version of the folder's config.json, else of its newest checkpoint's. */
    private static Optional<Version> recordedVersion(Path folder) {
        if (folder == null) {
            return Optional.empty();
        }
        Optional<Version> here = TrainerStateLogReader.recordedVersion(folder);
        if (here.isPresent()) {
            return here;
        }
        return TrainerStateLogReader.newestCheckpoint(folder, "config.json")
                .flatMap(c -> TrainerStateLogReader.recordedVersion(c.folder()));
    }
}

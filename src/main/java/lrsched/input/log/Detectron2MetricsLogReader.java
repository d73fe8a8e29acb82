package lrsched.input.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import lrsched.core.LoggedCurve;

/**
 * Reads detectron2's {@code metrics.json} (its {@code JSONWriter}, detectron2/utils/events.py): one JSON object a
 * line with {@code iteration} and the scalars of that iteration. The {@code LRScheduler} hook
 * (detectron2/engine/hooks.py) puts {@code lr} in {@code after_step}, after the optimizer step and before
 * {@code scheduler.step()}: the LR iteration i used, i counting from 0 (the trainer's {@code iter}). So iteration i is
 * update i.
 *
 * <p>Evaluation lines have no {@code lr} and are skipped. A resumed run appends to the file: the later line of an
 * iteration wins. A last line cut off by a killed run is skipped, with a note in the reading. It reads the file, or
 * the output folder holding it.
 */
final class Detectron2MetricsLogReader implements LogReader {

    static final String FILE = "metrics.json";

    private static final StepMapping MAPPING = new StepMapping(0, "detectron2's LRScheduler hook puts 'lr' at "
            + "iteration i (from 0) before scheduler.step(): the LR iteration i used, shown at update i");

    @Override
    public String name() {
        return "detectron2";
    }

    @Override
    public String files() {
        return "metrics.json (detectron2; a file or its output folder)";
    }

    @Override
    public boolean reads(Path path, byte[] head) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(FILE));
        }
        return String.valueOf(path.getFileName()).equals(FILE) && startsWithObject(head);
    }

    /** Whether the first byte that is not white space opens a JSON object (an empty file counts, to say so). */
    static boolean startsWithObject(byte[] head) {
        for (byte b : head) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return true;
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        LogRequest log = JsonEntries.locate(request, FILE, "is empty; detectron2 writes a line to it every 20 "
                + "iterations");
        return JsonEntries.curve(log, JsonEntries.jsonLines(log.file(), log.source()), "iteration", MAPPING,
                "the file", List.of());
    }
}

package lrsched.input.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import lrsched.core.LoggedCurve;

/**
 * Reads mmengine's {@code vis_data/scalars.json} (its {@code LocalVisBackend}, mmengine/visualization/vis_backend.py):
 * one JSON object a line. {@code RuntimeInfoHook.before_train_iter} (mmengine/hooks/runtime_info_hook.py) records
 * {@code lr} before the iteration runs: the LR that iteration's update uses. {@code LoggerHook.after_train_iter}
 * (mmengine/hooks/logger_hook.py) writes it with {@code step = runner.iter + 1}, the iteration counted from 1. So
 * step n is update n-1. {@code LogProcessor} keeps the values as they are (it rounds only the text it prints).
 *
 * <p>Validation lines have no {@code lr} and are skipped. A last line cut off by a killed run is skipped, with a note
 * in the reading. It reads the file, the {@code vis_data} folder, or the timestamped run folder holding it.
 */
final class MmengineScalarsLogReader implements LogReader {

    static final String FILE = "scalars.json";
    private static final String FOLDER = "vis_data";

    private static final StepMapping MAPPING = new StepMapping(1, "mmengine's LoggerHook writes at step n "
            + "(runner.iter + 1) the 'lr' read before iteration n-1 ran: shown at update n-1");

    @Override
    public String name() {
        return "mmengine";
    }

    @Override
    public String files() {
        return "vis_data/scalars.json (mmengine; the file, vis_data, or its timestamped run folder)";
    }

    @Override
    public boolean reads(Path path, byte[] head) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(FOLDER).resolve(FILE))
                    || (String.valueOf(path.getFileName()).equals(FOLDER)
                    && Files.isRegularFile(path.resolve(FILE)));
        }
        return String.valueOf(path.getFileName()).equals(FILE) && Detectron2MetricsLogReader.startsWithObject(head);
    }

    @Override
    public LoggedCurve read(LogRequest request) {
        Path inVisData = Path.of(FOLDER, FILE);
        String inside = Files.isRegularFile(request.file().resolve(inVisData)) ? FOLDER + "/" + FILE : FILE;
        LogRequest log = JsonEntries.locate(request, inside, "is empty; mmengine's LoggerHook writes a line to it "
                + "every logging interval");
        return JsonEntries.curve(log, JsonEntries.jsonLines(log.file(), log.source()), "step", MAPPING, "the file",
                List.of());
    }
}

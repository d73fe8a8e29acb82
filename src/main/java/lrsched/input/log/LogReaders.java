package lrsched.input.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import lrsched.core.InputException;
import lrsched.core.Location;
import lrsched.core.LoggedCurve;

/**
 * The log formats lrsched reads, one registration line each, and the way into them: {@link #read} picks the first
 * reader that {@linkplain LogReader#reads claims} the file and reads it.
 *
 * <p>A new format is a new {@link LogReader} class and one line in {@link #READERS}, before the CSV reader: the CSV
 * reader takes every file (not folders), so that a file no other reader claims is read as CSV and gets the CSV
 * reader's messages.
 */
public final class LogReaders {

    /** How many bytes of a file {@link LogReader#reads} sees. */
    public static final int HEAD_BYTES = 512;

    private static final List<LogReader> READERS = List.of(
            // new reader classes go here, one line each
            new TrainerStateLogReader(), // HF trainer_state.json; before LLaMA-Factory: a folder with both reads this
            new LlamaFactoryLogReader(),
            new Detectron2MetricsLogReader(),
            new MmengineScalarsLogReader(),
            // a Lightning version_N folder may hold metrics.csv and event files: the CSV has float64, so it goes first
            new LightningCsvLogReader(), // Lightning CSVLogger metrics.csv, version_N folders
            new UltralyticsResultsReader(), // ultralytics results.csv
            new TimmSummaryReader(), // timm summary.csv
            new TensorBoardLogReader(), // events.out.tfevents.* files and run folders
            new MlflowLogReader(), // MLflow file store: a run folder, its metrics folder, a metric file
            new CsvLogReader()); // TensorBoard and W&B CSV exports, CSV logs with a header: every file; keep it last

    private LogReaders() {
    }

    /** The libraries whose release decides how some log is read ({@code --versions transformers=4.45}). */
    public static List<String> versioned() {
        return List.of(Writers.TRANSFORMERS);
    }

    /** The registered readers, in the order they are asked. */
    public static List<LogReader> all() {
        return READERS;
    }

    /**
     * Reads the logged curve that {@code request} names, with the first reader that claims its file.
     *
     * @throws InputException when the file is missing, or is not a log that can be read as asked
     */
    public static LoggedCurve read(LogRequest request) {
        return readerFor(request).read(request);
    }

    /** The first reader that claims the request's file. */
    static LogReader readerFor(LogRequest request) {
        Path path = request.file();
        byte[] head = head(path, request.source());
        for (LogReader reader : READERS) {
            if (reader.reads(path, head)) {
                return reader;
            }
        }
        if (Files.isDirectory(path)) {
            List<String> known = new ArrayList<>();
            for (LogReader reader : READERS) {
                known.add(reader.files());
            }
            throw new InputException(Location.of(request.source()), "is a folder with no log lrsched reads (it "
                    + "reads " + String.join("; ", known) + "); name the log file itself");
        }
        throw new IllegalStateException("the CSV reader takes every file");
    }

    /** The first {@link #HEAD_BYTES} bytes of a file; none for a folder. */
    private static byte[] head(Path path, String source) {
        if (Files.isDirectory(path)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(source), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package lrsched.input.log;

import static lrsched.input.log.GoldenLogs.expected;
import static lrsched.input.log.LogTesting.assertOnUpdates;
import static lrsched.input.log.LogTesting.error;
import static lrsched.input.log.LogTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import lrsched.core.LoggedCurve;
import lrsched.core.Versions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TensorBoard event files and run folders, read through {@link LogReaders}. */
class TensorBoardLogReaderTest {
    private static final String LIGHTNING_READING = "Lightning's LearningRateMonitor logs at step s (the updates "
            + "before the batch) the LR the batch's update uses: shown at update s";
    private static final String LIGHTNING_FILE = "events.out.tfevents.1700000000.golden";

    @TempDir
    Path dir;

    private static LoggedCurve read(LogRequest r) {
        return LogReaders.read(r);
    }

    private static Versions transformers(String version) {
        return Versions.of(List.of("transformers=" + version), List.of("transformers"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hf-4.51                 |                | 4        | 99  | 20  | 0
            lightning               |                | 0        | 99  | 100 | 0
            lightning.stepped-twice |                | 0        | 99  | 100 | 0
            lightning.per-epoch     |                | 0        | 99  | 100 | 0
            kohya                   | lr/unet        | 1        | 100 | 100 | 1
            megatron                |                | 1        | 100 | 100 | 1
            tf2-float-tensor        |                | 0        | 99  | 100 | 0
            resumed                 |                | 0        | 99  | 100 | 0
            """)
    void goldenRunFolderPutsEveryLoggedValueAtTheUpdateThatUsedIt(String name, String tag, long first, long last,
                                                                  int points, int pastTheEnd) {
        LoggedCurve c = read(request(GoldenLogs.path("tensorboard/" + name), tag));
        assertThat(c.firstStep()).isEqualTo(first);
        assertThat(c.lastStep()).isEqualTo(last);
        assertThat(c.size()).isEqualTo(points);
        assertThat(assertOnUpdates(c, expected("tensorboard/" + name + ".csv"), true)).isEqualTo(pastTheEnd);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT32);
        assertThat(c.label()).isEqualTo(name);
    }

    @Test
    void olderTransformersLogTheNextUpdatesLearningRateAtTheSameStep() {
        LoggedCurve c = read(request(GoldenLogs.path("tensorboard/hf-4.45"), null).withVersions(transformers("4.45")));
        assertThat(c.firstStep()).isEqualTo(5);
        assertThat(c.lastStep()).isEqualTo(100);
        assertThat(assertOnUpdates(c, expected("tensorboard/hf-4.45.csv"), true)).isEqualTo(1);
        assertThat(c.reading()).isEqualTo("transformers 4.45 (given) logs at step g the LR of the next update, g: "
                + "shown at update g");
    }

    @Test
    void eachWriterIsKnownByItsTagAndSaysHowItsStepsWereRead() {
        assertThat(read(request(GoldenLogs.path("tensorboard/hf-4.51"), null)).reading()).isEqualTo("transformers' Trainer "
                + "logs at step g the LR update g-1 used (since 4.51; for an older run give --versions "
                + "transformers=VERSION): shown at update g-1");
        assertThat(read(request(GoldenLogs.path("tensorboard/lightning"), null)).reading()).isEqualTo(LIGHTNING_READING);
        assertThat(read(request(GoldenLogs.path("tensorboard/kohya"), "lr/textencoder")).reading()).isEqualTo("kohya "
                + "sd-scripts logs at step g (after g updates) get_last_lr(), the LR of the next update, g: shown at "
                + "update g");
        assertThat(read(request(GoldenLogs.path("tensorboard/megatron"), null)).reading()).isEqualTo("Megatron-LM logs at "
                + "iteration i (after i updates) the LR of the next update, i: shown at update i");
        assertThat(read(request(GoldenLogs.path("tensorboard/tf2-float-tensor"), null)).reading()).isEqualTo("'learning_rate' "
                + "names no writer lrsched knows: its steps are taken as updates");
    }

    @Test
    void megatronsSeriesOverSamplesIsNotACandidateUnlessNamed() {
        LoggedCurve c = read(request(GoldenLogs.path("tensorboard/megatron"), "learning-rate_vs_samples"));
        assertThat(c.firstStep()).isEqualTo(256);
    }

    @Test
    void aDoubleTensorIsReadAtFullPrecision() {
        LoggedCurve c = read(request(GoldenLogs.path("tensorboard/double-tensor"), null));
        assertOnUpdates(c, expected("tensorboard/double-tensor.csv"), false);
        assertThat(c.size()).isEqualTo(100);
        assertThat(c.resolution()).isEqualTo(LoggedCurve.FLOAT64);
    }

    @Test
    void oneEventFileIsReadLikeItsFolder() {
        Path file = GoldenLogs.path("tensorboard/lightning/" + LIGHTNING_FILE);
        LoggedCurve c = read(request(file, null));
        assertThat(c.steps()).isEqualTo(read(request(GoldenLogs.path("tensorboard/lightning"), null)).steps());
        assertThat(c.label()).isEqualTo(LIGHTNING_FILE);
    }

    @Test
    void aResumedRunsNewerFileWinsOnTheStepsBothLogged() {
        LoggedCurve c = read(request(GoldenLogs.path("tensorboard/resumed"), null));
        double[] lr = expected("tensorboard/resumed.csv");
        assertThat(c.value(45)).isEqualTo((float) lr[45]);
        assertThat(lr[45]).isLessThan(lr[39]); // the resumed run's peak is half the first run's
    }

    @Test
    void filesAreReadInTheOrderOfTheTimestampInTheirNamesNotOfTheNames() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path resumed = GoldenLogs.path("tensorboard/resumed");
        // the newer file gets the name that sorts first as text: 9 digits of seconds against 10
        Files.copy(resumed.resolve("events.out.tfevents.1700000000.golden"),
                run.resolve("events.out.tfevents.999999999.b"));
        Files.copy(resumed.resolve("events.out.tfevents.1700003600.golden"),
                run.resolve("events.out.tfevents.1000000000.a"));
        LoggedCurve c = read(request(run, null));
        double[] lr = expected("tensorboard/resumed.csv");
        assertThat(c.value(45)).isEqualTo((float) lr[45]);
        assertThat(TensorBoardLogReader.timestamp(Path.of("events.out.tfevents.1700000000.host.123.0"))).isEqualTo(
                1700000000L);
    }

    @Test
    void aTornFinalRecordIsReadUpToAndNoted() {
        LoggedCurve c = read(request(GoldenLogs.path("tensorboard/lightning.torn"), null));
        assertThat(c.size()).isEqualTo(100); // the cut record is the last train_loss
        assertOnUpdates(c, expected("tensorboard/lightning.torn.csv"), true);
        assertThat(c.reading()).isEqualTo(LIGHTNING_READING + "; the last record of " + LIGHTNING_FILE
                + " (at byte 9388) is cut short, as a killed run leaves it: read up to it");
    }

    @Test
    void aRecordWhoseDataFailsItsCrcIsAnErrorAtItsOffset() {
        assertThat(error(request(GoldenLogs.path("tensorboard/lightning.bad-crc"), null))).isEqualTo("lightning.bad-crc/"
                + LIGHTNING_FILE + ": the record at byte 4688 is corrupt (its data does not match its CRC); the file "
                + "is damaged from there on");
    }

    @Test
    void aRecordWhoseLengthFailsItsCrcIsAnErrorAtItsOffset() throws IOException {
        byte[] good = Files.readAllBytes(GoldenLogs.path("tensorboard/lightning/" + LIGHTNING_FILE));
        byte[] bad = good.clone();
        bad[4688 + 9] ^= 1; // the length's CRC of the record at 4688
        Path f = Files.write(dir.resolve("events.out.tfevents.1.x"), bad);
        assertThat(error(request(f, null))).isEqualTo("events.out.tfevents.1.x: the record at byte 4688 is corrupt "
                + "(its length does not match its CRC); the file is damaged from there on");
    }

    @Test
    void aRecordWithGoodCrcsThatIsNoEventIsAnErrorAtItsOffset() throws IOException {
        Path f = write("events.out.tfevents.1.x", fileVersion(), record(new byte[] {0x0f, 0x01}));
        assertThat(error(request(f, null))).isEqualTo("events.out.tfevents.1.x: the record at byte "
                + fileVersion().length + " is not a TensorBoard event (wire type 7 at data byte 1)");
    }

    @Test
    void withoutATagNamedLikeALearningRateTheTagsAreListed() throws IOException {
        Path f = write("events.out.tfevents.1.x", event(1, "loss", 0.5f), event(1, "accuracy", 0.9f));
        assertThat(error(request(f, null))).isEqualTo("events.out.tfevents.1.x: no tag is named like a learning "
                + "rate; the tags are 'loss', 'accuracy'; pick one with --overlay-value NAME");
    }

    @Test
    void twoLearningRateTagsNeedAChoice() {
        assertThat(error(request(GoldenLogs.path("tensorboard/kohya"), null))).isEqualTo("kohya: 2 tags could be the learning "
                + "rate ('lr/textencoder', 'lr/unet'); pick one with --overlay-value NAME");
    }

    @Test
    void aTagThatHoldsNoScalarsIsNamedAsSuch() {
        assertThat(error(request(GoldenLogs.path("tensorboard/hf-4.51"), "args"))).isEqualTo("hf-4.51: tag 'args' holds no "
                + "scalars (images, histograms, text or tensors); the scalar tags are 'train/loss', 'train/grad_norm', "
                + "'train/learning_rate', 'train/epoch'");
    }

    @Test
    void aLogOfNoScalarsSaysSo() throws IOException {
        Path f = write("events.out.tfevents.1.x", fileVersion());
        assertThat(error(request(f, null))).isEqualTo("events.out.tfevents.1.x: holds no scalars; lrsched reads the "
                + "values of add_scalar or tf.summary.scalar");
    }

    @Test
    void anEmptyEventFileIsAnError() throws IOException {
        Path f = Files.write(dir.resolve("events.out.tfevents.1.x"), new byte[0]);
        assertThat(error(request(f, null))).isEqualTo("events.out.tfevents.1.x: is empty (0 bytes); a TensorBoard "
                + "event file holds at least its first record");
    }

    @Test
    void aFolderWithNoEventFilesIsNotClaimed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("logs"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertThat(new TensorBoardLogReader().reads(empty, new byte[0])).isFalse();
        assertThat(error(request(empty, null))).startsWith("logs: is a folder with no log lrsched reads (it reads ")
                .contains("events.out.tfevents.* (a file or a run folder); ");
        assertThatThrownBy(() -> new TensorBoardLogReader().read(request(empty, null)))
                .hasMessage("logs: holds no events.out.tfevents.* file; name a TensorBoard run folder or an event "
                        + "file");
    }

    @Test
    void eventFilesAreClaimedByNameOrByTheirFirstRecordAndRunFoldersByTheirFiles() throws IOException {
        LogReader tb = new TensorBoardLogReader();
        Path file = GoldenLogs.path("tensorboard/lightning/" + LIGHTNING_FILE);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), LogReaders.HEAD_BYTES);
        Path renamed = Files.write(dir.resolve("lr.bin"), Files.readAllBytes(file));
        assertThat(tb.reads(file, head)).isTrue();
        assertThat(tb.reads(renamed, head)).isTrue();
        assertThat(LogReaders.readerFor(request(renamed, null))).isInstanceOf(TensorBoardLogReader.class);
        assertThat(read(request(renamed, null)).size()).isEqualTo(100);
        assertThat(tb.reads(GoldenLogs.path("tensorboard/resumed"), new byte[0])).isTrue();
        Path csv = Files.writeString(dir.resolve("lr.csv"), "step,lr\n0,1\n");
        assertThat(tb.reads(csv, "step,lr\n0,1\n".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(tb.reads(dir.resolve("missing"), new byte[0])).isFalse();
        assertThat(tb.reads(GoldenLogs.path("mlflow/mlruns/0/0a1b2c3d4e5f40718293a4b5c6d7e8f9"), new byte[0])).isFalse();
    }

    @Test
    void aRecordClaimingATerabyteIsStreamedNotAllocated() throws IOException {
        // a good length CRC over 2^40 bytes, then 4 MB of data: a reader that buffered records would fail to
        // allocate; streaming reads to the end of the file and takes the record for one a killed run cut short
        Path f = dir.resolve("events.out.tfevents.1.x");
        long at = fileVersion().length;
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(fileVersion());
            for (int i = 0; i < 1000; i++) {
                byte[] e = event(i, "lr", i * 1e-6f);
                out.write(e);
                at += e.length;
            }
            byte[] header = new byte[12];
            long length = 1L << 40;
            for (int i = 0; i < 8; i++) {
                header[i] = (byte) (length >>> (8 * i));
            }
            int crc = masked(header, 8);
            for (int i = 0; i < 4; i++) {
                header[8 + i] = (byte) (crc >>> (8 * i));
            }
            out.write(header);
            out.write(new byte[] {0x2a, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x02}); // summary = 5, 4 MB long
            out.write(new byte[4 << 20]);
        }
        LoggedCurve c = read(request(f, null));
        assertThat(c.size()).isEqualTo(1000);
        assertThat(c.reading()).endsWith("(at byte " + at + ") is cut short, as a killed run leaves it: read up to it");
    }

    @Test
    void aLongLogIsReadRecordByRecord() throws IOException {
        Path f = dir.resolve("events.out.tfevents.1.x");
        int n = 200_000;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f))) {
            out.write(fileVersion());
            for (int i = 0; i < n; i++) {
                out.write(event(i, "lr-SGD", i));
            }
        }
        LoggedCurve c = read(request(f, null));
        assertThat(c.size()).isEqualTo(n);
        assertThat(c.value(n - 1)).isEqualTo((float) (n - 1));
    }

    @Test
    void valuesLoggedBeforeUpdateZeroAreDroppedAndCounted() throws IOException {
        Path f = write("events.out.tfevents.1.x", event(0, "train/learning_rate", 1f),
                event(1, "train/learning_rate", 2f));
        LoggedCurve c = read(request(f, null));
        assertThat(c.steps()).containsExactly(0);
        assertThat(c.values()).containsExactly(2.0);
        assertThat(c.reading()).endsWith("shown at update g-1; 1 value logged before update 0 dropped");
    }

    // A minimal event writer for bad-input tests (golden logs come from tensorboardX, see LogGolden).

    private Path write(String name, byte[]... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.write(r);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] fileVersion() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        bytesField(e, 3, "brain.Event:2".getBytes(StandardCharsets.UTF_8));
        return record(e.toByteArray());
    }

    /** Event{step = 2, summary = 5 {value = 1 {tag = 1, simple_value = 2}}} in a TFRecord. */
    private static byte[] event(long step, String tag, float value) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        bytesField(v, 1, tag.getBytes(StandardCharsets.UTF_8));
        v.write(2 << 3 | 5);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            v.write(bits >>> (8 * i));
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        bytesField(s, 1, v.toByteArray());
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(2 << 3);
        varint(e, step);
        bytesField(e, 5, s.toByteArray());
        return record(e.toByteArray());
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        out.write(field << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] record(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[8];
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) ((long) data.length >>> (8 * i));
        }
        out.writeBytes(header);
        le(out, masked(header, 8));
        out.writeBytes(data);
        le(out, masked(data, data.length));
        return out.toByteArray();
    }

    private static void le(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    private static int masked(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}

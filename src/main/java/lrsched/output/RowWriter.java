package lrsched.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import lrsched.core.Curve;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;

/**
 * Streams {@code step,<name>,...} rows: one row per selected step, numbers as Python's {@code repr} prints them,
 * {@code \n} line ends. Memory does not depend on the number of steps.
 *
 * <p>Rows are produced in blocks ({@link RowBlock}). Large selections use every core: this thread evaluates the
 * schedules block after block, in step order, while worker threads format earlier blocks into bytes, and blocks
 * are written in order. Formatting is most of the work, and evaluating on one thread in order keeps schedules that
 * cache their last step (step-by-step replays) fast and makes errors surface at the same step as sequentially, so
 * the bytes written are identical to the sequential path's, also when a schedule fails midway: every row before
 * the failing step is written, then the error is thrown.
 */
public final class RowWriter {
    /** Bytes a block may take; blocks of this size amortise handing work between threads. */
    private static final int BLOCK_BYTES = 1 << 19;
    /** Selections of fewer blocks than this are written on the calling thread alone. */
    private static final int PARALLEL_MIN_BLOCKS = 4;
    /**
     * Nor are selections of fewer values than this: below it, more threads running cold code only compete with the
     * JIT compiling the formatter. Measured with the launcher (C1, 2-core Xeon VM, medians of 15-21 alternating
     * runs): 200,000 values 188 ms in parallel against 204 ms on one thread, 50,000 values the same either way.
     */
    private static final long PARALLEL_MIN_VALUES = 100_000;

    private final int workers;
    private final int blockRows;
    private final long parallelMinValues;

    /**
     * @param workers           formatting threads beside the calling one; 0 writes everything on this thread
     * @param blockRows         rows per block, or 0 to size blocks from the number of columns
     * @param parallelMinValues fewer values (rows times columns) than this are written on this thread alone
     */
    RowWriter(int workers, int blockRows, long parallelMinValues) {
        this.workers = workers;
        this.blockRows = blockRows;
        this.parallelMinValues = parallelMinValues;
    }

    /** A writer that uses its workers for any selection of at least four blocks (for tests). */
    RowWriter(int workers, int blockRows) {
        this(workers, blockRows, 0);
    }

    /** Writes the CSV, using every available core for large selections. */
    public static void write(List<Curve> curves, StepSelection steps, OutputStream out) throws IOException {
        write(curves, steps, out, RowFormat.Kind.CSV);
    }

    /** Writes the rows in {@code kind}'s layout (CSV, TSV, JSON or JSON Lines). */
    public static void write(List<Curve> curves, StepSelection steps, OutputStream out, RowFormat.Kind kind)
            throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        new RowWriter(cores > 1 ? cores : 0, 0, PARALLEL_MIN_VALUES).writeCsv(curves, steps, out, kind);
    }

    void writeCsv(List<Curve> curves, StepSelection steps, OutputStream out) throws IOException {
        writeCsv(curves, steps, out, RowFormat.Kind.CSV);
    }

    void writeCsv(List<Curve> curves, StepSelection steps, OutputStream out, RowFormat.Kind kind) throws IOException {
        Schedule[] schedules = new Schedule[curves.size()];
        String[] names = new String[curves.size()];
        for (int k = 0; k < schedules.length; k++) {
            schedules[k] = curves.get(k).schedule();
            names[k] = curves.get(k).name();
        }
        RowFormat format = RowFormat.of(kind, List.of(names));
        out.write(format.header);
        int rows = blockRows > 0 ? blockRows
                : Math.max(16, BLOCK_BYTES / format.maxRowBytes());
        long size = steps.size();
        rows = (int) Math.min(rows, size);
        if (workers > 0 && size >= (long) PARALLEL_MIN_BLOCKS * rows
                && size * schedules.length >= parallelMinValues) {
            writeParallel(schedules, names, format, steps, rows, out);
        } else {
            writeSequential(new RowBlock(schedules, names, format, rows), steps, out);
        }
        out.write(format.footer(size > 0));
        out.flush();
    }

    private static void writeSequential(RowBlock block, StepSelection steps, OutputStream out) throws IOException {
        long size = steps.size();
        for (long first = 0; first < size; first += block.capacity()) {
            block.evaluate(steps, first, (int) Math.min(block.capacity(), size - first));
            block.format();
            out.write(block.bytes(), 0, block.length());
            failIfFailed(block, out);
        }
    }

    /**
     * A ring of blocks: block i is evaluated here into slot i % ring, formatted by a worker, and written here once
     * every block before it has been written. Slot i % ring is reused only after block i - ring was written.
     */
    private void writeParallel(Schedule[] schedules, String[] names, RowFormat format, StepSelection steps, int rows,
                               OutputStream out) throws IOException {
        int ring = 2 * workers + 2;
        RowBlock[] blocks = new RowBlock[ring];
        @SuppressWarnings("unchecked")
        Future<RowBlock>[] pending = new Future[ring];
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "lrsched-csv-format");
            t.setDaemon(true);
            return t;
        });
        try {
            long size = steps.size();
            long index = 0;
            boolean failed = false;
            for (long first = 0; first < size && !failed; first += rows, index++) {
                int slot = (int) (index % ring);
                if (pending[slot] != null) {
                    writeBlock(await(pending[slot]), out);
                    pending[slot] = null;
                }
                if (blocks[slot] == null) {
                    blocks[slot] = new RowBlock(schedules, names, format, rows);
                }
                RowBlock block = blocks[slot];
                block.evaluate(steps, first, (int) Math.min(rows, size - first));
                failed = block.failure() != null;
                pending[slot] = pool.submit(() -> {
                    block.format();
                    return block;
                });
            }
            // the last `ring` blocks, oldest first
            for (long i = Math.max(0, index - ring); i < index; i++) {
                int slot = (int) (i % ring);
                RowBlock block = await(pending[slot]);
                pending[slot] = null;
                writeBlock(block, out);
                failIfFailed(block, out);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeBlock(RowBlock block, OutputStream out) throws IOException {
        out.write(block.bytes(), 0, block.length());
    }

    /** After a block's rows are written: rethrow the error that ended it, with those rows flushed first. */
    private static void failIfFailed(RowBlock block, OutputStream out) throws IOException {
        if (block.failure() != null) {
            out.flush();
            throw block.failure();
        }
    }

    private static RowBlock await(Future<RowBlock> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing CSV");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    /** RFC 4180 quoting for names with commas, quotes or line breaks. */
    static String quote(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

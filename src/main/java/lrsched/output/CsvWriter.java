package lrsched.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import lrsched.schedule.Schedule;
import lrsched.spec.StepSelection;

/**
 * Streams {@code step,<name>,...} rows: one row per selected step, numbers as Python's {@code repr} prints them,
 * {@code \n} line ends. Memory does not depend on the number of steps.
 */
public final class CsvWriter {
    private static final int FLUSH_AT = 1 << 16;

    private CsvWriter() {}

    public static void write(List<Curve> curves, StepSelection steps, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder(FLUSH_AT + 1024);
        line.append("step");
        for (Curve c : curves) {
            line.append(',').append(quote(c.name()));
        }
        line.append('\n');
        Schedule[] schedules = curves.stream().map(Curve::schedule).toArray(Schedule[]::new);
        long n = steps.size();
        for (long i = 0; i < n; i++) {
            long step = steps.get(i);
            line.append(step);
            for (int k = 0; k < schedules.length; k++) {
                double v = schedules[k].at(step);
                if (!Double.isFinite(v)) {
                    throw new NonFiniteValueException(curves.get(k).name(), step, v);
                }
                line.append(',');
                DoubleFormat.append(v, line);
            }
            line.append('\n');
            if (line.length() >= FLUSH_AT) {
                flush(line, out);
            }
        }
        flush(line, out);
        out.flush();
    }

    private static void flush(StringBuilder line, OutputStream out) throws IOException {
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }

    /** RFC 4180 quoting for names with commas, quotes or line breaks. */
    static String quote(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

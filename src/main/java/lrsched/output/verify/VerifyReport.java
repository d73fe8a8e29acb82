package lrsched.output.verify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import lrsched.core.Counts;
import lrsched.core.DoubleFormat;
import lrsched.core.LoggedCurve;

/**
 * The lines {@code lrsched verify} prints for one schedule checked against one logged column: whether the run
 * followed the plan and, when it did not, the first and largest differences and the fault that explains them.
 */
public final class VerifyReport {

    private VerifyReport() {
    }

    /** The log's lines: what was read and how its steps became updates. */
    public static List<String> log(LoggedCurve log, String column) {
        List<String> lines = new ArrayList<>();
        lines.add("log " + log.source() + (column.isEmpty() ? "" : ", '" + column + "'") + ": " + Counts.of(log.size(),
                "value") + " at updates " + log.firstStep() + " to " + log.lastStep());
        if (!log.reading().isEmpty()) {
            lines.add("  read as: " + log.reading());
        }
        return lines;
    }

    /** The verdict's lines for schedule {@code name}. */
    public static List<String> verdict(String name, LoggedCurve log, RunCheck.Verdict v) {
        List<String> lines = new ArrayList<>();
        String tolerance = "within " + DoubleFormat.formatCompact(new BigDecimal(v.tolerance())
                .round(new MathContext(2)).doubleValue()) + " relative";
        if (v.followed()) {
            lines.add("schedule '" + name + "': follows the plan: " + (v.compared() == 1 ? "the logged value matches"
                    : "all " + v.compared() + " logged values match") + " (" + tolerance + ")");
            return lines;
        }
        int differ = v.compared() - v.matching();
        lines.add("schedule '" + name + "': does NOT follow the plan: " + differ + " of " + Counts.of(v.compared(),
                "logged value") + " differ (" + tolerance + ")");
        RunCheck.Difference first = v.first().orElseThrow();
        lines.add("  first difference: " + describe(first));
        v.largest().filter(d -> d.update() != first.update())
                .ifPresent(d -> lines.add("  largest difference: " + describe(d)));
        if (v.fault().isPresent()) {
            Fault f = v.fault().get();
            lines.add("  explained by: " + f.describe() + ": " + f.rule());
            lines.add("  likely cause: " + f.cause());
            if ((f instanceof Fault.OneAhead || f instanceof Fault.OneBehind) && log.reading().contains("transformers")) {
                lines.add("  note: this log was read as: " + log.reading() + "; if the run used another "
                        + "transformers release, give --versions transformers=VERSION");
            }
        } else {
            lines.add("  no known fault explains it (tried: one update ahead or behind, stepped 2 to "
                    + RunCheck.MAX_TIMES + " times per update, stepped once per epoch, restarted): the run "
                    + "followed another plan");
        }
        return lines;
    }

    private static String describe(RunCheck.Difference d) {
        if (Double.isNaN(d.planned())) {
            return "update " + d.update() + ": logged " + number(d.logged()) + ", and the plan refuses this update "
                    + "(it ends before it)";
        }
        double rel = d.relative();
        String how = !Double.isFinite(rel) ? ""
                : Math.abs(rel) < 10 ? String.format(Locale.ROOT, " (%+.3g%%)", 100 * rel)
                : String.format(Locale.ROOT, " (%.3g times the plan)", d.logged() / d.planned());
        return "update " + d.update() + ": logged " + number(d.logged()) + ", planned " + number(d.planned()) + how;
    }

    /** Seven significant digits: enough to tell values apart at any log's resolution, short enough to read. */
    private static String number(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return DoubleFormat.format(v);
        }
        return DoubleFormat.format(new BigDecimal(v).round(new MathContext(7)).doubleValue());
    }
}

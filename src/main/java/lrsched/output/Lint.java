package lrsched.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import lrsched.core.Curve;
import lrsched.core.DoubleFormat;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.core.StepSelection;
import lrsched.schedule.Refusals;

/**
 * The pitfalls users hit in practice, found by evaluating each curve over the selected steps and reading the marks
 * its type knows (warmup end, nominal end). One finding per rule and schedule.
 *
 * <p>Each {@link Rule} has a stable id and a severity: a {@link Severity#WARNING} is likely a mistake (training past
 * the schedule's end, steps the library refuses, a warmup as long as the run, a cut decay); a {@link Severity#NOTE} is
 * what the library does at its defaults and the user may well want (a warmup from 0, timm's warmup without prefix),
 * shown but not failing {@code lrsched lint} unless {@code --strict}.
 */
public final class Lint {
    private Lint() {}

    /** How much a finding matters. */
    public enum Severity {
        /** Likely a mistake: {@code lrsched lint} exits 1. */
        WARNING,
        /** What the library does by design; worth knowing, not an error. */
        NOTE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every check lint makes, declared once: its id (for {@code --ignore} and {@code --select}) and severity. */
    public enum Rule {
        REFUSED_STEPS("refused-steps", Severity.WARNING, "steps the library refuses (OneCycleLR)"),
        ZERO_START("zero-start", Severity.NOTE, "LR 0 at the first updates (a warmup from 0)"),
        WARMUP_AS_LONG_AS_RUN("warmup-as-long-as-run", Severity.WARNING, "the warmup is as long as the run"),
        WARMUP_PAST_SELECTION("warmup-past-selection", Severity.WARNING, "the warmup outlasts the selected steps"),
        DECAY_CUT("decay-cut", Severity.WARNING, "the selection stops before the decay ends"),
        RISES_AFTER_END("rises-after-end", Severity.WARNING, "the LR rises again after the schedule's end"),
        WARMUP_JUMP("warmup-jump", Severity.NOTE, "a jump at warmup end (timm warmup_prefix=False)");

        private final String id;
        private final Severity severity;
        private final String summary;

        Rule(String id, Severity severity, String summary) {
            this.id = id;
            this.severity = severity;
            this.summary = summary;
        }

        public String id() {
            return id;
        }

        public Severity severity() {
            return severity;
        }

        /** A few words for listings ({@code lrsched lint --help}); the finding's message says more. */
        public String summary() {
            return summary;
        }

        /** The rule with this id. */
        public static Optional<Rule> withId(String id) {
            for (Rule r : values()) {
                if (r.id.equals(id)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        /** Every id, in declaration order. */
        public static List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (Rule r : values()) {
                ids.add(r.id);
            }
            return ids;
        }
    }

    /** A finding about one schedule, at one step where that helps. */
    public record Finding(Rule rule, String schedule, OptionalLong step, String message) {
        @Override
        public String toString() {
            return schedule + ": " + (step.isPresent() ? "step " + step.getAsLong() + ": " : "") + rule.severity()
                    + " [" + rule.id() + "]: " + message;
        }
    }

    public static List<Finding> check(List<Curve> curves, StepSelection steps) {
        List<Finding> out = new ArrayList<>();
        for (Curve c : curves) {
            check(c, steps, out);
        }
        return out;
    }

    /** The most leading zero steps counted one by one (a schedule that is 0 for longer says "at least"). */
    static final int ZERO_RUN_LIMIT = 1_000;

    private static void check(Curve c, StepSelection steps, List<Finding> out) {
        Schedule s = c.schedule();
        String name = c.name();
        long first = Long.MAX_VALUE, last = 0;
        for (long i = 0, n = steps.size(); i < n; i++) {
            first = Math.min(first, steps.get(i));
            last = Math.max(last, steps.get(i));
        }
        Optional<StepOutOfRangeException> refused = Refusals.first(s, last);
        long lastComputable = refused.map(r -> r.step() - 1).orElse(last);
        if (refused.isPresent()) {
            out.add(new Finding(Rule.REFUSED_STEPS, name, OptionalLong.of(refused.get().step()), "the library "
                    + "refuses this step and every later one (" + refused.get().getMessage() + "); training would "
                    + "stop here: select steps up to " + lastComputable + " or lengthen the schedule"));
        }
        if (first == 0 && lastComputable >= 0 && s.at(0) == 0) {
            zeroStart(s, name, lastComputable, out);
        }
        OptionalLong end = s.nominalEnd();
        OptionalLong warmup = s.warmupEnd();
        if (warmup.isPresent() && end.isPresent() && warmup.getAsLong() >= end.getAsLong()) {
            out.add(new Finding(Rule.WARMUP_AS_LONG_AS_RUN, name, OptionalLong.empty(), "the warmup ("
                    + warmup.getAsLong() + " steps) is not shorter than the run (" + end.getAsLong() + " steps)"));
        } else if (warmup.isPresent() && warmup.getAsLong() > last) {
            out.add(new Finding(Rule.WARMUP_PAST_SELECTION, name, OptionalLong.empty(), "the warmup ("
                    + warmup.getAsLong() + " steps) is longer than the selected steps (up to " + last + ")"));
        }
        if (end.isPresent() && end.getAsLong() > last + 1) { // steps 0..N-1 are a whole run of N steps
            out.add(new Finding(Rule.DECAY_CUT, name, OptionalLong.of(last), "the selection ends before the "
                    + "schedule does (at step " + end.getAsLong() + "): the decay is cut short; select steps up to "
                    + (end.getAsLong() - 1)));
        }
        if (end.isPresent() && end.getAsLong() <= lastComputable) {
            risesAfterEnd(s, name, end.getAsLong(), steps, lastComputable, out);
        }
        if (warmup.isPresent() && warmup.getAsLong() >= 2 && warmup.getAsLong() + 1 <= lastComputable) {
            jumpAtWarmupEnd(s, name, warmup.getAsLong(), out);
        }
    }

    /** One finding for the whole run of zero steps at the start (DeepSpeed's rows 0 and 1 are both 0). */
    private static void zeroStart(Schedule s, String name, long lastComputable, List<Finding> out) {
        long zeros = 1;
        while (zeros <= lastComputable && zeros < ZERO_RUN_LIMIT && s.at(zeros) == 0) {
            zeros++;
        }
        String which = zeros == 1 ? "the first update does nothing"
                : (zeros == ZERO_RUN_LIMIT ? "at least " : "") + "the first " + zeros + " updates (steps 0 to "
                        + (zeros - 1) + ") do nothing";
        out.add(new Finding(Rule.ZERO_START, name, OptionalLong.of(0), "the learning rate is 0, so " + which
                + " (a warmup that starts at 0, as the library does); start the warmup above 0 if "
                + (zeros == 1 ? "that update" : "they") + " should count"));
    }

    private static void risesAfterEnd(Schedule s, String name, long end, StepSelection steps, long lastComputable,
                                      List<Finding> out) {
        double atEnd = s.at(end);
        for (long i = 0, n = steps.size(); i < n; i++) {
            long t = steps.get(i);
            if (t > end && t <= lastComputable) {
                double v = s.at(t);
                if (v > atEnd + 1e-9 * Math.abs(atEnd) + 1e-300) {
                    out.add(new Finding(Rule.RISES_AFTER_END, name, OptionalLong.of(t), "the learning rate rises "
                            + "again after the schedule's end (step " + end + ", LR " + DoubleFormat.format(atEnd)
                            + "): here it is " + DoubleFormat.format(v) + "; stop training at step " + end
                            + " or lengthen the schedule"));
                    return;
                }
            }
        }
    }

    private static void jumpAtWarmupEnd(Schedule s, String name, long w, List<Finding> out) {
        double before = s.at(w - 2), last = s.at(w - 1), at = s.at(w), after = s.at(w + 1);
        double jump = Math.abs(at - last);
        double around = Math.max(Math.abs(last - before), Math.abs(after - at));
        double scale = Math.max(Math.abs(at), Math.abs(last));
        if (jump > 3 * around && jump > 0.01 * scale) {
            out.add(new Finding(Rule.WARMUP_JUMP, name, OptionalLong.of(w), "the learning rate jumps at the end of "
                    + "the warmup, from " + DoubleFormat.format(last) + " to " + DoubleFormat.format(at) + " (the "
                    + "decay did not wait for the warmup: e.g. timm's warmup_prefix=False)"));
        }
    }
}

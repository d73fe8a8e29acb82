package lrsched.output;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import lrsched.core.Curve;
import lrsched.core.DoubleFormat;
import lrsched.core.Schedule;
import lrsched.core.StepOutOfRangeException;
import lrsched.core.StepSelection;
import lrsched.schedule.Refusals;

/**
 * The pitfalls users hit in practice, found by evaluating each curve over the selected steps and reading the marks
 * its type knows (warmup end, nominal end). One warning per pitfall and schedule.
 */
public final class Lint {
    private Lint() {}

    /** A warning about one schedule, at one step where that helps. */
    public record Warning(String schedule, OptionalLong step, String message) {
        @Override
        public String toString() {
            return schedule + ": " + (step.isPresent() ? "step " + step.getAsLong() + ": " : "") + message;
        }
    }

    public static List<Warning> check(List<Curve> curves, StepSelection steps) {
        List<Warning> out = new ArrayList<>();
        for (Curve c : curves) {
            check(c, steps, out);
        }
        return out;
    }

    private static void check(Curve c, StepSelection steps, List<Warning> out) {
        Schedule s = c.schedule();
        String name = c.name();
        long first = Long.MAX_VALUE, last = 0;
        for (long i = 0, n = steps.size(); i < n; i++) {
            first = Math.min(first, steps.get(i));
            last = Math.max(last, steps.get(i));
        }
        java.util.Optional<StepOutOfRangeException> refused = Refusals.first(s, last);
        long lastComputable = refused.map(r -> r.step() - 1).orElse(last);
        if (refused.isPresent()) {
            out.add(new Warning(name, OptionalLong.of(refused.get().step()), "the library refuses this step and "
                    + "every later one (" + refused.get().getMessage() + "); training would stop here: select steps "
                    + "up to " + lastComputable + " or lengthen the schedule"));
        }
        if (first == 0 && lastComputable >= 0 && s.at(0) == 0) {
            out.add(new Warning(name, OptionalLong.of(0), "the learning rate is 0, so the first update does "
                    + "nothing (a warmup that starts at 0); start the warmup above 0 if that update should count"));
        }
        OptionalLong end = s.nominalEnd();
        OptionalLong warmup = s.warmupEnd();
        if (warmup.isPresent() && end.isPresent() && warmup.getAsLong() >= end.getAsLong()) {
            out.add(new Warning(name, OptionalLong.empty(), "the warmup (" + warmup.getAsLong() + " steps) is not "
                    + "shorter than the run (" + end.getAsLong() + " steps)"));
        } else if (warmup.isPresent() && warmup.getAsLong() > last) {
            out.add(new Warning(name, OptionalLong.empty(), "the warmup (" + warmup.getAsLong()
                    + " steps) is longer than the selected steps (up to " + last + ")"));
        }
        if (end.isPresent() && end.getAsLong() > last + 1) { // steps 0..N-1 are a whole run of N steps
            out.add(new Warning(name, OptionalLong.of(last), "the selection ends before the schedule does (at step "
                    + end.getAsLong() + "): the decay is cut short; select steps up to " + (end.getAsLong() - 1)));
        }
        if (end.isPresent() && end.getAsLong() <= lastComputable) {
            risesAfterEnd(s, name, end.getAsLong(), steps, lastComputable, out);
        }
        if (warmup.isPresent() && warmup.getAsLong() >= 2 && warmup.getAsLong() + 1 <= lastComputable) {
            jumpAtWarmupEnd(s, name, warmup.getAsLong(), out);
        }
    }

    private static void risesAfterEnd(Schedule s, String name, long end, StepSelection steps, long lastComputable,
                                      List<Warning> out) {
        double atEnd = s.at(end);
        for (long i = 0, n = steps.size(); i < n; i++) {
            long t = steps.get(i);
            if (t > end && t <= lastComputable) {
                double v = s.at(t);
                if (v > atEnd + 1e-9 * Math.abs(atEnd) + 1e-300) {
                    out.add(new Warning(name, OptionalLong.of(t), "the learning rate rises again after the "
                            + "schedule's end (step " + end + ", LR " + DoubleFormat.format(atEnd) + "): here it is "
                            + DoubleFormat.format(v) + "; stop training at step " + end + " or lengthen the schedule"));
                    return;
                }
            }
        }
    }

    private static void jumpAtWarmupEnd(Schedule s, String name, long w, List<Warning> out) {
        double before = s.at(w - 2), last = s.at(w - 1), at = s.at(w), after = s.at(w + 1);
        double jump = Math.abs(at - last);
        double around = Math.max(Math.abs(last - before), Math.abs(after - at));
        double scale = Math.max(Math.abs(at), Math.abs(last));
        if (jump > 3 * around && jump > 0.01 * scale) {
            out.add(new Warning(name, OptionalLong.of(w), "the learning rate jumps at the end of the warmup, from "
                    + DoubleFormat.format(last) + " to " + DoubleFormat.format(at) + " (the decay did not wait for "
                    + "the warmup: e.g. timm's warmup_prefix=False)"));
        }
    }
}

package lrsched.cli;

import java.util.OptionalLong;

import lrsched.registry.Numbers;
import lrsched.spec.SpecException;
import lrsched.spec.StepSelection;
import picocli.CommandLine.Option;

/** Which steps to evaluate. */
public final class StepOptions {
    @Option(names = "--steps", paramLabel = "N", description = "Evaluate steps 0..N-1 (overrides the spec's steps).")
    String steps;

    @Option(names = "--from", paramLabel = "A", description = "First step (default 0).")
    String from;

    @Option(names = "--to", paramLabel = "B", description = "Last step, included (default: steps - 1).")
    String to;

    @Option(names = "--every", paramLabel = "K", description = "Take every K-th step (default 1).")
    String every;

    @Option(names = "--at", paramLabel = "S1,S2,...", split = ",",
            description = "Exactly these steps, in this order (e.g. --at 0,100,1e12).")
    String[] at;

    /** Whether the user chose the steps (--steps, --from, --to or --at) rather than taking the spec's. */
    boolean choosesSteps() {
        return steps != null || from != null || to != null || at != null;
    }

    StepSelection selection(OptionalLong specSteps) {
        long[] listed = null;
        if (at != null) {
            listed = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                listed[i] = parse("--at", at[i]).getAsLong();
            }
        }
        return StepSelection.of(specSteps, parse("--steps", steps), parse("--from", from), parse("--to", to),
                parse("--every", every), listed);
    }

    private static OptionalLong parse(String option, String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        OptionalLong n = Numbers.parseInteger(text);
        if (n.isEmpty()) {
            throw new SpecException(option + ": '" + text + "' is not a whole number of steps (64-bit; 1e6 and "
                    + "1_000_000 are accepted)");
        }
        if (n.getAsLong() < 0) {
            throw new SpecException(option + ": steps are 0 or more, got " + text);
        }
        return n;
    }
}

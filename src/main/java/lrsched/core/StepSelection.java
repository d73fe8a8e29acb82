package lrsched.core;

import java.util.OptionalLong;

/**
 * Which steps to evaluate: a range {@code from, from+every, ... <= to}, or an explicit list in the order given.
 * Indexable so that large ranges can be split into chunks.
 */
public sealed interface StepSelection permits StepSelection.Range, StepSelection.Listed {

    /** Number of steps selected. */
    long size();

    /** The {@code index}-th selected step. */
    long get(long index);

    /** The largest step selected. */
    long max();

    /** Steps {@code from}, {@code from + every}, ..., up to and including {@code to}. */
    record Range(long from, long to, long every) implements StepSelection {
        public Range {
            if (from < 0 || to < from || every < 1) {
                throw new IllegalArgumentException("bad range " + from + ".." + to + " every " + every);
            }
        }

        @Override
        public long size() {
            return (to - from) / every + 1;
        }

        @Override
        public long get(long index) {
            return from + index * every;
        }

        @Override
        public long max() {
            return from + (size() - 1) * every;
        }
    }

    /** Exactly these steps, in this order. */
    record Listed(long[] steps) implements StepSelection {
        public Listed {
            steps = steps.clone();
        }

        @Override
        public long size() {
            return steps.length;
        }

        @Override
        public long get(long index) {
            return steps[(int) index];
        }

        @Override
        public long max() {
            long m = 0;
            for (long s : steps) {
                m = Math.max(m, s);
            }
            return m;
        }
    }

    /**
     * The selection the options describe. {@code specSteps} is the spec's {@code steps:}; {@code --steps}
     * overrides it; {@code --from/--to/--every} narrow the range; {@code --at} lists steps exactly.
     */
    static StepSelection of(OptionalLong specSteps, OptionalLong steps, OptionalLong from, OptionalLong to,
                            OptionalLong every, long[] at) {
        if (at != null && at.length > 0) {
            if (steps.isPresent() || from.isPresent() || to.isPresent() || every.isPresent()) {
                throw new InputException("--at lists exact steps; it cannot be combined with --steps, --from, --to "
                        + "or --every");
            }
            for (long s : at) {
                if (s < 0) {
                    throw new InputException("--at: steps are 0 or more, got " + s);
                }
            }
            return new Listed(at);
        }
        long start = from.orElse(0);
        if (start < 0) {
            throw new InputException("--from must be 0 or more, got " + start);
        }
        long k = every.orElse(1);
        if (k < 1) {
            throw new InputException("--every must be 1 or more, got " + k);
        }
        long last;
        if (to.isPresent()) {
            last = to.getAsLong();
        } else {
            OptionalLong n = steps.isPresent() ? steps : specSteps;
            if (n.isEmpty()) {
                throw new InputException("no step range: add 'steps: N' to the spec, or pass --steps N (or --to, "
                        + "or --at)");
            }
            if (n.getAsLong() < 1) {
                throw new InputException("--steps must be 1 or more, got " + n.getAsLong());
            }
            last = n.getAsLong() - 1;
        }
        if (last < start) {
            throw new InputException("--to (" + last + ") is before --from (" + start + "); the range is empty");
        }
        return new Range(start, last, k);
    }
}

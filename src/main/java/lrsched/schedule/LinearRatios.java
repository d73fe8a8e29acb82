package lrsched.schedule;

/**
 * The per-step ratio of torch's chainable LinearLR, {@code 1 + (e - s) / (total * s + (l - 1) * (e - s))} for
 * start factor s, end factor e and step l, which mmengine's and Paddle's LinearLR compute the same way.
 */
public final class LinearRatios {
    private LinearRatios() {}

    /**
     * Whether the ratios, as computed, stay on one side of 1 for steps 1 .. total - 1: at least 1 when e >= s, in
     * [0, 1] when e < s (so the replayed lr moves one way until the step total, whose ratio - 0 exactly when e is 0,
     * computed perhaps just below - starts a piece of its own). The real ratio f(l) / f(l - 1) of the line is at
     * least 1/2 where it falls (factors in [0, 1], f(l - 1) >= s / total), and the computed one is within a relative
     * 2^-10 of it while total <= 2^40 and s is a normal double far from underflow.
     */
    public static boolean oneSided(double startFactor, long total) {
        return total <= 1L << 40 && startFactor >= 0x1p-900;
    }
}

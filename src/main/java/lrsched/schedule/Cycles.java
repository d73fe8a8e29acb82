package lrsched.schedule;

/** Locating a step among cycles whose lengths grow geometrically (SGDR-style restarts), in constant time. */
public final class Cycles {
    private Cycles() {}

    /** Cycle {@code index} (0-based), {@code offset} steps into it, of {@code length} steps. */
    public record Position(long index, double offset, double length) {}

    /**
     * Where step {@code u} falls when the first cycle has {@code period} steps and each next one is {@code mult}
     * times longer.
     */
    public static Position locate(long u, double period, double mult) {
        if (mult == 1) {
            long i = (long) Math.floor(u / period);
            return new Position(i, u - i * period, period);
        }
        long i = (long) Math.floor(Math.log1p(u * (mult - 1) / period) / Math.log(mult));
        // correct floating-point error at cycle boundaries
        while (i > 0 && start(i, period, mult) > u) {
            i--;
        }
        while (start(i + 1, period, mult) <= u) {
            i++;
        }
        double begin = start(i, period, mult);
        return new Position(i, u - begin, period * Math.pow(mult, i));
    }

    private static double start(long i, double period, double mult) {
        return period * (Math.pow(mult, i) - 1) / (mult - 1);
    }
}

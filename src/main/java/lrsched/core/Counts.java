package lrsched.core;

/** Counts in messages: "1 curve", "2 curves", so that no message says "1 curves". */
public final class Counts {
    private Counts() {}

    /** {@code n} and the noun, with an s unless {@code n} is 1: {@code of(1, "step")} is "1 step". */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code n} and the noun in the form that agrees with it: {@code of(2, "batch", "batches")}. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The verb agreeing with {@code n} things: {@code verb(1, "matches", "match")} is "matches". */
    public static String verb(long n, String singular, String plural) {
        return n == 1 ? singular : plural;
    }
}

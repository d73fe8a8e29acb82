package lrsched.schedule;

import java.util.Arrays;
import lrsched.core.Libm;

/** Small pure helpers shared by the native families and the library-faithful types. */
public final class Shapes {
    private Shapes() {}

    /** {@code p} limited to [0, 1]. */
    public static double clamp01(double p) {
        return p < 0 ? 0 : (p > 1 ? 1 : p);
    }

    /** Straight line from {@code from} (p = 0) to {@code to} (p = 1). */
    public static double linear(double from, double to, double p) {
        return from + (to - from) * p;
    }

    /** Half cosine from {@code from} (p = 0) to {@code to} (p = 1). */
    public static double cosine(double from, double to, double p) {
        return to + (from - to) * 0.5 * (1 + Libm.cos(Math.PI * p));
    }

    /** How many of the sorted {@code marks} are at or below {@code t} (repeated marks count each time). */
    public static int countAtOrBelow(long[] sortedMarks, long t) {
        int i = Arrays.binarySearch(sortedMarks, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sortedMarks.length && sortedMarks[i + 1] == t) {
            i++;
        }
        return i + 1;
    }
}

package lrsched.input.log;

/**
 * Sorts logged points by step, keeping the last value (in the order given) of a step that occurs more than once.
 *
 * <p>A natural merge sort: it merges the runs of ascending steps the points already form. A log of a job that was
 * restarted a few times is a few such runs, and sorts in a few linear passes. The merge is stable, so among equal
 * steps the one given last stays last, and wins.
 */
final class StepSort {
    private StepSort() {
    }

    /**
     * Sorts the first {@code n} points by step and removes repeated steps, keeping each step's last value.
     *
     * @return the number of distinct steps, now at the front of both arrays in increasing order
     */
    static int sortKeepingLast(long[] steps, double[] values, int n) {
        int[] runs = runStarts(steps, n);
        int runCount = runs.length - 1;
        if (runCount > 1) {
            long[] fromSteps = steps, toSteps = new long[n];
            double[] fromValues = values, toValues = new double[n];
            while (runCount > 1) {
                int merged = 0;
                for (int r = 0; r < runCount; r += 2) {
                    int lo = runs[r], mid = runs[Math.min(r + 1, runCount)], hi = runs[Math.min(r + 2, runCount)];
                    merge(fromSteps, fromValues, lo, mid, hi, toSteps, toValues);
                    runs[merged++] = lo;
                }
                runs[merged] = n;
                runCount = merged;
                long[] s = fromSteps;
                fromSteps = toSteps;
                toSteps = s;
                double[] v = fromValues;
                fromValues = toValues;
                toValues = v;
            }
            if (fromSteps != steps) {
                System.arraycopy(fromSteps, 0, steps, 0, n);
                System.arraycopy(fromValues, 0, values, 0, n);
            }
        }
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && steps[i + 1] == steps[i]) {
                continue; // a later value of the same step follows
            }
            steps[distinct] = steps[i];
            values[distinct++] = values[i];
        }
        return distinct;
    }

    /** Where each ascending run starts, followed by {@code n}. */
    private static int[] runStarts(long[] steps, int n) {
        int count = 1;
        for (int i = 1; i < n; i++) {
            if (steps[i] < steps[i - 1]) {
                count++;
            }
        }
        int[] starts = new int[count + 1];
        int k = 1;
        for (int i = 1; i < n; i++) {
            if (steps[i] < steps[i - 1]) {
                starts[k++] = i;
            }
        }
        starts[count] = n;
        return starts;
    }

    /** Merges [lo, mid) and [mid, hi) into the same positions of the target; equal steps keep their order. */
    private static void merge(long[] steps, double[] values, int lo, int mid, int hi, long[] toSteps,
                              double[] toValues) {
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
            if (steps[j] < steps[i]) {
                toSteps[k] = steps[j];
                toValues[k++] = values[j++];
            } else {
                toSteps[k] = steps[i];
                toValues[k++] = values[i++];
            }
        }
        System.arraycopy(steps, i, toSteps, k, mid - i);
        System.arraycopy(values, i, toValues, k, mid - i);
        k += mid - i;
        System.arraycopy(steps, j, toSteps, k, hi - j);
        System.arraycopy(values, j, toValues, k, hi - j);
    }
}

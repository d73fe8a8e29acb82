package lrsched.input.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class StepSortTest {

    @Test
    void restartedLogSortsAndTheLaterValueOfARepeatedStepWins() {
        // steps 0..5 logged, the job restarts from step 3 and logs 3..7 with other values
        long[] steps = {0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7};
        double[] values = {0, 1, 2, 3, 4, 5, 30, 40, 50, 60, 70};
        int n = StepSort.sortKeepingLast(steps, values, steps.length);
        assertThat(Arrays.copyOf(steps, n)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(Arrays.copyOf(values, n)).containsExactly(0, 1, 2, 30, 40, 50, 60, 70);
    }

    @Test
    void sortedInputStaysAndAdjacentRepeatsKeepTheLast() {
        long[] steps = {1, 2, 2, 2, 9};
        double[] values = {1, 2, 3, 4, 5};
        int n = StepSort.sortKeepingLast(steps, values, 5);
        assertThat(Arrays.copyOf(steps, n)).containsExactly(1, 2, 9);
        assertThat(Arrays.copyOf(values, n)).containsExactly(1, 4, 5);
    }

    @Test
    void onlyTheFirstNPointsAreTouched() {
        long[] steps = {5, 1, 99};
        double[] values = {5, 1, 99};
        assertThat(StepSort.sortKeepingLast(steps, values, 2)).isEqualTo(2);
        assertThat(steps).containsExactly(1, 5, 99);
        assertThat(StepSort.sortKeepingLast(new long[0], new double[0], 0)).isZero();
    }

    @Test
    void shuffledPointsMatchAMapThatKeepsTheLastValue() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(300);
            long[] steps = new long[n];
            double[] values = new double[n];
            TreeMap<Long, Double> expected = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                steps[i] = random.nextInt(100);
                values[i] = i;
                expected.put(steps[i], values[i]);
            }
            int m = StepSort.sortKeepingLast(steps, values, n);
            assertThat(Arrays.copyOf(steps, m)).containsExactly(expected.keySet().stream().mapToLong(Long::longValue)
                    .toArray());
            assertThat(Arrays.copyOf(values, m)).containsExactly(expected.values().stream()
                    .mapToDouble(Double::doubleValue).toArray());
        }
    }
}

package lrsched.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import lrsched.core.Curve;
import lrsched.core.InputException;

class EachCurveTest {
    @Test
    void resultsComeBackInCurveOrder() {
        List<Curve> curves = IntStream.range(0, 64).mapToObj(i -> new Curve("c" + i, step -> i * step)).toList();
        assertThat(EachCurve.map(curves, c -> c.name() + "=" + c.schedule().at(2)))
                .isEqualTo(IntStream.range(0, 64).mapToObj(i -> "c" + i + "=" + (2.0 * i)).toList());
    }

    @Test
    void theFirstFailureInCurveOrderIsThrownNotTheFirstToHappen() {
        // curve "slow" fails a while after curve "fast" has failed on another thread
        List<Curve> curves = List.of(new Curve("ok", step -> 1), new Curve("slow", step -> {
            sleep(300);
            throw new InputException("slow failed");
        }), new Curve("fast", step -> {
            throw new InputException("fast failed");
        }));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> EachCurve.map(curves, c -> c.schedule().at(0))).hasMessage("slow failed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

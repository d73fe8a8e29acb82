package lrsched.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import lrsched.core.Curve;
import lrsched.core.Pieces;
import lrsched.core.Schedule;
import lrsched.core.StepSelection;
import lrsched.output.CurveSampler;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;

class CompositeTest {
    private static final Schedule WARMUP = Flags.schedule("type=constant,lr=1,warmup=1000");
    private static final Schedule COSINE = Flags.schedule("type=cosine,lr=0.1,min_lr=0.001,total=10000000");
    private static final Schedule STAIRS = Flags.schedule("type=step,lr=1,step_size=999983,gamma=0.5");

    private static void assertPiecesChartLikeEveryStep(Schedule s, long from, long to) {
        Curve c = new Curve("c", s);
        assertThat(s.pieces().known()).isTrue();
        assertThat(CurveSampler.byPieces(c, from, to, 1600))
                .isEqualTo(CurveSampler.everyStep(c, new StepSelection.Range(from, to, 1), 1600));
    }

    @Test
    void aProductOfFactorsFallingTogetherIsOnePiecePerCommonPiece() {
        Schedule s = Composite.product(List.of(COSINE, STAIRS));
        assertPiecesChartLikeEveryStep(s, 9_000_000, 10_500_000);
        // both fall everywhere (stairs are monotone too): one span, at most as long again as its start
        assertThat(s.pieces().next(3_000_000)).isEqualTo(6_000_000);
    }

    @Test
    void aRisingFactorTimesAFallingOneIsAPieceAStepUntilOneOfThemStops() {
        Schedule s = Composite.product(List.of(WARMUP, COSINE));
        Pieces p = s.pieces();
        assertThat(p.next(10)).isEqualTo(11);
        assertThat(p.next(999)).isEqualTo(1000);
        assertThat(p.next(5000)).isGreaterThan(5001);
        assertPiecesChartLikeEveryStep(s, 0, 300_000);
    }

    @Test
    void aNegativeFactorMakesEachStepAPiece() {
        Schedule negative = Flags.schedule("type=expr,formula=\"-1\"").withPieces(Pieces.ONE);
        assertThat(Composite.product(List.of(negative, COSINE)).pieces().next(500)).isEqualTo(501);
    }

    @Test
    void aFactorWithoutPiecesLeavesTheProductWithout() {
        Schedule formula = Flags.schedule("type=expr,formula=\"0.5 ** step\"");
        assertThat(Composite.product(List.of(formula, COSINE)).pieces().known()).isFalse();
    }
}

package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiecesTest {

    @Test
    void anIndexThatNeverChangesAgainEndsItsPieceAtTheLastStep() {
        // the galloping search doubles its stride up to 2^62 and must stop there, not wrap to a negative stride
        Pieces p = Pieces.whereChanges(0, step -> step < 10 ? 0 : 1);
        assertThat(p.next(0)).isEqualTo(10);
        assertThat(p.next(10)).isEqualTo(Long.MAX_VALUE);
        assertThat(p.next(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anIndexChangingFarAwayIsFoundExactly() {
        long far = (1L << 62) + 12345;
        Pieces p = Pieces.whereChanges(5, step -> step < far ? 0 : 1);
        assertThat(p.next(0)).isEqualTo(5);
        assertThat(p.next(5)).isEqualTo(far);
    }

    @Test
    void fromTheLimitOnEveryStepIsAPieceOfItsOwn() {
        Pieces p = Pieces.at(10, 100).everyStepFrom(50);
        assertThat(p.next(0)).isEqualTo(10);
        assertThat(p.next(10)).as("the piece from 10 ends at the limit").isEqualTo(50);
        assertThat(p.next(50)).isEqualTo(51);
        assertThat(p.next(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void phasesEndingAtRealStepsStartPiecesAtTheFirstWholeStepPastEach() {
        Pieces p = Pieces.past(2999.0, 5999.5, -1, 1e300);
        assertThat(p.next(0)).as("an end below 0 starts no piece after 0").isEqualTo(3000);
        assertThat(p.next(3000)).isEqualTo(6000);
        assertThat(p.next(6000)).as("an end past 2^63").isEqualTo(Long.MAX_VALUE);
    }
}

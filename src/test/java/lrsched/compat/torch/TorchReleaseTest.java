package lrsched.compat.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import lrsched.core.Versions;
import org.junit.jupiter.api.Test;

/** Each torch release has exactly the changes whose first release it has reached. */
class TorchReleaseTest {
    private static TorchRelease release(String text) {
        return TorchRelease.of(Versions.Version.parse(text).orElseThrow());
    }

    @Test
    void torch113HasNoneOfTheChanges() {
        assertThat(release("1.13").changes()).isEmpty();
        assertThat(release("1.13.1").changes()).isEmpty();
    }

    @Test
    void torch20To23HaveOnlyLinearLrsCheckAndOneCycleLrsCount() {
        for (String v : new String[] {"2.0", "2.2.2", "2.3"}) {
            assertThat(release(v).changes()).as(v).containsExactlyInAnyOrder(
                    TorchChange.LINEAR_START_FACTOR_POSITIVE, TorchChange.ONE_CYCLE_STEP_COUNT);
        }
    }

    @Test
    void torch24And25AddTheMessages() {
        assertThat(release("2.4").changes()).containsExactlyInAnyOrder(TorchChange.LINEAR_START_FACTOR_POSITIVE,
                TorchChange.ONE_CYCLE_STEP_COUNT, TorchChange.CHAINED_EMPTY_MESSAGE, TorchChange.ONE_CYCLE_MESSAGES);
        assertThat(release("2.5.1").changes()).isEqualTo(release("2.4").changes());
    }

    @Test
    void torch26To28AddRecursiveUndo() {
        for (String v : new String[] {"2.6", "2.7", "2.8.0"}) {
            assertThat(release(v).changes()).as(v).isEqualTo(EnumSet.complementOf(EnumSet.of(
                    TorchChange.INITIAL_MODE, TorchChange.UPDATE_LR_AT_MILESTONE,
                    TorchChange.SEQUENTIAL_STARTS_ACTIVE_CHILD, TorchChange.SWALR_MESSAGE)));
        }
    }

    @Test
    void torch29To212AddSequentialLrsUpdateLrAndInitialMode() {
        for (String v : new String[] {"2.9", "2.12.1"}) {
            assertThat(release(v).changes()).as(v).isEqualTo(EnumSet.complementOf(EnumSet.of(
                    TorchChange.SEQUENTIAL_STARTS_ACTIVE_CHILD, TorchChange.SWALR_MESSAGE)));
        }
    }

    @Test
    void torch213AndLaterHaveEveryChangeAsTheNewestDoes() {
        assertThat(release("2.13").changes()).isEqualTo(TorchRelease.NEWEST.changes());
        assertThat(release("2.14.1").changes()).isEqualTo(TorchRelease.NEWEST.changes());
        assertThat(TorchRelease.NEWEST.changes()).containsExactlyInAnyOrder(TorchChange.values());
    }

    @Test
    void aChangeNamesItsFirstRelease() {
        assertThat(TorchChange.RECURSIVE_UNDO.firstRelease()).isEqualTo("2.6");
        assertThat(TorchChange.UPDATE_LR_AT_MILESTONE.firstRelease()).isEqualTo("2.9");
    }
}

package lrsched.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestTest {
    private static final List<String> NAMES = List.of("cosine", "cosine_restarts", "constant", "torch.OneCycleLR",
            "num_train_epochs", "warmup", "cos", "linear", "total_steps");

    @ParameterizedTest
    @CsvSource({"cosin, cosine", "cosine_restart, cosine_restarts", "OneCycleLR, torch.OneCycleLR",
            "onecyclelr, torch.OneCycleLR", "num_epochs, num_train_epochs", "warm, warmup", "totl_steps, total_steps",
            "linaer, linear"})
    void suggestsTheIntendedName(String typed, String expected) {
        assertThat(Suggest.closest(typed, NAMES)).hasValue(expected);
    }

    @ParameterizedTest
    @CsvSource({"banana", "x", "schedules_and_more"})
    void staysQuietWhenNothingIsClose(String typed) {
        assertThat(Suggest.closest(typed, NAMES)).isEmpty();
    }
}

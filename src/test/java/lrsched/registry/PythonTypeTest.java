package lrsched.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.testing.Flags;
import org.junit.jupiter.api.Test;

/**
 * Libraries that check isinstance: PyTorch OneCycleLR raises "Expected float between 0 and 1 pct_start, but got 1"
 * for the int 1 (torch/optim/lr_scheduler.py); DeepSpeed raises for warmup_num_steps=10.0 (not an int).
 */
class PythonTypeTest {

    @Test
    void anIntWhereTheLibraryWantsAFloatIsRefused() {
        assertThatThrownBy(() -> Flags.schedule("type=torch.OneCycleLR,max_lr=1,total_steps=10,pct_start=1"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("pct_start must be a float, not the int 1 (the library checks the type); "
                        + "write 1.0");
        assertThat(Flags.schedule("type=torch.OneCycleLR,max_lr=1,total_steps=10,pct_start=0.5").at(0)).isPositive();
    }

    @Test
    void aFloatWhereTheLibraryWantsAnIntIsRefused() {
        assertThatThrownBy(() -> Flags.schedule("type=deepspeed.WarmupLR,lr=1,warmup_num_steps=10.0"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("warmup_num_steps must be an int, not the float 10.0");
        assertThat(Flags.schedule("type=deepspeed.WarmupLR,lr=1,warmup_num_steps=10").at(20)).isPositive();
    }

    @Test
    void nativeTypesTakeEitherSpelling() {
        assertThat(Flags.schedule("type=cosine,lr=1,total=100.0").at(50)).isEqualTo(0.5);
        assertThat(Flags.schedule("type=cosine,lr=1.0,total=100").at(50)).isEqualTo(0.5);
    }
}

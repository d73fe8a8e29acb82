package lrsched.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lrsched.core.InputException;
import lrsched.core.Node;
import lrsched.input.document.TreeReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trainer arithmetic against hand computation with the formulas of transformers' Trainer (>= 4.46:
 * updates per epoch = ceil(batches / gradient_accumulation_steps); warmup = ceil(max_steps * warmup_ratio)).
 */
class TrainingRunTest {

    private static TrainingRun.Sizes sizes(String flow) {
        return TrainingRun.of((Node.MapNode) TreeReader.read("t", flow, false).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // 10000/16 = 625 batches; /4 devices = 157 (156.25 up); /2 = 79 (78.5 up); x3 = 237; warmup ceil(23.7) = 24
            "{dataset_size: 10000, per_device_batch_size: 16, num_devices: 4, gradient_accumulation_steps: 2, "
                    + "num_train_epochs: 3, warmup_ratio: 0.1} | 237 | 24 | 79",
            // defaults: batch 8, 3 epochs: 100/8 = 13 (12.5 up) x 3 = 39, no warmup
            "{dataset_size: 100} | 39 | 0 | 13",
            // drop_last: 100/8 = 12 batches x 3 = 36
            "{dataset_size: 100, dataloader_drop_last: true} | 36 | 0 | 12",
            // fractional epochs: ceil(2.5 * 13) = 33 (32.5 up)
            "{dataset_size: 100, num_train_epochs: 2.5} | 33 | 0 | 13",
            // max_steps wins over epochs; warmup_steps wins over warmup_ratio
            "{dataset_size: 100, max_steps: 500, warmup_steps: 50, warmup_ratio: 0.5} | 500 | 50 | 13",
            // transformers 5: warmup_steps below 1 is a ratio: ceil(39 * 0.05) = 2 (1.95 up)
            "{dataset_size: 100, warmup_steps: 0.05} | 39 | 2 | 13",
            // warmup_ratio 1 is the whole run, ceil(39 * 1.0) (warmup_steps 1.0 would be one step)
            "{dataset_size: 100, warmup_ratio: 1} | 39 | 39 | 13",
            "{dataset_size: 100, warmup_steps: 1.0} | 39 | 1 | 13",
            // accumulation larger than the epoch still makes one update per epoch
            "{dataset_size: 10, gradient_accumulation_steps: 64} | 3 | 0 | 1",
    })
    void sizesTheRunAsTheTrainerDoes(String block, long steps, long warmup, long perEpoch) {
        TrainingRun.Sizes s = sizes(block);
        assertThat(s.numTrainingSteps()).isEqualTo(steps);
        assertThat(s.numWarmupSteps()).isEqualTo(warmup);
        assertThat(s.updatesPerEpoch()).isEqualTo(perEpoch);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{per_device_batch_size: 8}                        | missing required parameter 'dataset_size'",
            "{dataset_size: 100, warmup_ratio: 1.5}            | warmup_ratio must be in [0, 1], not 1.5",
            "{dataset_size: 100, warmup_steps: 10.5}           | warmup_steps: must be a whole number of steps",
            "{dataset_size: 3, num_devices: 8, dataloader_drop_last: true} | dataset_size: gives no complete batch",
            "{dataset_size: 100, num_epochs: 3}                | unknown parameter 'num_epochs'; did you mean 'num_train_epochs'?",
    })
    void explainsMistakes(String block, String message) {
        assertThatThrownBy(() -> sizes(block)).isInstanceOf(InputException.class).hasMessageContaining(message);
    }
}

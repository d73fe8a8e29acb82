package lrsched.input.config;

import java.util.List;

import lrsched.core.InputException;
import lrsched.core.Location;

/**
 * {@code len()} of Paddle's DistributedBatchSampler (PaddlePaddle/Paddle python/paddle/io/dataloader/batch_sampler.py
 * at 01fbd77c319d09de4211282672149f2d8e0b18ac), which PaddleOCR's and PaddleClas's build_dataloader and
 * PaddleDetection's BaseDataLoader batch the training set with: per process {@code ceil(dataset_size /
 * num_devices)} samples, then batches of {@code batch_size}, the last one kept unless drop_last.
 */
public final class PaddleBatches {
    private PaddleBatches() {}

    /**
     * The batches one process iterates per epoch, with the two facts that explain them ({@code name} is what the
     * framework calls the count: step_each_epoch, steps_per_epoch); refuses a count of 0, blaming {@code at}.
     */
    public static long count(long datasetSize, long devices, long batch, boolean dropLast, String name,
                             Location at, List<Imported.Fact> facts) {
        long perDevice = (datasetSize + devices - 1) / devices;
        long batches = dropLast ? perDevice / batch : (perDevice + batch - 1) / batch;
        if (batches < 1) {
            throw new InputException(at, "dataset_size " + datasetSize + " gives " + perDevice + " samples per "
                    + "device, no full batch of " + batch + " with drop_last, so no iteration; check --run "
                    + "dataset_size and num_devices");
        }
        facts.add(new Imported.Fact("samples per device", Long.toString(perDevice), "ceil(" + datasetSize + " / "
                + devices + ")"));
        facts.add(new Imported.Fact(name, Long.toString(batches), (dropLast ? "floor(" : "ceil(") + perDevice + " / "
                + batch + ")" + (dropLast ? " (drop_last)" : "") + " = len(" + (!name.equals("steps_per_epoch")
                ? "train_dataloader" : "TrainReader") + ")"));
        return batches;
    }
}

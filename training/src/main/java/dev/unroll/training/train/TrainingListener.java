package dev.unroll.training.train;

import dev.unroll.model.ModelSpec;

/** Hears a training run's progress. Every method has an empty default. Called on the training thread. */
public interface TrainingListener {

  /** Before the first step; {@code startEpoch} is 0 unless resuming. */
  default void onStart(ModelSpec spec, TrainingConfig config, int batchesPerEpoch, int startEpoch) {}

  /** After each optimizer step. */
  default void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {}

  /** After each epoch's validation. */
  default void onEpoch(EpochReport report) {}

  /** After the last epoch, once the best weights are back in the network. */
  default void onEnd(TrainingResult result) {}
}

package dev.unroll.training.train;

import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param history one report per epoch trained in this run (and earlier runs, when resumed)
 * @param bestEpoch 1-based epoch whose weights the network now holds (the last, without validation)
 * @param best validation figures of that epoch, or null without validation data
 * @param stoppedEarly whether early stopping ended training before the planned epochs
 * @param resumed whether this run continued from a checkpoint
 */
public record TrainingResult(List<EpochReport> history, int bestEpoch, Metrics best, boolean stoppedEarly, boolean resumed) {
  public TrainingResult {
    history = List.copyOf(history);
  }
}

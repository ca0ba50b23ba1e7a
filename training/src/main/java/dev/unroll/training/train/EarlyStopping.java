package dev.unroll.training.train;

/**
 * Early stopping as a value: the best validation loss so far, the epoch that reached it and a copy
 * of its weights, and how many epochs have passed without improving on it.
 *
 * @param bestLoss the lowest validation loss so far ({@code +Infinity} before the first)
 * @param bestEpoch the 1-based epoch whose weights are kept (the last one, without validation data)
 * @param badEpochs epochs since the validation loss last improved
 * @param bestWeights the weights after {@code bestEpoch}, or {@code null} without validation data
 */
record EarlyStopping(double bestLoss, int bestEpoch, int badEpochs, float[] bestWeights) {
  /** Before the first epoch. */
  static final EarlyStopping START = new EarlyStopping(Double.POSITIVE_INFINITY, 0, 0, null);

  /** Whether {@code validation} (null without validation data) improves on the best loss. */
  boolean improvedBy(Metrics validation) {
    return validation != null && validation.loss() < bestLoss;
  }

  /**
   * The state after epoch {@code epoch} (1-based) ended with {@code validation} (null without
   * validation data: every epoch counts as the best, and no weights are copied) and {@code weights}.
   */
  EarlyStopping after(int epoch, Metrics validation, float[] weights) {
    if (validation == null) {
      return new EarlyStopping(bestLoss, epoch, badEpochs, bestWeights);
    }
    if (improvedBy(validation)) {
      return new EarlyStopping(validation.loss(), epoch, 0, weights.clone());
    }
    return new EarlyStopping(bestLoss, bestEpoch, badEpochs + 1, bestWeights);
  }

  /** Whether {@code patience} epochs (0: never) have passed without improvement. */
  boolean exhausted(int patience) {
    return patience > 0 && badEpochs >= patience;
  }
}

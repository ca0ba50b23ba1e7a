package dev.unroll.training.train;

/**
 * Training stopped because it diverged: a loss or a parameter became NaN or infinite, or the
 * validation loss exploded (see {@link DivergenceGuard}). The message names the epoch and step
 * and the usual remedies. Nothing was saved after the divergence, so an earlier model stays.
 */
public final class TrainingDivergedException extends IllegalStateException {
  private final int epoch;
  private final long step;

  TrainingDivergedException(String message, int epoch, long step) {
    super(message);
    this.epoch = epoch;
    this.step = step;
  }

  /** The 1-based epoch in which training diverged. */
  public int epoch() {
    return epoch;
  }

  /** The optimizer step (1-based, counted over the whole run) after which it was detected. */
  public long step() {
    return step;
  }
}

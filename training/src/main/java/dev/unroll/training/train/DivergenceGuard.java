package dev.unroll.training.train;

/**
 * Stops a run that diverged before anything it produced can be saved: the loss of every batch
 * and every parameter after every optimizer update must be finite, and a validation loss must not
 * exceed {@value #EXPLOSION_FACTOR} times the lowest seen so far in the run (the untrained
 * model's included). A loss that grows that much has left any plausible training curve (a model
 * 100 times worse than its own initialisation or best epoch), while overfitting or a noisy epoch
 * stays far below it.
 */
public final class DivergenceGuard {
  /** A validation loss above this multiple of the lowest one so far stops the run. */
  public static final double EXPLOSION_FACTOR = 100;

  static final String REMEDIES = "lower learningRate (e.g. by 10x), set clipNorm (e.g. 1 to 5) or clipValue,"
      + " or standardise the data (normalize); the earlier model is kept";

  private DivergenceGuard() {}

  /** Fails if the training loss of a batch is not finite. */
  static void checkLoss(String model, float loss, int epoch, long step) {
    if (!Float.isFinite(loss)) {
      throw new TrainingDivergedException(model + ": training diverged in epoch " + epoch + " at step " + step
          + ": the batch loss became " + loss + "; " + REMEDIES, epoch, step);
    }
  }

  /** Fails if a parameter is not finite after the update of {@code step}; names the first. */
  static void checkParameters(String model, float[] parameters, int epoch, long step) {
    for (int i = 0; i < parameters.length; i++) {
      float p = parameters[i];
      // p - p is 0 for finite p and NaN for NaN or an infinity: one test per element.
      if (p - p != 0) {
        throw new TrainingDivergedException(model + ": training diverged in epoch " + epoch + " at step " + step
            + ": parameter " + i + " became " + p + " after the optimizer update; " + REMEDIES, epoch, step);
      }
    }
  }

  /**
   * Fails if the validation loss is not finite or exceeds {@link #EXPLOSION_FACTOR} times
   * {@code lowest} (the lowest validation loss so far, NaN or infinite when none).
   */
  static void checkValidation(String model, double loss, double lowest, int epoch, long step) {
    if (!Double.isFinite(loss)) {
      throw new TrainingDivergedException(model + ": training diverged in epoch " + epoch + " (step " + step
          + "): the validation loss became " + loss + "; " + REMEDIES, epoch, step);
    }
    if (Double.isFinite(lowest) && loss > EXPLOSION_FACTOR * lowest) {
      throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
          "%s: training diverged in epoch %d (step %d): the validation loss %.6g is more than %.0f times the"
              + " lowest so far (%.6g); %s", model, epoch, step, loss, EXPLOSION_FACTOR, lowest, REMEDIES), epoch, step);
    }
  }
}

package dev.unroll.maven.config;

import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.training.train.TrainingConfig;
import java.util.Locale;

/**
 * How one model is trained, after the annotation's defaults, the POM and {@code -Drnn.*}
 * properties have been merged: every registered training setting, and the thread count.
 *
 * @param spec the training settings, one per {@link TrainingSetting}
 * @param threads data-parallel threads
 */
public record TrainingSettings(TrainingSpec spec, int threads) {

  /** The trainer's configuration: the model's trainer defaults for these settings, on this many threads. */
  public TrainingConfig toConfig(ModelSpec model) {
    return TrainingConfig.of(model.withTraining(spec)).withThreads(threads);
  }

  /**
   * Every setting that changes what training computes, one {@code name=value} per line in the
   * registry's order, for the fingerprint. The data file is fingerprinted with the data settings;
   * the thread count is left out: it changes only the order of float sums, and a model must not
   * retrain because the build moved to a machine with more cores.
   */
  public String canonical() {
    StringBuilder out = new StringBuilder();
    for (TrainingSetting s : TrainingSetting.values()) {
      if (s != TrainingSetting.DATA) {
        out.append(s.key()).append('=').append(String.format(Locale.ROOT, "%s", spec.value(s))).append('\n');
      }
    }
    return out.toString();
  }
}

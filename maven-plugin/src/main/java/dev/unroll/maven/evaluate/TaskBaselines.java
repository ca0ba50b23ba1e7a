package dev.unroll.maven.evaluate;

import dev.unroll.maven.data.TestData;
import dev.unroll.maven.data.TrainingData;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@link Baselines} of a model's task on the data its figures come from: the validation data
 * split off as the trainer splits it, or the test data, fitted on the training data.
 */
public final class TaskBaselines {
  /** The card extra listing the baselines on the validation data. */
  public static final String EXTRA = "baselines";

  private TaskBaselines() {}

  /**
   * The baselines on the validation data the trainer measures: the series' own validation windows,
   * else the last {@code validationSplit} of a stream or the sequences {@code split(validationSplit,
   * seed)} holds out. Empty without validation data.
   */
  public static List<Baseline> onValidation(TrainingData data, double validationSplit, long seed) {
    if (data.rawValidation() != null) {
      return Baselines.forecast(data.rawValidation(), data.extras());
    }
    if (data.stream() != null) {
      if (validationSplit <= 0) {
        return List.of();
      }
      StreamDataset[] parts = data.stream().split(validationSplit);
      return List.of(Baselines.unigram(parts[0], parts[1]));
    }
    SequenceDataset[] parts = data.sequenceParts(validationSplit, seed);
    if (parts == null) {
      return List.of();
    }
    return classes(parts[0], parts[1]);
  }

  /**
   * The baselines on test data.
   *
   * @param training the training data (what the baselines learn from), or {@code null} when it
   *     cannot be read: then only the forecasting baselines, which learn nothing, are given
   * @param extras the trained model's card extras (columns, horizon)
   */
  public static List<Baseline> onTest(TrainingData training, TestData test, Map<String, String> extras) {
    if (test.raw() != null) {
      return Baselines.forecast(test.raw(), extras);
    }
    if (training == null) {
      return List.of();
    }
    if (test.stream() != null && training.stream() != null) {
      return List.of(Baselines.unigram(training.stream(), test.stream()));
    }
    return training.train() == null || test.sequences() == null ? List.of() : classes(training.train(), test.sequences());
  }

  private static List<Baseline> classes(SequenceDataset fit, SequenceDataset evaluated) {
    if (!fit.hasClassTargets()) {
      return List.of();
    }
    if (fit.conditionSize() > 0) {
      // Texts written from a feature vector, scored in bits per character like a text model.
      return List.of(Baselines.unigram(fit, evaluated));
    }
    return List.of(fit.perStepTargets() ? Baselines.majorityTagPerWord(fit, evaluated)
        : Baselines.majorityClass(fit, evaluated));
  }

  /** The baselines next to the model's figures, {@code "; "}-separated; empty when there are none. */
  public static String describe(List<Baseline> baselines, Map<String, Double> figures) {
    StringJoiner j = new StringJoiner("; ");
    for (Baseline b : baselines) {
      Double model = figures.get(b.figure());
      if (model != null) {
        j.add(b.describe(model));
      }
    }
    return j.toString();
  }
}

package dev.unroll.maven.data;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Loss;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads one data format ({@link DataFormat#reader()}): training data for a declared model, and test
 * data the way a trained model's data was read. A reader throws {@link IllegalArgumentException}
 * or {@link dev.unroll.training.data.MalformedDataException} for bad data; {@link DataLoading} turns
 * both into one line naming the model, the file and the setting.
 */
public interface DataReader {

  /** What a file of this format is, for messages ("point <data> at ..."). */
  String description();

  /**
   * What a declaration needs to learn from this format, e.g. {@code "DENSE input, a LINEAR head and
   * MSE loss (forecasting)"}, or {@code null} when {@code spec} fits.
   */
  String needs(ModelSpec spec);

  /** Reads and encodes the plan's training data ({@code plan.data().data()}, which exists). */
  TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException;

  /** Reads the plan's test data with the trained model's vocabulary, labels and normalisation. */
  TestData test(ModelPlan plan, TrainedModel model) throws IOException;

  /**
   * Whether {@code spec} maps symbols to classes: ONE_HOT or EMBEDDING input, a SOFTMAX head of
   * {@code mode} and CROSS_ENTROPY loss.
   */
  static boolean symbolsToClasses(ModelSpec spec, HeadMode mode) {
    return spec.input().kind().symbolic() && spec.loss() == Loss.CROSS_ENTROPY
        && spec.head().activation() == Activation.SOFTMAX && spec.head().mode() == mode;
  }

  /**
   * {@code null} when {@code spec} maps symbols to classes with a head of {@code mode}, else what it
   * needs to learn {@code purpose} ({@link #needs}).
   */
  static String symbolsToClasses(ModelSpec spec, HeadMode mode, String purpose) {
    return symbolsToClasses(spec, mode) ? null : symbolsToClassesNeed(mode, purpose);
  }

  /** What mapping symbols to classes with a head of {@code mode} needs, for {@link #needs}. */
  static String symbolsToClassesNeed(HeadMode mode, String purpose) {
    return "ONE_HOT or EMBEDDING input, a SOFTMAX " + mode + " head and CROSS_ENTROPY loss (" + purpose + ")";
  }

  /**
   * The trained model's input vocabulary, by which its test data is read.
   *
   * @throws IllegalStateException if it has none (its artifacts are stale)
   */
  static Vocabulary vocabulary(TrainedModel model) {
    return model.vocabulary().orElseThrow(() -> new IllegalStateException(
        "the trained model has no vocabulary; train it again (mvn rnn:train -Drnn.force)"));
  }

  /** {@code n} with thousands separators, for the data summaries. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}

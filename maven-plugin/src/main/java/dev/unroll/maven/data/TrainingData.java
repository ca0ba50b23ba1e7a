package dev.unroll.maven.data;

import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingResult;
import java.util.Map;

/**
 * A model's training data, read and encoded, with what must be saved beside its weights to read
 * new data the same way.
 *
 * @param stream one long stream (text), or {@code null} for independent sequences
 * @param train the training sequences, or {@code null} for a stream
 * @param validation validation sequences split off already (chronologically, for series), or
 *     {@code null} to let the trainer hold out {@code validationSplit}
 * @param rawValidation for series: the validation windows unnormalised, to measure errors in the
 *     data's units; otherwise {@code null}
 * @param vocabulary the input symbols, or {@code null}
 * @param normalization the column statistics, or {@code null}
 * @param labels the output classes (tags, labels), or {@code null}
 * @param extras facts for the model card (columns, window, labels, ...)
 * @param targetScale the standard deviation of the single target column, to show regression
 *     errors in the data's units while training; {@code NaN} when not applicable
 * @param summary one line describing the data, for the log
 * @param samples training samples per epoch (tokens for a stream, sequences otherwise)
 */
public record TrainingData(
    StreamDataset stream,
    SequenceDataset train,
    SequenceDataset validation,
    SequenceDataset rawValidation,
    Vocabulary vocabulary,
    Normalization normalization,
    Vocabulary labels,
    Map<String, String> extras,
    double targetScale,
    String summary,
    long samples) {

  public TrainingData {
    extras = Map.copyOf(extras);
  }

  /**
   * Independent sequences of symbols, as the symbolic formats read them: the trainer holds out the
   * validation part, nothing is normalised, and the samples per epoch are the sequences.
   *
   * @param labels the output classes, or {@code null} when the targets are symbols themselves
   */
  public static TrainingData symbolSequences(SequenceDataset train, Vocabulary vocabulary, Vocabulary labels,
      Map<String, String> extras, String summary) {
    return new TrainingData(null, train, null, null, vocabulary, null, labels, extras, Double.NaN, summary,
        train.size());
  }

  /**
   * The sequences the trainer trains on and validates on, {@code {train, validation}}: the
   * validation split off already, else the part {@code split(validationSplit, seed)} holds out, as
   * the trainer splits it; {@code null} for a stream or without validation data.
   */
  public SequenceDataset[] sequenceParts(double validationSplit, long seed) {
    if (validation != null) {
      return new SequenceDataset[] {train, validation};
    }
    if (train == null || validationSplit <= 0) {
      return null;
    }
    return train.split(validationSplit, seed);
  }

  /** Runs the trainer over this data. */
  public TrainingResult fit(Trainer trainer) {
    return stream != null ? trainer.fit(stream, null) : trainer.fit(train, validation);
  }
}

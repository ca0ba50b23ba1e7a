package dev.unroll.maven.data;

import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.train.Metrics;
import dev.unroll.training.train.Trainer;

/**
 * A model's test data, encoded with the vocabulary and normalisation saved when it was trained.
 *
 * @param stream one long stream (text), or {@code null}
 * @param sequences independent sequences, or {@code null} for a stream
 * @param raw for series, the same windows unnormalised (for errors in the data's units); else
 *     {@code null}
 * @param summary one line describing the data, for the log
 */
public record TestData(StreamDataset stream, SequenceDataset sequences, SequenceDataset raw, String summary) {

  /** Independent sequences, with no unnormalised copy (every format but series and text). */
  public static TestData sequences(SequenceDataset sequences, String summary) {
    return new TestData(null, sequences, null, summary);
  }

  /** The trainer's figures over this data (regression errors in normalised units). */
  public Metrics evaluate(Trainer trainer) {
    return stream != null ? trainer.evaluate(stream) : trainer.evaluate(sequences);
  }
}

package dev.unroll.runtime.infer;

import dev.unroll.dsl.Activation;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.kernel.Softmax;

/**
 * What a prediction returns for a row of logits: the head's activation (softmax, sigmoid) or, for
 * a linear head, its outputs denormalised with the target columns of the normalisation.
 *
 * @param size outputs per row (O)
 * @param targetColumns normalisation column of each output, or {@code null} to leave outputs as
 *     they are
 */
record HeadOutputs(Activation activation, int size, Normalization normalization, int[] targetColumns) {

  /** The outputs of the row of logits at {@code from}, as a new array of O values. */
  float[] of(float[] logits, int from) {
    float[] out = new float[size];
    write(logits, from, out, 0);
    return out;
  }

  /** Writes the outputs of the row of logits at {@code from} into {@code out[to .. to+O)}. */
  void write(float[] logits, int from, float[] out, int to) {
    switch (activation) {
      case SOFTMAX -> Softmax.probabilities(logits, from, size, out, to);
      case SIGMOID -> {
        for (int j = 0; j < size; j++) {
          out[to + j] = (float) (1 / (1 + Math.exp(-(double) logits[from + j])));
        }
      }
      case LINEAR -> {
        for (int j = 0; j < size; j++) {
          float v = logits[from + j];
          out[to + j] = targetColumns == null ? v : normalization.denormalize(targetColumns[j], v);
        }
      }
      default -> throw new IllegalStateException("unknown activation " + activation);
    }
  }
}

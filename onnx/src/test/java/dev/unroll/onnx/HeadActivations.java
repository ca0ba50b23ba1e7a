package dev.unroll.onnx;

import dev.unroll.dsl.Activation;

/** Test support: the head activations, computed in double from Unroll's logits. */
final class HeadActivations {
  private HeadActivations() {}

  /** {@code activation} applied to every row of {@code width} logits. */
  static float[] apply(Activation activation, float[] logits, int width) {
    float[] out = new float[logits.length];
    for (int row = 0; row < logits.length / width; row++) {
      int at = row * width;
      switch (activation) {
        case SOFTMAX -> {
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < width; j++) {
            max = Math.max(max, logits[at + j]);
          }
          double sum = 0;
          for (int j = 0; j < width; j++) {
            sum += Math.exp(logits[at + j] - max);
          }
          for (int j = 0; j < width; j++) {
            out[at + j] = (float) (Math.exp(logits[at + j] - max) / sum);
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < width; j++) {
            out[at + j] = (float) (1 / (1 + Math.exp(-logits[at + j])));
          }
        }
        case LINEAR -> System.arraycopy(logits, at, out, at, width);
      }
    }
    return out;
  }
}

package dev.unroll.runtime.kernel;

/** Scalar activations shared by the cell kernels. */
final class Activations {
  private Activations() {}

  static float sigmoid(float x) {
    return 1f / (1f + (float) Math.exp(-x));
  }

  static float tanh(float x) {
    return (float) Math.tanh(x);
  }
}

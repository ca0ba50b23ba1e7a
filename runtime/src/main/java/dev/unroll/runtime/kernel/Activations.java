package dev.unroll.runtime.kernel;

/** Scalar activations shared by the cell kernels. */
final class Activations {
  private Activations() {}

  static float sigmoid(float x) {
    return 1f / (1f + (float) Math.exp(-x));
  }

  static float tanh(float x) {
    // Math.tanh is not intrinsified (about 40 ns); this form costs one exp, exact enough in double.
    double e = Math.exp(2.0 * Math.abs(x));
    return (float) Math.copySign(1.0 - 2.0 / (e + 1.0), x);
  }
}

package dev.unroll.training.optim;

import java.util.Arrays;

/**
 * Adam's bias correction {@code 1 - beta^t} for 1-based step {@code t}, with exactly the bits of
 * {@code 1 - StrictMath.pow(beta, t)} but without calling it in a step: on Java 17 {@code
 * StrictMath.pow} is a Java port of fdlibm that allocates three small arrays per call (96 bytes),
 * which were the only allocation of a training step. The values are computed once, with {@code
 * StrictMath.pow} itself, for every step until {@code beta^t <= 2^-54}; from there on {@code 1 -
 * beta^t} rounds to exactly 1 (the powers only fall, by a factor {@code beta} per step, far more
 * than their rounding error). A correctly rounded power (double-double arithmetic) was tried and
 * rejected: fdlibm's {@code pow} is not correctly rounded, and the corrections then differed in
 * 133 of the first 2 million steps for beta 0.999, which would have changed training's bits.
 *
 * <p>At most {@value #MAX_TABLE} values are kept (1 MB); a beta so close to 1 that its corrections
 * stay below 1 for longer ({@code beta > 0.99943}) calls {@code StrictMath.pow} after that step.
 */
final class BiasCorrection {
  /** Most steps tabulated: enough for every beta up to 0.99943 (PyTorch's default beta2 needs 37,400). */
  static final int MAX_TABLE = 1 << 17;
  /** Powers at or below this leave {@code 1 - beta^t} at exactly 1.0 (half an ulp of the doubles below 1). */
  private static final double NEGLIGIBLE = 0x1p-54;

  private final double beta;
  /** {@code table[t - 1] = 1 - StrictMath.pow(beta, t)}. */
  private final double[] table;
  /** Whether every later step's correction is exactly 1 (else later steps compute it). */
  private final boolean complete;

  BiasCorrection(double beta) {
    this.beta = beta;
    double[] values = new double[64];
    int n = 0;
    boolean ends = false;
    while (n < MAX_TABLE) {
      double power = StrictMath.pow(beta, n + 1);
      if (power <= NEGLIGIBLE) {
        ends = true;
        break;
      }
      if (n == values.length) {
        values = Arrays.copyOf(values, Math.min(2 * n, MAX_TABLE));
      }
      values[n++] = 1 - power;
    }
    this.table = Arrays.copyOf(values, n);
    this.complete = ends;
  }

  /** {@code 1 - StrictMath.pow(beta, t)} for {@code t >= 1}. */
  double at(long t) {
    if (t <= table.length) {
      return table[(int) (t - 1)];
    }
    return complete ? 1.0 : 1 - StrictMath.pow(beta, t);
  }
}

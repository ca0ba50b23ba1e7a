package dev.unroll.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The tabulated bias corrections are bit for bit {@code 1 - StrictMath.pow(beta, t)}, inside the
 * table, after it ends (exactly 1), and past the cap for a beta too close to 1 to tabulate.
 */
class BiasCorrectionTest {

  @Test
  void equalsStrictPowAtEveryStep() {
    for (double beta : new double[] {0, 0.5, 0.9, 0.95, 0.99, 0.999}) {
      BiasCorrection c = new BiasCorrection(beta);
      // Well past the end of every table here (0.999 ends at about step 37,400).
      for (long t = 1; t <= 100_000; t++) {
        assertEquals(Double.doubleToRawLongBits(1 - StrictMath.pow(beta, t)), Double.doubleToRawLongBits(c.at(t)),
            "beta " + beta + ", step " + t);
      }
    }
  }

  @Test
  void betaBeyondTheTableStillEqualsStrictPow() {
    double beta = 0.9999;
    BiasCorrection c = new BiasCorrection(beta);
    long cap = BiasCorrection.MAX_TABLE;
    for (long t : new long[] {1, 2, cap - 1, cap, cap + 1, 3 * cap, 1_000_000, 10_000_000}) {
      assertEquals(Double.doubleToRawLongBits(1 - StrictMath.pow(beta, t)), Double.doubleToRawLongBits(c.at(t)),
          "step " + t);
    }
  }
}

package dev.unroll.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;


/** The hand-computed cases' common start and helpers: p = [1, -2], g = [0.5, 0.25], lr = 0.1. */
final class Fixtures {
  static final float LR = 0.1f;
  static final float[] G = {0.5f, 0.25f};
  static final double TOLERANCE = 1e-6;

  private Fixtures() {}

  static float[] start() {
    return new float[] {1.0f, -2.0f};
  }

  /**
   * Runs one optimizer of this type from {@link #start()} with gradient G on every step and
   * checks the parameters after step 1 and after step 2.
   */
  static void assertTwoSteps(
      dev.unroll.dsl.Optimizer type, OptimizerSettings s, double[] afterOne, double[] afterTwo) {
    assertSteps(type, s, G, G, afterOne, afterTwo);
  }

  /** As {@link #assertTwoSteps} with gradient g1 on step 1 and g2 on step 2. */
  static void assertSteps(
      dev.unroll.dsl.Optimizer type, OptimizerSettings s, float[] g1, float[] g2, double[] afterOne,
      double[] afterTwo) {
    Optimizer opt = Optimizers.create(type, 2, s);
    float[] p = start();
    opt.step(p, g1.clone(), LR);
    assertClose(afterOne, p, "after step 1");
    assertEquals(1, opt.steps());
    opt.step(p, g2.clone(), LR);
    assertClose(afterTwo, p, "after step 2");
    assertEquals(2, opt.steps());
  }

  static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE, what + ", p[" + i + "]");
    }
  }
}

package dev.unroll.training.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sanity: every optimizer minimises f(p) = sum_i (p_i - c_i)^2, gradient 2 (p - c), in 500 steps. */
class ConvergenceTest {
  private static final float[] C = {1.5f, -0.75f, 0.25f, 3f, -2f};

  @ParameterizedTest
  @EnumSource(dev.unroll.dsl.Optimizer.class)
  void minimisesAQuadratic(dev.unroll.dsl.Optimizer type) {
    Optimizer opt = Optimizers.create(type, C.length, OptimizerSettings.defaults());
    // Adam-style steps are about lr in size whatever the gradient, so they need a rate that shrinks.
    LearningRateSchedule schedule = LearningRateSchedule.cosine(0, 500, 0.01);
    double base = switch (type) {
      case SGD, NESTEROV -> 0.05;
      case ADAM, ADAMW -> 0.1;
      case RMSPROP -> 0.01;
    };
    float[] p = new float[C.length];
    float[] g = new float[C.length];
    for (int t = 0; t < 500; t++) {
      for (int i = 0; i < C.length; i++) {
        g[i] = 2 * (p[i] - C[i]);
      }
      opt.step(p, g, (float) schedule.rate(t, base));
    }
    double f = 0;
    for (int i = 0; i < C.length; i++) {
      f += (double) (p[i] - C[i]) * (p[i] - C[i]);
    }
    assertTrue(f < 1e-3, type + ": f = " + f);
  }
}

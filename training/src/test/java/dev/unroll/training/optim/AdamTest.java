package dev.unroll.training.optim;

import static dev.unroll.training.optim.Fixtures.assertSteps;
import static dev.unroll.training.optim.Fixtures.assertTwoSteps;

import dev.unroll.dsl.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * Adam and AdamW on hand-computed numbers: p = [1, -2], lr 0.1, betas 0.9 / 0.999.
 * m = 0.9 m + 0.1 g'; v = 0.999 v + 0.001 g'^2; m^ = m / (1 - 0.9^t); v^ = v / (1 - 0.999^t);
 * p -= 0.1 m^ / (sqrt(v^) + eps). Bias corrections: 1 - 0.9 = 0.1, 1 - 0.999 = 0.001 at t = 1;
 * 1 - 0.81 = 0.19, 1 - 0.998001 = 0.001999 at t = 2. eps = 1e-8 moves these results by about
 * 1e-8 (|g| &gt;= 0.04 here), below the tolerance.
 */
class AdamTest {
  private static final OptimizerSettings S = OptimizerSettings.defaults();

  @Test
  void constantGradient() {
    // With a constant gradient the bias corrections make m^ = g and v^ = g^2 on every step:
    // t=1: m = 0.1 g, v = 0.001 g^2 -> m^ = g, v^ = g^2; p -= 0.1 g / |g| = 0.1 sign(g)
    //      p1 = [0.9, -2.1]
    // t=2: m = 0.09 g + 0.1 g = 0.19 g, v = 0.000999 g^2 + 0.001 g^2 = 0.001999 g^2 -> same
    //      p2 = [0.8, -2.2]
    assertTwoSteps(Optimizer.ADAM, S, new double[] {0.9, -2.1}, new double[] {0.8, -2.2});
  }

  @Test
  void changingGradient() {
    // g1 = [0.5, 0.25] as above: p1 = [0.9, -2.1], m = [0.05, 0.025], v = [0.00025, 0.0000625]
    // g2 = [-0.5, 1.0]:
    //   m = 0.9 [0.05, 0.025] + 0.1 [-0.5, 1] = [-0.005, 0.1225]
    //   v = 0.999 [0.00025, 0.0000625] + 0.001 [0.25, 1] = [0.00049975, 0.0010624375]
    //   m^ = m / 0.19 = [-0.0263157895, 0.6447368421]
    //   v^ = v / 0.001999 = [0.25, 0.5314844922]; sqrt(v^) = [0.5, 0.7290298295]
    //   p2 = [0.9 + 0.1 * 0.0526315789, -2.1 - 0.1 * 0.8843764386] = [0.9052631579, -2.1884376439]
    assertSteps(Optimizer.ADAM, S, Fixtures.G, new float[] {-0.5f, 1.0f},
        new double[] {0.9, -2.1}, new double[] {0.9052631579, -2.1884376439});
  }

  @Test
  void l2WeightDecay() {
    // Adam adds lambda p to the gradient (lambda = 0.1):
    // t=1: g' = [0.5 + 0.1, 0.25 - 0.2] = [0.6, 0.05]; m^ = g', v^ = g'^2 -> p -= 0.1 sign(g')
    //      p1 = [0.9, -2.1]; m = [0.06, 0.005], v = [0.00036, 0.0000025]
    // t=2: g' = [0.5 + 0.09, 0.25 - 0.21] = [0.59, 0.04]
    //      m = 0.9 [0.06, 0.005] + 0.1 [0.59, 0.04] = [0.113, 0.0085]
    //      v = 0.999 [0.00036, 0.0000025] + 0.001 [0.3481, 0.0016] = [0.00070774, 0.0000040975]
    //      m^ = m / 0.19 = [0.5947368421, 0.0447368421]
    //      v^ = v / 0.001999 = [0.3540470235, 0.0020497749]; sqrt(v^) = [0.5950185069, 0.0452744397]
    //      p2 = [0.9 - 0.1 * 0.9995266, -2.1 - 0.1 * 0.9881254] = [0.8000473, -2.1988125]
    assertTwoSteps(Optimizer.ADAM, S.withWeightDecay(0.1),
        new double[] {0.9, -2.1}, new double[] {0.8000473405, -2.1988125390});
  }

  @Test
  void adamWithoutWeightDecayIsAdam() {
    assertTwoSteps(Optimizer.ADAMW, S, new double[] {0.9, -2.1}, new double[] {0.8, -2.2});
  }

  @Test
  void decoupledWeightDecay() {
    // AdamW first scales p by 1 - lr lambda = 1 - 0.1 * 0.1 = 0.99, then takes the plain Adam step,
    // which for a constant gradient is -0.1 sign(g) (see constantGradient):
    // t=1: p = 0.99 [1, -2] = [0.99, -1.98];          p1 = [0.89, -2.08]
    // t=2: p = 0.99 [0.89, -2.08] = [0.8811, -2.0592]; p2 = [0.7811, -2.1592]
    assertTwoSteps(Optimizer.ADAMW, S.withWeightDecay(0.1),
        new double[] {0.89, -2.08}, new double[] {0.7811, -2.1592});
  }

  @Test
  void epsilonIsAddedToTheRootOfTheCorrectedSecondMoment() {
    // eps = 0.5, t=1: m^ = g, sqrt(v^) = |g| -> p -= 0.1 g / (|g| + 0.5)
    //   = [0.1 * 0.5 / 1.0, 0.1 * 0.25 / 0.75] = [0.05, 0.0333333]; p1 = [0.95, -2.0333333]
    // t=2 (constant g): unchanged m^ and v^, so the same step: p2 = [0.9, -2.0666667]
    assertTwoSteps(Optimizer.ADAM, new OptimizerSettings(0.9, 0.9, 0.999, 0.5, 0, 0.99),
        new double[] {0.95, -2.0 - 0.1 / 3}, new double[] {0.9, -2.0 - 0.2 / 3});
  }
}

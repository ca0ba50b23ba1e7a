package dev.unroll.training.optim;

import static dev.unroll.training.optim.Fixtures.assertTwoSteps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SGD and Nesterov on hand-computed numbers: p = [1, -2], g = [0.5, 0.25] on both steps, lr 0.1.
 * g' = g + lambda p; b = mu b + g' (b = g' first); SGD p -= lr b, Nesterov p -= lr (g' + mu b).
 */
class SgdTest {
  private static final OptimizerSettings PLAIN = OptimizerSettings.defaults().withMomentum(0);

  @Test
  void plain() {
    // p1 = p - 0.1 g = [1 - 0.05, -2 - 0.025] = [0.95, -2.025]
    // p2 = p1 - 0.1 g = [0.9, -2.05]
    assertTwoSteps(dev.unroll.dsl.Optimizer.SGD, PLAIN,
        new double[] {0.95, -2.025}, new double[] {0.9, -2.05});
  }

  @Test
  void weightDecay() {
    // g'1 = g + 0.1 [1, -2] = [0.6, 0.05];              p1 = [1 - 0.06, -2 - 0.005] = [0.94, -2.005]
    // g'2 = g + 0.1 [0.94, -2.005] = [0.594, 0.0495];   p2 = [0.94 - 0.0594, -2.005 - 0.00495]
    //                                                      = [0.8806, -2.00995]
    assertTwoSteps(dev.unroll.dsl.Optimizer.SGD, PLAIN.withWeightDecay(0.1),
        new double[] {0.94, -2.005}, new double[] {0.8806, -2.00995});
  }

  @Test
  void momentum() {
    // b1 = g = [0.5, 0.25];                          p1 = [0.95, -2.025]
    // b2 = 0.9 b1 + g = [0.45 + 0.5, 0.225 + 0.25] = [0.95, 0.475]
    //                                                p2 = [0.95 - 0.095, -2.025 - 0.0475] = [0.855, -2.0725]
    assertTwoSteps(dev.unroll.dsl.Optimizer.SGD, PLAIN.withMomentum(0.9),
        new double[] {0.95, -2.025}, new double[] {0.855, -2.0725});
  }

  @Test
  void momentumAndWeightDecay() {
    // g'1 = [0.6, 0.05]; b1 = g'1;                       p1 = [0.94, -2.005]
    // g'2 = [0.594, 0.0495]; b2 = 0.9 [0.6, 0.05] + g'2 = [0.54 + 0.594, 0.045 + 0.0495] = [1.134, 0.0945]
    //                                                    p2 = [0.94 - 0.1134, -2.005 - 0.00945]
    //                                                       = [0.8266, -2.01445]
    assertTwoSteps(dev.unroll.dsl.Optimizer.SGD, PLAIN.withMomentum(0.9).withWeightDecay(0.1),
        new double[] {0.94, -2.005}, new double[] {0.8266, -2.01445});
  }

  @Test
  void nesterov() {
    // b1 = g = [0.5, 0.25]; d1 = g + 0.9 b1 = [0.95, 0.475];
    //   p1 = [1 - 0.095, -2 - 0.0475] = [0.905, -2.0475]
    // b2 = 0.9 b1 + g = [0.95, 0.475]; d2 = g + 0.9 b2 = [0.5 + 0.855, 0.25 + 0.4275] = [1.355, 0.6775]
    //   p2 = [0.905 - 0.1355, -2.0475 - 0.06775] = [0.7695, -2.11525]
    assertTwoSteps(dev.unroll.dsl.Optimizer.NESTEROV, PLAIN.withMomentum(0.9),
        new double[] {0.905, -2.0475}, new double[] {0.7695, -2.11525});
  }

  @Test
  void nesterovWithWeightDecay() {
    // g'1 = [0.6, 0.05]; b1 = g'1; d1 = g'1 + 0.9 b1 = [1.14, 0.095];
    //   p1 = [1 - 0.114, -2 - 0.0095] = [0.886, -2.0095]
    // g'2 = g + 0.1 p1 = [0.5 + 0.0886, 0.25 - 0.20095] = [0.5886, 0.04905]
    // b2 = 0.9 b1 + g'2 = [0.54 + 0.5886, 0.045 + 0.04905] = [1.1286, 0.09405]
    // d2 = g'2 + 0.9 b2 = [0.5886 + 1.01574, 0.04905 + 0.084645] = [1.60434, 0.133695]
    //   p2 = [0.886 - 0.160434, -2.0095 - 0.0133695] = [0.725566, -2.0228695]
    assertTwoSteps(dev.unroll.dsl.Optimizer.NESTEROV, PLAIN.withMomentum(0.9).withWeightDecay(0.1),
        new double[] {0.886, -2.0095}, new double[] {0.725566, -2.0228695});
  }

  @Test
  void nesterovWithoutMomentumIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.create(dev.unroll.dsl.Optimizer.NESTEROV, 2, PLAIN));
    assertTrue(e.getMessage().contains("momentum"), e.getMessage());
  }

  @Test
  void gradientsAreNotModified() {
    for (dev.unroll.dsl.Optimizer type : dev.unroll.dsl.Optimizer.values()) {
      Optimizer opt = Optimizers.create(type, 2, OptimizerSettings.defaults().withWeightDecay(0.1));
      float[] g = Fixtures.G.clone();
      opt.step(Fixtures.start(), g, Fixtures.LR);
      assertArrayEquals(Fixtures.G, g, type.toString());
    }
  }
}

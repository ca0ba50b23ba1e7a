package dev.unroll.training.optim;

import static dev.unroll.training.optim.Fixtures.assertTwoSteps;

import dev.unroll.dsl.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * RMSprop on hand-computed numbers: p = [1, -2], g = [0.5, 0.25] on both steps, lr 0.1, alpha 0.99.
 * g' = g + lambda p; v = 0.99 v + 0.01 g'^2; b = mu b + g' / (sqrt(v) + eps), p -= lr b (or
 * p -= lr g' / (sqrt(v) + eps) when mu = 0). RMSprop has no bias correction, so sqrt(v) is only
 * 0.1 |g| on step 1 and eps = 1e-8 would move these results by 2e-6; the exact cases use eps = 0
 * and one case checks where eps enters.
 */
class RmsPropTest {
  /** No momentum and eps = 0; the betas are Adam's, unread here. */
  private static final OptimizerSettings S = new OptimizerSettings(0, 0.9, 0.999, 0, 0, 0.99);

  @Test
  void plain() {
    // t=1: v = 0.01 g^2, sqrt(v) = 0.1 |g| -> g / sqrt(v) = 10 sign(g) = [10, 10]
    //      p1 = [1 - 1, -2 - 1] = [0, -3]
    // t=2: v = (0.99 * 0.01 + 0.01) g^2 = 0.0199 g^2, sqrt(v) = 0.1410673598 |g|
    //      g / sqrt(v) = 7.0888120501 -> p2 = [-0.7088812050, -3.7088812050]
    assertTwoSteps(Optimizer.RMSPROP, S,
        new double[] {0, -3}, new double[] {-0.7088812050, -3.7088812050});
  }

  @Test
  void momentum() {
    // b starts at 0. t=1: b = 0.9 * 0 + [10, 10] = [10, 10]; p1 = [0, -3]
    // t=2: b = 0.9 * 10 + 7.0888120501 = 16.0888120501; p2 = [-1.6088812050, -4.6088812050]
    assertTwoSteps(Optimizer.RMSPROP, S.withMomentum(0.9),
        new double[] {0, -3}, new double[] {-1.6088812050, -4.6088812050});
  }

  @Test
  void weightDecay() {
    // t=1: g' = [0.6, 0.05]; v = 0.01 g'^2 -> g' / sqrt(v) = [10, 10]; p1 = [0, -3]
    //      v = [0.0036, 0.000025]
    // t=2: g' = g + 0.1 [0, -3] = [0.5, -0.05]
    //      v = 0.99 [0.0036, 0.000025] + 0.01 [0.25, 0.0025] = [0.006064, 0.00004975]
    //      sqrt(v) = [0.0778716893, 0.0070533680] (the second is 0.05 sqrt(0.0199))
    //      g' / sqrt(v) = [6.4208187117, -7.0888120501]
    //      p2 = [0 - 0.6420818712, -3 + 0.7088812050] = [-0.6420818712, -2.2911187950]
    assertTwoSteps(Optimizer.RMSPROP, S.withWeightDecay(0.1),
        new double[] {0, -3}, new double[] {-0.6420818712, -2.2911187950});
  }

  @Test
  void epsilonIsAddedToTheRoot() {
    // eps = 0.05, t=1: sqrt(v) = [0.05, 0.025], + eps = [0.1, 0.075]
    //   p -= 0.1 [0.5 / 0.1, 0.25 / 0.075] = [0.5, 0.3333333]; p1 = [0.5, -2.3333333]
    // t=2: sqrt(v) = 0.1410673598 [0.5, 0.25] = [0.0705336799, 0.0352668400], + eps
    //   = [0.1205336799, 0.0852668400]; p -= 0.1 [4.1482181613, 2.9319721494]
    //   p2 = [0.0851781839, -2.6265305483]
    assertTwoSteps(Optimizer.RMSPROP, new OptimizerSettings(0, 0.9, 0.999, 0.05, 0, 0.99),
        new double[] {0.5, -2.0 - 1.0 / 3}, new double[] {0.0851781839, -2.6265305483});
  }
}

package dev.unroll.training.optim;

import dev.unroll.model.TrainingSpec;

/**
 * Hyper-parameters of every optimizer type except the learning rate, which is given each step.
 * Each type reads only the ones it uses (see {@link Optimizers}); defaults are PyTorch's, except
 * that momentum defaults to 0.9, as in {@code dev.unroll.dsl.Training}, and so also applies to
 * RMSprop unless set to 0.
 *
 * @param momentum SGD, Nesterov and RMSprop momentum {@code mu}; {@code >= 0}, 0 turns it off
 * @param beta1 Adam's first-moment decay; in {@code [0, 1)}
 * @param beta2 Adam's second-moment decay; in {@code [0, 1)}
 * @param epsilon added to the root of the second moment by Adam and RMSprop; {@code >= 0}
 * @param weightDecay {@code lambda}: L2 (added to the gradient) for all types but AdamW, where it is
 *     decoupled; {@code >= 0}
 * @param rmsAlpha RMSprop's squared-gradient decay {@code alpha}; in {@code [0, 1]}
 */
public record OptimizerSettings(
    double momentum, double beta1, double beta2, double epsilon, double weightDecay, double rmsAlpha) {

  /** @throws IllegalArgumentException naming the first value out of its range (NaN is out of every range) */
  public OptimizerSettings {
    // Written as ranges a value must lie in, so that NaN fails each check.
    require("momentum", momentum, momentum >= 0 && momentum < Double.POSITIVE_INFINITY, ">= 0 and finite");
    require("beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
    require("beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
    require("epsilon", epsilon, epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY, ">= 0 and finite");
    require("weightDecay", weightDecay, weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY,
        ">= 0 and finite");
    require("rmsAlpha", rmsAlpha, rmsAlpha >= 0 && rmsAlpha <= 1, "in [0, 1]");
  }

  private static void require(String name, double value, boolean inRange, String expected) {
    if (!inRange) {
      throw new IllegalArgumentException(name + " must be " + expected + ", got " + value);
    }
  }

  /** Momentum 0.9, betas 0.9 / 0.999, epsilon 1e-8, no weight decay, RMSprop alpha 0.99. */
  public static OptimizerSettings defaults() {
    return new OptimizerSettings(0.9, 0.9, 0.999, 1e-8, 0, 0.99);
  }

  /** {@link #defaults()} with the momentum and weight decay a model's training declaration gives. */
  public static OptimizerSettings from(TrainingSpec training) {
    return defaults().withMomentum(training.momentum()).withWeightDecay(training.weightDecay());
  }

  // Copies only of the two settings a model's training declaration carries (for from and
  // TrainingConfig); the others are given to the constructor.

  /** A copy with this momentum. */
  public OptimizerSettings withMomentum(double momentum) {
    return new OptimizerSettings(momentum, beta1, beta2, epsilon, weightDecay, rmsAlpha);
  }

  /** A copy with this weight decay. */
  public OptimizerSettings withWeightDecay(double weightDecay) {
    return new OptimizerSettings(momentum, beta1, beta2, epsilon, weightDecay, rmsAlpha);
  }
}

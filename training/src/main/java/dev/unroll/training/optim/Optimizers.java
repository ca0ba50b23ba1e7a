package dev.unroll.training.optim;

import java.util.Objects;

/**
 * Creates optimizers. Each follows PyTorch's {@code torch.optim} class of the same name, including
 * where weight decay {@code lambda} enters; {@code g} is the gradient, {@code p} the parameter,
 * {@code lr} the step's learning rate:
 *
 * <ul>
 *   <li>{@link dev.unroll.dsl.Optimizer#SGD}: {@code g' = g + lambda p; b = mu b + g'} (first step
 *       {@code b = g'}); {@code p -= lr b}, or {@code p -= lr g'} when {@code mu = 0}.
 *   <li>{@link dev.unroll.dsl.Optimizer#NESTEROV}: as SGD but {@code p -= lr (g' + mu b)}; needs {@code mu > 0}.
 *   <li>{@link dev.unroll.dsl.Optimizer#ADAM}: {@code g' = g + lambda p; m = beta1 m + (1 - beta1) g';
 *       v = beta2 v + (1 - beta2) g'^2; p -= lr m^ / (sqrt(v^) + eps)} with bias-corrected
 *       {@code m^ = m / (1 - beta1^t)}, {@code v^ = v / (1 - beta2^t)}.
 *   <li>{@link dev.unroll.dsl.Optimizer#ADAMW}: {@code p *= 1 - lr lambda}, then Adam without the L2 term.
 *   <li>{@link dev.unroll.dsl.Optimizer#RMSPROP}: {@code g' = g + lambda p; v = alpha v + (1 - alpha) g'^2};
 *       {@code b = mu b + g' / (sqrt(v) + eps); p -= lr b}, or {@code p -= lr g' / (sqrt(v) + eps)}
 *       when {@code mu = 0}.
 * </ul>
 *
 * Updates are computed in float, scalar factors (bias corrections, {@code 1 - lr lambda}) in double.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * Creates the optimizer for {@code type} over {@code parameterCount} floats, its state zeroed and
   * {@link Optimizer#steps()} 0.
   *
   * @throws IllegalArgumentException if parameterCount is negative, or for NESTEROV with momentum 0
   */
  public static Optimizer create(dev.unroll.dsl.Optimizer type, int parameterCount, OptimizerSettings settings) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(settings, "settings");
    return switch (type) {
      case SGD -> new Sgd(parameterCount, settings.momentum(), settings.weightDecay(), false);
      case NESTEROV -> new Sgd(parameterCount, settings.momentum(), settings.weightDecay(), true);
      case ADAM -> new Adam(parameterCount, settings, false);
      case ADAMW -> new Adam(parameterCount, settings, true);
      case RMSPROP -> new RmsProp(parameterCount, settings);
    };
  }
}

package dev.unroll.training.optim;

/**
 * The learning rate as a function of the optimizer step, scaling a base rate. Schedules are
 * stateless and pure, so resuming from a checkpoint needs only {@link Optimizer#steps()}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /**
   * The learning rate for 0-based optimizer step {@code step}, given the base rate.
   *
   * @throws IllegalArgumentException if step is negative
   */
  double rate(long step, double base);

  /** {@code base} at every step. */
  static LearningRateSchedule constant() {
    return (step, base) -> {
      checkStep(step);
      return base;
    };
  }

  /**
   * {@code base * gamma^floor(step / everySteps)} (PyTorch's {@code StepLR}).
   *
   * @throws IllegalArgumentException if everySteps &lt;= 0 or gamma is negative or not finite
   */
  static LearningRateSchedule stepDecay(long everySteps, double gamma) {
    if (everySteps <= 0) {
      throw new IllegalArgumentException("everySteps must be > 0, got " + everySteps);
    }
    if (!(gamma >= 0 && gamma < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("gamma must be >= 0 and finite, got " + gamma);
    }
    return new LearningRateSchedule() {
      // The last power computed: StrictMath.pow allocates, and the exponent changes only every
      // everySteps steps. Guarded by this.
      private long lastK;
      private double lastPower = 1.0;

      @Override
      public synchronized double rate(long step, double base) {
        checkStep(step);
        long k = step / everySteps;
        if (k != lastK) {
          // StrictMath so that the rate, and with it the run, is the same on every platform.
          lastPower = StrictMath.pow(gamma, k);
          lastK = k;
        }
        return base * lastPower;
      }
    };
  }

  /**
   * Linear warm-up, then cosine decay, then flat:
   *
   * <pre>
   * base * (step + 1) / warmupSteps                                      step &lt; warmupSteps
   * base * (f + (1 - f) (1 + cos(pi (step - warmupSteps) / (totalSteps - warmupSteps))) / 2)
   *                                                                      warmupSteps &lt;= step &lt; totalSteps
   * base * f                                                             step &gt;= totalSteps
   * </pre>
   *
   * with {@code f = minFactor}: the warm-up's last step reaches base, and the decay goes from base at
   * step warmupSteps to {@code base * minFactor} at step totalSteps. warmupSteps 0 means no warm-up.
   *
   * @throws IllegalArgumentException unless {@code 0 <= warmupSteps < totalSteps} and
   *     {@code 0 <= minFactor <= 1}
   */
  static LearningRateSchedule cosine(long warmupSteps, long totalSteps, double minFactor) {
    if (warmupSteps < 0 || totalSteps <= warmupSteps) {
      throw new IllegalArgumentException(
          "need 0 <= warmupSteps < totalSteps, got warmupSteps " + warmupSteps + ", totalSteps "
              + totalSteps);
    }
    if (!(minFactor >= 0 && minFactor <= 1)) {
      throw new IllegalArgumentException("minFactor must be in [0, 1], got " + minFactor);
    }
    double decaySteps = totalSteps - warmupSteps;
    return (step, base) -> {
      checkStep(step);
      if (step < warmupSteps) {
        return base * (step + 1) / warmupSteps;
      }
      if (step >= totalSteps) {
        return base * minFactor;
      }
      double cos = StrictMath.cos(Math.PI * (step - warmupSteps) / decaySteps);
      return base * (minFactor + (1 - minFactor) * 0.5 * (1 + cos));
    };
  }

  private static void checkStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }
}

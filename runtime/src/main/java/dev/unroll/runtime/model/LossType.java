package dev.unroll.runtime.model;

/** Training losses (means over scored elements). Mirrors {@code dev.unroll.dsl.Loss}. */
public enum LossType {
  /** Targets are class indices. */
  CROSS_ENTROPY,
  /** Targets are floats in [0, 1], one per output. */
  BINARY_CROSS_ENTROPY,
  /** Targets are floats, one per output. */
  MSE;

  /** Whether targets are class indices (ints) rather than floats. */
  public boolean classTargets() {
    return this == CROSS_ENTROPY;
  }
}

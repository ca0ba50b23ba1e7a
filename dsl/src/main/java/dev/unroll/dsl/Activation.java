package dev.unroll.dsl;

/** Output activations of the head. */
public enum Activation {
  /** Probabilities over {@code size} classes; pairs with {@link Loss#CROSS_ENTROPY}. */
  SOFTMAX,
  /** Independent probabilities per output; pairs with {@link Loss#BINARY_CROSS_ENTROPY}. */
  SIGMOID,
  /** Raw values; pairs with {@link Loss#MSE}. */
  LINEAR
}

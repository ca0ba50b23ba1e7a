package dev.unroll.dsl;

/** Training losses; each is a mean over every scored element. */
public enum Loss {
  /** {@code -log softmax(logits)[target]}, targets are class indices. Needs {@link Activation#SOFTMAX}. */
  CROSS_ENTROPY,
  /** Binary cross-entropy on {@code sigmoid(logits)}, targets in {@code [0, 1]}. Needs {@link Activation#SIGMOID}. */
  BINARY_CROSS_ENTROPY,
  /** Mean squared error of the raw logits. Needs {@link Activation#LINEAR}. */
  MSE;

  /** Whether targets are class indices (ints) rather than floats. */
  public boolean classTargets() {
    return this == CROSS_ENTROPY;
  }

  /** The head activation this loss is defined on. */
  public Activation activation() {
    return switch (this) {
      case CROSS_ENTROPY -> Activation.SOFTMAX;
      case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
      case MSE -> Activation.LINEAR;
    };
  }
}

package dev.unroll.dsl;

/** How parameters are drawn from the seed before training. */
public enum Initialization {
  /**
   * PyTorch's defaults: every recurrent weight and bias {@code U(-1/sqrt(H), 1/sqrt(H))}, the head
   * {@code U(-1/sqrt(D*H), 1/sqrt(D*H))}, embeddings {@code N(0, 1)}, learned initial states zero.
   */
  PYTORCH_DEFAULT,
  /**
   * Glorot/Xavier uniform weights {@code U(-a, a)}, {@code a = sqrt(6 / (fan_in + fan_out))}
   * per gate block, zero biases; embeddings and initial states as {@link #PYTORCH_DEFAULT}.
   */
  XAVIER_UNIFORM
}

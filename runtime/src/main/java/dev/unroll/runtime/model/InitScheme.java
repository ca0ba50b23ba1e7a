package dev.unroll.runtime.model;

/** How parameters are drawn before training. Mirrors {@code dev.unroll.dsl.Initialization}. */
public enum InitScheme {
  PYTORCH_DEFAULT,
  XAVIER_UNIFORM
}

package dev.unroll.runtime.model;

/** Optimizers. Mirrors {@code dev.unroll.dsl.Optimizer}. */
public enum OptimizerType {
  SGD,
  NESTEROV,
  ADAM,
  ADAMW,
  RMSPROP
}

package dev.unroll.runtime.model;

/** Output activations of the head. Mirrors {@code dev.unroll.dsl.Activation}. */
public enum HeadActivation {
  SOFTMAX,
  SIGMOID,
  LINEAR
}

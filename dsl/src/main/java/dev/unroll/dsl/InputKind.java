package dev.unroll.dsl;

/** How one timestep's input is represented. */
public enum InputKind {
  /** {@code size} float features per step ({@code x [T, B, size]}). */
  DENSE,
  /** One symbol index in {@code [0, size)} per step, seen by the first layer as a one-hot vector. */
  ONE_HOT,
  /** One symbol index per step, looked up in a learned embedding table {@code [size, embeddingSize]}. */
  EMBEDDING;

  /** Whether inputs are symbol indices rather than float features. */
  public boolean symbolic() {
    return this != DENSE;
  }
}

package dev.unroll.runtime.model;

/** How one timestep's input is represented. Mirrors {@code dev.unroll.dsl.InputKind}. */
public enum InputType {
  /** Float features {@code x [T, B, size]}. */
  DENSE,
  /** Symbol indices {@code [T, B]}, seen as one-hot vectors of {@code size}. */
  ONE_HOT,
  /** Symbol indices {@code [T, B]}, looked up in {@code embedding.weight [size, embeddingSize]}. */
  EMBEDDING;

  /** Whether inputs are symbol indices rather than float features. */
  public boolean symbolic() {
    return this != DENSE;
  }
}

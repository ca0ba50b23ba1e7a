package dev.unroll.runtime.hopfield;

/** How a {@link HopfieldNetwork} updates its units during recall (the runtime twin of {@code dev.unroll.dsl.Update}). */
public enum Update {
  /** One unit at a time in a seeded random order, each seeing the units updated before it. */
  ASYNCHRONOUS,
  /** Every unit at once from the previous state. */
  SYNCHRONOUS
}

package dev.unroll.dsl;

/** Where each layer's state starts at the first step of a sequence. */
public enum InitialState {
  /** All zeros. */
  ZEROS,
  /**
   * Trainable {@code h0 [layers * directions, H]} (and {@code c0} for LSTMs), shared by every
   * sequence of a batch.
   */
  LEARNED
}

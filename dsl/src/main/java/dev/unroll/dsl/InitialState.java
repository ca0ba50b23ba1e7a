package dev.unroll.dsl;

/** Where each layer's state starts at the first step of a sequence. */
public enum InitialState {
  /** All zeros. */
  ZEROS,
  /**
   * Trainable {@code h0 [layers * directions, H]} (and {@code c0} for LSTMs), shared by every
   * sequence of a batch.
   */
  LEARNED,
  /**
   * Computed per sequence from a feature vector {@code z [B, F]} (declared by {@link
   * RecurrentModel#condition()}, supplied with each batch): {@code h0 = tanh(init.weight z +
   * init.bias)} for every layer and direction, and for LSTMs {@code c0 = init_cell.weight z +
   * init_cell.bias}. All layers must have the same units.
   */
  CONDITIONED
}

package dev.unroll.dsl;

/** Which state of the top layer a many-to-one head reads. */
public enum HeadState {
  /** The hidden state h (every cell has one). */
  HIDDEN,
  /** The LSTM cell state c: only LSTM top layers have one, and only at the sequence's end (MANY_TO_ONE). */
  CELL
}

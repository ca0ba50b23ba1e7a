package dev.unroll.model;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.HeadMode;

/**
 * The output head.
 *
 * @param size number of outputs (O)
 * @param activation activation applied for predictions
 * @param mode which steps the head reads
 * @param readsCellState whether a many-to-one head reads the LSTM cell state instead of h
 */
public record HeadSpec(int size, Activation activation, HeadMode mode, boolean readsCellState) {

  /** A head that reads the hidden state. */
  public HeadSpec(int size, Activation activation, HeadMode mode) {
    this(size, activation, mode, false);
  }
}

package dev.unroll.runtime.model;

/** The recurrent cells, as the runtime sees them. Mirrors {@code dev.unroll.dsl.Cell}. */
public enum CellType {
  RNN_TANH(1, false),
  RNN_RELU(1, false),
  LSTM(4, true),
  LSTM_PEEPHOLE(4, true),
  GRU(3, false);

  private final int gates;
  private final boolean cellState;

  CellType(int gates, boolean cellState) {
    this.gates = gates;
    this.cellState = cellState;
  }

  /** G: the number of gate blocks stacked in {@code weight_ih} and {@code weight_hh} (rows = G * H). */
  public int gates() {
    return gates;
  }

  /** Whether the cell carries a cell state {@code c} besides {@code h} (LSTMs). */
  public boolean hasCellState() {
    return cellState;
  }
}

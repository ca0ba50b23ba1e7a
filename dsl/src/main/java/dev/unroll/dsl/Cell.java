package dev.unroll.dsl;

/** The recurrent cells. Equations and gate order follow PyTorch; the peephole LSTM follows ONNX. */
public enum Cell {
  /** Elman RNN, {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
  RNN_TANH,
  /** Elman RNN, {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
  RNN_RELU,
  /** LSTM with gates i, f, g, o (PyTorch's {@code nn.LSTM}). */
  LSTM,
  /**
   * LSTM with peephole connections {@code weight_peephole [3, H]}, rows i, f, o: i and f read
   * {@code c_{t-1}}, o reads {@code c_t} (ONNX semantics).
   */
  LSTM_PEEPHOLE,
  /** GRU with gates r, z, n; the reset gate multiplies {@code W_hn h + b_hn} (PyTorch's {@code nn.GRU}). */
  GRU;

  /** G: the gate blocks stacked in {@code weight_ih} and {@code weight_hh} (their rows are G * H). */
  public int gates() {
    return switch (this) {
      case RNN_TANH, RNN_RELU -> 1;
      case LSTM, LSTM_PEEPHOLE -> 4;
      case GRU -> 3;
    };
  }

  /** Whether the cell carries a cell state {@code c} besides {@code h} (the LSTMs). */
  public boolean hasCellState() {
    return this == LSTM || this == LSTM_PEEPHOLE;
  }
}

package dev.unroll.onnx;

import dev.unroll.dsl.Cell;

/**
 * Reorders gate blocks from PyTorch's layout, which Unroll keeps, to ONNX's. Weights and biases
 * stack their gates as blocks of H rows; ONNX expects another order:
 *
 * <ul>
 *   <li>LSTM: PyTorch i, f, g, o becomes ONNX i, o, f, c (c is PyTorch's g);
 *   <li>GRU: PyTorch r, z, n becomes ONNX z, r, h;
 *   <li>peepholes: Unroll's rows i, f, o become ONNX's P order i, o, f;
 *   <li>RNN: a single gate, unchanged.
 * </ul>
 */
final class GateOrder {
  private GateOrder() {}

  /** For each ONNX gate block, the PyTorch block it comes from. */
  static int[] fromPyTorch(Cell cell) {
    return switch (cell) {
      case LSTM, LSTM_PEEPHOLE -> new int[] {0, 3, 1, 2};
      case GRU -> new int[] {1, 0, 2};
      case RNN_TANH, RNN_RELU -> new int[] {0};
    };
  }

  /** For each ONNX peephole row (i, o, f), the Unroll row (i, f, o) it comes from. */
  static final int[] PEEPHOLE = {0, 2, 1};

  /**
   * Copies {@code source} (blocks of {@code blockSize} floats, PyTorch order) into {@code target}
   * at {@code at}, block {@code j} of the result being block {@code order[j]} of the source.
   *
   * @return the position after the copied values
   */
  static int permute(float[] source, int blockSize, int[] order, float[] target, int at) {
    for (int from : order) {
      System.arraycopy(source, from * blockSize, target, at, blockSize);
      at += blockSize;
    }
    return at;
  }
}

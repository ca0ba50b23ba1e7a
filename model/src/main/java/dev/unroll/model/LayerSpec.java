package dev.unroll.model;

import dev.unroll.dsl.Cell;

/**
 * One recurrent layer.
 *
 * @param cell the cell
 * @param units hidden units per direction (H)
 * @param bidirectional whether a reverse-time direction is concatenated after the forward one
 * @param dropout dropout probability on this layer's outputs while training
 * @param recurrentDropout variational dropout probability on the recurrent state while training
 */
public record LayerSpec(Cell cell, int units, boolean bidirectional, float dropout, float recurrentDropout) {

  /** D: 2 for bidirectional layers, else 1. */
  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /** Width of this layer's output per step: D * H. */
  public int outputSize() {
    return directions() * units;
  }

  /** G, the cell's gate count. */
  public int gates() {
    return cell.gates();
  }

  /** Whether the cell is an LSTM (it carries a cell state). */
  public boolean lstm() {
    return cell.hasCellState();
  }
}

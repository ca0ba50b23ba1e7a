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
 * @param layerNorm whether the cell normalises its input and recurrent projections (and, for LSTMs,
 *     its cell state) over all gate rows (Ba, Kiros and Hinton 2016; see reference/FORMAT-v2.md)
 */
public record LayerSpec(Cell cell, int units, boolean bidirectional, float dropout, float recurrentDropout,
    boolean layerNorm) {

  /** A layer without layer normalisation. */
  public LayerSpec(Cell cell, int units, boolean bidirectional, float dropout, float recurrentDropout) {
    this(cell, units, bidirectional, dropout, recurrentDropout, false);
  }

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

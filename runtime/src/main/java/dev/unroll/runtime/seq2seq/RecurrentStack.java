package dev.unroll.runtime.seq2seq;

import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.kernel.Gemm;
import dev.unroll.runtime.kernel.GruCell;
import dev.unroll.runtime.kernel.LstmCell;
import dev.unroll.runtime.kernel.RnnCell;
import dev.unroll.runtime.kernel.Rows;
import java.util.Arrays;
import java.util.List;

/**
 * One recurrent stack of an encoder-decoder ({@code encoder.} or {@code decoder.}), with its
 * buffers for a capacity of T steps and B sequences: per layer and direction one GEMM for the input
 * projection of every step, then the recurrent loop with the fused cell kernel; backward mirrors it.
 * Initial states are per sequence ({@link #h0}, {@link #c0}, set by the caller); after backward
 * {@link #dh0} and {@link #dc0} hold their gradients. Padded rows ({@code t >= lengths[b]}) carry
 * their state through, so a forward direction's state after its last real step stays in place and a
 * reverse direction starts from its initial state at {@code t = length - 1}.
 */
final class RecurrentStack {
  private final Cell cell;
  private final int layers;
  private final int directions;
  private final int units;
  private final int gateRows;
  private final int inputSize;
  private final boolean oneHot;
  /** Offsets of the weights, per layer-direction {@code k * D + d}. */
  private final CellOffsets[] weights;

  /** Per layer: states of every step {@code [T, B, D*H]}, forward direction first. */
  final float[][] out;
  /** Per layer: d loss / d out {@code [T, B, D*H]}; the caller fills the top layer's. */
  final float[][] dOut;
  /** Per layer-direction: initial states {@code [B, H]} (c0 for LSTMs only). */
  final float[][] h0, c0;
  /** Per layer-direction: d loss / d h0, d c0 {@code [B, H]} after backward. */
  final float[][] dh0, dc0;
  /** d loss / d dense input {@code [T, B, in]} after backward (null for a one-hot input). */
  final float[] dInput;

  private final float[][] xProj, gates, cellStates, hn, dPreact, dHProj;
  /** Per layer-direction: W_ih (null for a one-hot input) and W_hh packed for {@link Gemm#xwT}. */
  private final float[][] wIhPacked, wHhPacked;
  private final float[] hProj;

  RecurrentStack(String prefix, List<LayerSpec> spec, int inputSize, boolean oneHot, ParameterLayout layout,
      int maxSteps, int maxBatch) {
    LayerSpec first = spec.get(0);
    this.cell = first.cell();
    this.layers = spec.size();
    this.directions = first.directions();
    this.units = first.units();
    this.gateRows = first.gates() * units;
    this.inputSize = inputSize;
    this.oneHot = oneHot;
    int ld = layers * directions;
    int tb = maxSteps * maxBatch;
    weights = new CellOffsets[ld];
    xProj = new float[ld][tb * gateRows];
    gates = new float[ld][tb * gateRows];
    dPreact = new float[ld][tb * gateRows];
    // rows left null where the cell has no such buffer
    cellStates = cell.hasCellState() ? new float[ld][tb * units] : new float[ld][];
    hn = cell == Cell.GRU ? new float[ld][tb * units] : new float[ld][];
    dHProj = cell == Cell.GRU ? new float[ld][tb * gateRows] : new float[ld][];
    wIhPacked = new float[ld][];
    wHhPacked = new float[ld][Gemm.packedSize(gateRows, units)];
    h0 = new float[ld][maxBatch * units];
    c0 = new float[ld][maxBatch * units];
    dh0 = new float[ld][maxBatch * units];
    dc0 = new float[ld][maxBatch * units];
    out = new float[layers][tb * directions * units];
    dOut = new float[layers][tb * directions * units];
    for (int k = 0; k < layers; k++) {
      for (int d = 0; d < directions; d++) {
        int i = k * directions + d;
        weights[i] = CellOffsets.of(layout, prefix, k, d);
        wIhPacked[i] = k == 0 && oneHot ? null : new float[Gemm.packedSize(gateRows, width(k))];
      }
    }
    hProj = new float[maxBatch * gateRows];
    dInput = oneHot ? null : new float[tb * inputSize];
  }

  /** The top layer's states {@code [T, B, D*H]}. */
  float[] top() {
    return out[layers - 1];
  }

  /** d loss / d the top layer's states. */
  float[] dTop() {
    return dOut[layers - 1];
  }

  int layers() {
    return layers;
  }

  private int width(int k) {
    return k == 0 ? inputSize : directions * units;
  }

  /** Every layer bottom-up over {@code x [T, B, in]} (or {@code symbols [T*B]} when one-hot). */
  void forward(float[] p, float[] x, int[] symbols, int steps, int n, int[] lengths) {
    for (int k = 0; k < layers; k++) {
      for (int d = 0; d < directions; d++) {
        forward(p, k, d, k == 0 ? x : out[k - 1], symbols, steps, n, lengths);
      }
    }
  }

  private void forward(float[] p, int k, int d, float[] x, int[] symbols, int steps, int n, int[] lengths) {
    int i = k * directions + d;
    CellOffsets w = weights[i];
    int in = width(k);
    int ow = directions * units;
    int rows = steps * n;
    // packed weight transposes for batches of PACK_MIN_ROWS sequences or more (as the generated code)
    boolean packs = n >= Gemm.PACK_MIN_ROWS;
    float[] packedHh = Gemm.pack(packs, true, gateRows, units, p, w.wHh(), wHhPacked[i]);
    // xProj = b_ih + x W_ih^T, every step at once (gathered columns for a one-hot input)
    Rows.broadcast(rows, gateRows, p, w.bIh(), xProj[i], 0, gateRows);
    if (k == 0 && oneHot) {
      Rows.addColumnsOf(rows, gateRows, inputSize, symbols, p, w.wIh(), xProj[i], 0, gateRows);
    } else {
      float[] packedIh = Gemm.pack(packs, true, gateRows, in, p, w.wIh(), wIhPacked[i]);
      Gemm.xwT(rows, gateRows, in, x, 0, in, p, w.wIh(), packedIh, xProj[i], 0, gateRows);
    }
    for (int s = 0; s < steps; s++) {
      int t = d == 0 ? s : steps - 1 - s;
      int prev = d == 0 ? t - 1 : t + 1;
      boolean first = s == 0;
      float[] hPrev = first ? h0[i] : out[k];
      int hPrevOff = first ? 0 : prev * n * ow + d * units;
      int ldPrev = first ? units : ow;
      int gOff = t * n * gateRows;
      int outOff = t * n * ow + d * units;
      // hProj = h_{t-1} W_hh^T
      Arrays.fill(hProj, 0, n * gateRows, 0f);
      Gemm.xwT(n, gateRows, units, hPrev, hPrevOff, ldPrev, p, w.wHh(), packedHh, hProj, 0, gateRows);
      switch (cell) {
        case LSTM -> LstmCell.forward(n, units, p, w.bHh(), -1, xProj[i], gOff, hProj,
            first ? c0[i] : cellStates[i], first ? 0 : prev * n * units, hPrev, hPrevOff, ldPrev,
            gates[i], gOff, cellStates[i], t * n * units, out[k], outOff, ow, lengths, t);
        case GRU -> GruCell.forward(n, units, p, w.bHh(), xProj[i], gOff, hProj, hPrev, hPrevOff, ldPrev,
            gates[i], gOff, hn[i], t * n * units, out[k], outOff, ow, lengths, t);
        default -> RnnCell.forward(false, n, units, p, w.bHh(), xProj[i], gOff, hProj, hPrev, hPrevOff, ldPrev,
            out[k], outOff, ow, lengths, t);
      }
    }
  }

  /**
   * Every layer top-down, from {@link #dTop()}: accumulates the weight gradients into {@code grad},
   * writes {@link #dh0}, {@link #dc0} and (dense input) {@link #dInput}.
   */
  void backward(float[] p, float[] grad, float[] x, int[] symbols, int steps, int n, int[] lengths) {
    int rows = steps * n;
    for (int k = layers - 1; k >= 0; k--) {
      float[] below = k > 0 ? dOut[k - 1] : dInput;
      if (below != null) {
        Arrays.fill(below, 0, rows * width(k), 0f);
      }
      for (int d = 0; d < directions; d++) {
        backward(p, grad, k, d, k == 0 ? x : out[k - 1], symbols, below, steps, n, lengths);
      }
    }
  }

  private void backward(float[] p, float[] grad, int k, int d, float[] x, int[] symbols, float[] dx,
      int steps, int n, int[] lengths) {
    int i = k * directions + d;
    CellOffsets w = weights[i];
    int in = width(k);
    int ow = directions * units;
    int rows = steps * n;
    float[] dh = dh0[i];
    float[] dc = dc0[i];
    Arrays.fill(dh, 0, n * units, 0f);
    Arrays.fill(dc, 0, n * units, 0f);
    // the gradient of h_{t-1} W_hh^T + b_hh: GRU keeps its own, the others share the gates'
    float[] dRec = cell == Cell.GRU ? dHProj[i] : dPreact[i];
    for (int s = 0; s < steps; s++) {
      int t = d == 0 ? steps - 1 - s : s;
      int prev = d == 0 ? t - 1 : t + 1;
      boolean first = d == 0 ? t == 0 : t == steps - 1;
      float[] hPrev = first ? h0[i] : out[k];
      int hPrevOff = first ? 0 : prev * n * ow + d * units;
      int ldPrev = first ? units : ow;
      int gOff = t * n * gateRows;
      int outOff = t * n * ow + d * units;
      switch (cell) {
        case LSTM -> LstmCell.backward(n, units, p, -1, gates[i], gOff, first ? c0[i] : cellStates[i],
            first ? 0 : prev * n * units, cellStates[i], t * n * units, dOut[k], outOff, ow, dh, dc,
            dPreact[i], gOff, grad, -1, lengths, t);
        case GRU -> GruCell.backward(n, units, gates[i], gOff, hn[i], t * n * units, hPrev, hPrevOff, ldPrev,
            dOut[k], outOff, ow, dh, dPreact[i], gOff, dHProj[i], gOff, lengths, t);
        default -> RnnCell.backward(false, n, units, out[k], outOff, ow, dOut[k], outOff, ow, dh,
            dPreact[i], gOff, lengths, t);
      }
      // dh_{t-1} += dRec_t W_hh
      Gemm.nn(n, units, gateRows, dRec, gOff, gateRows, p, w.wHh(), units, dh, 0, units);
    }
    // dW_ih += dPreact^T x;  db_ih += sum(dPreact)
    if (k == 0 && oneHot) {
      Rows.addToColumns(rows, gateRows, inputSize, symbols, dPreact[i], 0, gateRows, grad, w.wIh());
    } else {
      Gemm.tn(gateRows, in, rows, dPreact[i], 0, gateRows, x, 0, in, grad, w.wIh(), in);
    }
    Rows.addColumnSums(rows, gateRows, dPreact[i], 0, gateRows, grad, w.bIh());
    // dW_hh: the steps that have a previous step in one GEMM, the first step against h0
    int firstStep = d == 0 ? 0 : steps - 1;
    int recOff = d == 0 ? n * gateRows : 0;
    int prevOff = d == 0 ? d * units : n * ow + d * units;
    Gemm.tn(gateRows, units, rows - n, dRec, recOff, gateRows, out[k], prevOff, ow, grad, w.wHh(), units);
    Gemm.tn(gateRows, units, n, dRec, firstStep * n * gateRows, gateRows, h0[i], 0, units, grad, w.wHh(), units);
    Rows.addColumnSums(rows, gateRows, dRec, 0, gateRows, grad, w.bHh());
    // dx += dPreact W_ih
    if (dx != null) {
      Gemm.nn(rows, in, gateRows, dPreact[i], 0, gateRows, p, w.wIh(), in, dx, 0, in);
    }
  }
}

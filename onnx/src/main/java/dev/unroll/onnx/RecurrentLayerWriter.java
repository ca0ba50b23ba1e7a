package dev.unroll.onnx;

import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;

/**
 * Writes one recurrent layer (both directions) as one standard ONNX operator: {@code LSTM} (with
 * peepholes as its input {@code P}), {@code GRU} with {@code linear_before_reset = 1} (PyTorch's
 * and Unroll's GRU, which applies the reset gate to {@code W_hn h + b_hn}) or {@code RNN} with a
 * Tanh or Relu activation. Weights are restacked per direction ({@code [D, G*H, in]}) in ONNX's
 * gate order (see {@link GateOrder}) and both biases concatenated ({@code [D, 2*G*H]}). A
 * layer-normalised layer is written by {@link LayerNormScanWriter} with the same outputs.
 */
final class RecurrentLayerWriter {
  /** The operator's outputs: Y {@code [T, D, B, H]}, Y_h and (LSTMs) Y_c {@code [D, B, H]}. */
  record Outputs(String y, String lastHidden, String lastCell) {}

  private RecurrentLayerWriter() {}

  /**
   * @param stack the parameters' name prefix: {@code rnn}, {@code encoder} or {@code decoder}
   * @param k the layer's index
   * @param inputWidth features per step of {@code x}
   * @param x the layer's input {@code [T, B, inputWidth]}
   * @param lengths int32 sequence lengths {@code [B]}, or "" for full-length sequences
   * @param initialHidden {@code [D, B, H]}, or "" for zeros
   * @param initialCell {@code [D, B, H]}, or "" for zeros (ignored for cells without one)
   * @param prefix makes the names of this layer's values unique within the graph
   */
  static Outputs write(GraphBuilder g, Parameters p, String stack, LayerSpec layer, int k, int inputWidth, String x,
      String lengths, String initialHidden, String initialCell, String prefix) {
    if (layer.layerNorm()) {
      // No ONNX recurrent operator normalises inside the cell: the step equations go in a Scan.
      return LayerNormScanWriter.write(g, p, stack, layer, k, inputWidth, x, lengths, initialHidden, initialCell,
          prefix);
    }
    Cell cell = layer.cell();
    int h = layer.units();
    int gh = cell.gates() * h;
    int dirs = layer.directions();
    int[] order = GateOrder.fromPyTorch(cell);
    float[] w = new float[dirs * gh * inputWidth];
    float[] r = new float[dirs * gh * h];
    float[] b = new float[dirs * 2 * gh];
    float[] peep = cell == Cell.LSTM_PEEPHOLE ? new float[dirs * 3 * h] : null;
    for (int d = 0; d < dirs; d++) {
      String s = "_l" + k + (d == 1 ? "_reverse" : "");
      GateOrder.permute(p.take(stack + ".weight_ih" + s), h * inputWidth, order, w, d * gh * inputWidth);
      GateOrder.permute(p.take(stack + ".weight_hh" + s), h * h, order, r, d * gh * h);
      int at = GateOrder.permute(p.take(stack + ".bias_ih" + s), h, order, b, d * 2 * gh);
      GateOrder.permute(p.take(stack + ".bias_hh" + s), h, order, b, at);
      if (peep != null) {
        GateOrder.permute(p.take(stack + ".weight_peephole" + s), h, GateOrder.PEEPHOLE, peep, d * 3 * h);
      }
    }
    String name = prefix + "l" + k;
    String wName = g.floats(name + ".W", w, dirs, gh, inputWidth);
    String rName = g.floats(name + ".R", r, dirs, gh, h);
    String bName = g.floats(name + ".B", b, dirs, 2L * gh);
    String direction = layer.bidirectional() ? "bidirectional" : "forward";
    String y = name + ".Y";
    String yH = name + ".Y_h";
    return switch (cell) {
      case LSTM, LSTM_PEEPHOLE -> {
        String pName = peep == null ? "" : g.floats(name + ".P", peep, dirs, 3L * h);
        String yC = name + ".Y_c";
        g.node("LSTM", x, wName, rName, bName, lengths, initialHidden, initialCell, pName)
            .attr("hidden_size", h).attr("direction", direction)
            .outputs(y, yH, yC);
        yield new Outputs(y, yH, yC);
      }
      case GRU -> {
        g.node("GRU", x, wName, rName, bName, lengths, initialHidden)
            .attr("hidden_size", h).attr("direction", direction).attr("linear_before_reset", 1L)
            .outputs(y, yH);
        yield new Outputs(y, yH, null);
      }
      case RNN_TANH, RNN_RELU -> {
        String activation = cell == Cell.RNN_RELU ? "Relu" : "Tanh";
        String[] activations = layer.bidirectional() ? new String[] {activation, activation} : new String[] {activation};
        g.node("RNN", x, wName, rName, bName, lengths, initialHidden)
            .attr("hidden_size", h).attr("direction", direction).attr("activations", activations)
            .outputs(y, yH);
        yield new Outputs(y, yH, null);
      }
    };
  }
}

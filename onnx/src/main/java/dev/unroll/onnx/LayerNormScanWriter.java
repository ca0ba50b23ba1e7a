package dev.unroll.onnx;

import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.onnx.proto.Onnx.GraphProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one layer-normalised recurrent layer (reference/FORMAT-v2.md, "Layer-normalised cells"),
 * which no ONNX recurrent operator expresses, as primitive operators: the input projection of
 * every step at once ({@code gx = LN(x W_ih^T) + b_ih}, outside the loop), then per direction a
 * {@code Scan} over the time axis (so the number of steps stays dynamic) whose body is one step:
 * {@code gh = LN(h W_hh^T) + b_hh} and the cell's gate equations. The reverse direction is a Scan
 * with reversed input and output directions.
 *
 * <p>Padded batches as Unroll's (and ONNX's {@code sequence_lens}): a step at or after a sequence's
 * length keeps the state unchanged and outputs zeros, so the forward direction ends at the last
 * real step and the reverse direction starts there. The outputs have the shapes of the standard
 * operators' ({@link RecurrentLayerWriter.Outputs}).
 */
final class LayerNormScanWriter {
  /** PyTorch's {@code F.layer_norm} default, which the reference cases use. */
  private static final float EPSILON = 1e-5f;

  private LayerNormScanWriter() {}

  /** As {@link RecurrentLayerWriter#write}, for a layer-normalised layer. */
  static RecurrentLayerWriter.Outputs write(GraphBuilder g, Parameters p, String stack, LayerSpec layer, int k,
      int inputWidth, String x, String lengths, String initialHidden, String initialCell, String prefix) {
    Cell cell = layer.cell();
    String name = prefix + "l" + k;
    int h = layer.units();
    int gh = cell.gates() * h;
    String batch = g.node("Shape", x).attr("start", 1L).attr("end", 2L).outputs(name + ".batch");
    String mask = lengths.isEmpty() ? "" : realSteps(g, name, x, lengths);
    List<String> ys = new ArrayList<>();
    List<String> hs = new ArrayList<>();
    List<String> cs = new ArrayList<>();
    for (int d = 0; d < layer.directions(); d++) {
      String s = "_l" + k + (d == 1 ? "_reverse" : "");
      String n = name + (d == 1 ? ".reverse" : ".forward");
      String projected = g.node("MatMul", x, g.transposed(n + ".W_ih.T", p.take(stack + ".weight_ih" + s), gh,
          inputWidth)).outputs(n + ".xW");
      String normalised = layerNorm(g, projected, p, stack + ".ln_ih", s, gh, n + ".ln_ih");
      String gx = g.node("Add", normalised, g.floats(n + ".b_ih", p.take(stack + ".bias_ih" + s), gh))
          .outputs(n + ".gx");
      List<String> inputs = new ArrayList<>();
      inputs.add(directionState(g, initialHidden, d, batch, h, n + ".h0"));
      if (cell.hasCellState()) {
        inputs.add(directionState(g, initialCell, d, batch, h, n + ".c0"));
      }
      inputs.add(gx);
      if (!mask.isEmpty()) {
        inputs.add(mask);
      }
      int scanInputs = mask.isEmpty() ? 1 : 2;
      GraphBuilder.Node scan = g.node("Scan", inputs.toArray(String[]::new))
          .attr("body", StepBody.of(p, stack, s, cell, h, n, !mask.isEmpty()))
          .attr("num_scan_inputs", (long) scanInputs);
      if (d == 1) {
        scan.attr("scan_input_directions", scanInputs == 1 ? new long[] {1} : new long[] {1, 1})
            .attr("scan_output_directions", new long[] {1});
      }
      String last = n + ".h_last";
      if (cell.hasCellState()) {
        scan.outputs(last, n + ".c_last", n + ".y");
        cs.add(g.node("Unsqueeze", n + ".c_last", g.longs(n + ".c.axis", 0)).outputs(n + ".Y_c"));
      } else {
        scan.outputs(last, n + ".y");
      }
      hs.add(g.node("Unsqueeze", last, g.longs(n + ".h.axis", 0)).outputs(n + ".Y_h"));
      ys.add(g.node("Unsqueeze", n + ".y", g.longs(n + ".y.axis", 1)).outputs(n + ".Y"));
    }
    return new RecurrentLayerWriter.Outputs(concat(g, ys, 1, name + ".Y"), concat(g, hs, 0, name + ".Y_h"),
        cell.hasCellState() ? concat(g, cs, 0, name + ".Y_c") : null);
  }

  /** {@code LN(v; P_weight, P_bias)} over the last axis, {@code P} e.g. {@code rnn.ln_ih}. */
  static String layerNorm(GraphBuilder g, String v, Parameters p, String part, String suffix, int width, String name) {
    return g.node("LayerNormalization", v, g.floats(name + ".weight", p.take(part + "_weight" + suffix), width),
        g.floats(name + ".bias", p.take(part + "_bias" + suffix), width))
        .attr("axis", -1L).attr("epsilon", EPSILON).outputs(name);
  }

  /** Direction {@code d}'s initial state {@code [B, H]}: row d of {@code [D, B, H]}, or zeros. */
  private static String directionState(GraphBuilder g, String all, int d, String batch, int h, String name) {
    if (all.isEmpty()) {
      String shape = g.node("Concat", batch, g.longs(name + ".h", h)).attr("axis", 0L).outputs(name + ".shape");
      return g.node("Expand", g.floats(name + ".zero", new float[h], 1, h), shape).outputs(name);
    }
    return g.node("Gather", all, g.scalar(name + ".d", d)).attr("axis", 0L).outputs(name);
  }

  /** Bool {@code [T, B, 1]}: whether step t is a real step of sequence b ({@code t < lengths[b]}). */
  private static String realSteps(GraphBuilder g, String name, String x, String lengths) {
    String steps = g.node("Shape", x).attr("start", 0L).attr("end", 1L).outputs(name + ".steps");
    String limit = g.node("Squeeze", steps).outputs(name + ".steps.scalar");
    String t = g.node("Range", g.scalar(name + ".zero_step", 0), limit, g.scalar(name + ".one_step", 1))
        .outputs(name + ".t");
    String column = g.node("Unsqueeze", t, g.longs(name + ".t.axis", 1)).outputs(name + ".t_column");
    String wide = g.node("Cast", lengths).attr("to", (long) GraphBuilder.INT64).outputs(name + ".lengths");
    String real = g.node("Less", column, wide).outputs(name + ".real");
    return g.node("Unsqueeze", real, g.longs(name + ".real.axis", 2)).outputs(name + ".mask");
  }

  private static String concat(GraphBuilder g, List<String> parts, long axis, String name) {
    return parts.size() == 1 ? g.node("Identity", parts.get(0)).outputs(name)
        : g.node("Concat", parts.toArray(String[]::new)).attr("axis", axis).outputs(name);
  }

  /** The Scan body: one step of one direction. */
  private static final class StepBody {
    private final GraphBuilder b;
    private final String n;

    private StepBody(String n) {
      this.n = n + ".step.";
      this.b = new GraphBuilder(n + ".step", "one layer-normalised step", this.n);
    }

    static GraphProto of(Parameters p, String stack, String s, Cell cell, int h, String name, boolean masked) {
      StepBody body = new StepBody(name);
      return body.write(p, stack, s, cell, h, masked);
    }

    private GraphProto write(Parameters p, String stack, String s, Cell cell, int h, boolean masked) {
      int gh = cell.gates() * h;
      String batch = NetworkGraph.BATCH;
      String hPrev = b.input(n + "h", GraphBuilder.FLOAT, "state before the step", batch, h);
      String cPrev = cell.hasCellState() ? b.input(n + "c", GraphBuilder.FLOAT, "cell state before the step",
          batch, h) : null;
      String gx = b.input(n + "gx", GraphBuilder.FLOAT, "LN(W_ih x) + b_ih of this step", batch, gh);
      String real = masked ? b.input(n + "real", GraphBuilder.BOOL, "whether this step is real", batch, 1) : null;
      String hW = b.node("MatMul", hPrev, b.transposed(n + "W_hh.T", p.take(stack + ".weight_hh" + s), gh, h))
          .outputs(n + "hW");
      String ghN = layerNorm(b, hW, p, stack + ".ln_hh", s, gh, n + "ln_hh");
      String ghv = b.node("Add", ghN, b.floats(n + "b_hh", p.take(stack + ".bias_hh" + s), gh)).outputs(n + "gh");
      String hNext;
      String cNext = null;
      switch (cell) {
        case LSTM -> {
          String sum = b.node("Add", gx, ghv).outputs(n + "gates");
          b.node("Split", sum, b.longs(n + "split", h, h, h, h)).attr("axis", 1L)
              .outputs(n + "i", n + "f", n + "g", n + "o");
          String keep = b.node("Mul", sigmoid(n + "f"), cPrev).outputs(n + "keep");
          String write = b.node("Mul", sigmoid(n + "i"), b.node("Tanh", n + "g").outputs(n + "tanh_g"))
              .outputs(n + "write");
          cNext = b.node("Add", keep, write).outputs(n + "c_new");
          String cNorm = layerNorm(b, cNext, p, stack + ".ln_c", s, h, n + "ln_c");
          hNext = b.node("Mul", sigmoid(n + "o"), b.node("Tanh", cNorm).outputs(n + "tanh_c")).outputs(n + "h_new");
        }
        case GRU -> {
          b.node("Split", gx, b.longs(n + "split_x", h, h, h)).attr("axis", 1L).outputs(n + "xr", n + "xz", n + "xn");
          b.node("Split", ghv, b.longs(n + "split_h", h, h, h)).attr("axis", 1L).outputs(n + "hr", n + "hz", n + "hn");
          String r = b.node("Sigmoid", b.node("Add", n + "xr", n + "hr").outputs(n + "r_in")).outputs(n + "r");
          String z = b.node("Sigmoid", b.node("Add", n + "xz", n + "hz").outputs(n + "z_in")).outputs(n + "z");
          String reset = b.node("Mul", r, n + "hn").outputs(n + "r_hn");
          String cand = b.node("Tanh", b.node("Add", n + "xn", reset).outputs(n + "n_in")).outputs(n + "n");
          // h' = (1 - z) n + z h = n + z (h - n)
          String diff = b.node("Sub", hPrev, cand).outputs(n + "h_minus_n");
          hNext = b.node("Add", cand, b.node("Mul", z, diff).outputs(n + "z_diff")).outputs(n + "h_new");
        }
        case RNN_TANH, RNN_RELU -> {
          String sum = b.node("Add", gx, ghv).outputs(n + "pre");
          hNext = b.node(cell == Cell.RNN_RELU ? "Relu" : "Tanh", sum).outputs(n + "h_new");
        }
        default -> throw new OnnxExportException(p.model() + ": a layer-normalised " + cell + " has no defined"
            + " equations (reference/FORMAT-v2.md normalises LSTM, GRU and RNN cells); it is not exported");
      }
      String hOut = masked ? b.node("Where", real, hNext, hPrev).outputs(n + "h_out") : b.node("Identity", hNext)
          .outputs(n + "h_out");
      b.output(hOut, GraphBuilder.FLOAT, "state after the step", batch, h);
      if (cNext != null) {
        String cOut = masked ? b.node("Where", real, cNext, cPrev).outputs(n + "c_out") : b.node("Identity", cNext)
            .outputs(n + "c_out");
        b.output(cOut, GraphBuilder.FLOAT, "cell state after the step", batch, h);
      }
      String y = masked ? b.node("Where", real, hNext, b.floats(n + "zero", new float[1], 1)).outputs(n + "y")
          : b.node("Identity", hNext).outputs(n + "y");
      b.output(y, GraphBuilder.FLOAT, "this step's output (0 at padded steps)", batch, h);
      return b.build();
    }

    private String sigmoid(String v) {
      return b.node("Sigmoid", v).outputs(v + ".sigmoid");
    }
  }
}

package dev.unroll.processor;

import static dev.unroll.model.Parameters.Role.BIAS_HH;
import static dev.unroll.model.Parameters.Role.BIAS_IH;
import static dev.unroll.model.Parameters.Role.PEEPHOLE;
import static dev.unroll.model.Parameters.Role.WEIGHT_HH;
import static dev.unroll.model.Parameters.Role.WEIGHT_IH;
import static dev.unroll.processor.Calls.call;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.InputKind;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.Naming.PerLayer;
import java.util.Arrays;
import javax.lang.model.element.Modifier;

/**
 * Writes the forward and backward methods of one layer-direction: one GEMM for the input
 * projection of every step, then the recurrent loop over time (a {@code [B, H] x [H, G*H]} GEMM
 * and the fused gate kernel per step); backward mirrors it and computes the weight gradients of
 * all steps with one GEMM each after the loop.
 *
 * <p>The generated methods read like a hand-written reference implementation: each first names
 * the buffers it works on as locals, and each step names the offsets of its slices before the
 * kernel calls that use them.
 */
final class LayerWriter {
  // read by LayerBackwardWriter too
  final ModelSpec spec;
  final int k;
  final LayerSpec layer;
  final Naming.LayerDirection names;
  final String h;
  final String gh;
  final String out;
  final String in;
  final int layerDirection;
  final boolean reverse;
  private final ClassName tape;

  LayerWriter(ModelSpec spec, ClassName tape, int layer, int direction) {
    this.tape = tape;
    this.spec = spec;
    this.k = layer;
    this.layer = spec.layers().get(layer);
    this.names = new Naming.LayerDirection(layer, direction);
    this.h = PerLayer.UNITS.of(layer);
    this.gh = PerLayer.GATE_ROWS.of(layer);
    this.out = PerLayer.OUTPUT_WIDTH.of(layer);
    this.in = PerLayer.INPUT_WIDTH.of(layer);
    this.reverse = direction == 1;
    this.layerDirection = spec.layerDirectionIndex(layer, direction);
  }

  /**
   * The expression for the array layer {@code k} reads its input from (or the head, for {@code k =
   * layers}): the input, or the output of the layer below, or its dropped-out copy while training.
   */
  static String layerInput(ModelSpec spec, int k) {
    if (k == 0) {
      return spec.input().kind() == InputKind.EMBEDDING ? "w." + Naming.EMBEDDED : "b.features";
    }
    String below = "w." + PerLayer.OUT.of(k - 1);
    return spec.layers().get(k - 1).dropout() > 0 ? "b.training ? w." + PerLayer.DROPPED.of(k - 1) + " : " + below
        : below;
  }

  private String describe() {
    return "Layer " + k + (reverse ? ", reverse direction" : (layer.bidirectional() ? ", forward direction" : ""))
        + " (" + layer.cell() + ", H = " + layer.units() + ")";
  }

  boolean recurrentDropout() {
    return layer.recurrentDropout() > 0;
  }

  boolean oneHot() {
    return k == 0 && spec.input().kind() == InputKind.ONE_HOT;
  }

  boolean lstm() {
    return layer.lstm();
  }

  boolean layerNorm() {
    return layer.layerNorm();
  }

  boolean gru() {
    return layer.cell() == Cell.GRU;
  }

  MethodSpec forward() {
    MethodSpec.Builder m = method(names.forwardMethod());
    m.addJavadoc(describe() + ", " + (reverse ? "backward in time (t = T-1 .. 0)" : "forward in time (t = 0 .. T-1)") + ".\n");
    m.addJavadoc("<pre>\nxProj_t = x_t W_ih^T + b_ih      (every step at once)\n");
    m.addJavadoc("hProj_t = h_{t-1} W_hh^T         (per step)\n" + cellEquation() + "</pre>\n");
    if (layerNorm()) {
      m.addJavadoc(LayerNormWriter.EQUATIONS);
    }
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int rows = b.steps * n");
    input(c);
    local(c, "xProj", names.inputProjection(), (layerNorm() ? "LN(x W_ih^T) + b_ih" : "x W_ih^T + b_ih") + " [T, B, G*H]");
    local(c, "hProj", names.recurrentProjection(),
        (layerNorm() ? "LN(h_{t-1} W_hh^T)" : "h_{t-1} W_hh^T") + " of the current step [B, G*H]");
    stateLocals(c);
    c.add("// packed transposes of the weights, when this pass uses them (see Workspace.usesPackedWeights)\n");
    c.addStatement("float[] wHh = $L", call(RuntimeTypes.GEMM, "pack", "w.usesPackedWeights()", "w.mustRepackWeights()", gh, h,
        Naming.PARAMS, names.offset(WEIGHT_HH), "w." + names.wHhPacked()));
    c.addStatement("float[] wIh = $L", call(RuntimeTypes.GEMM, "pack", "w.usesPackedWeights()", "w.mustRepackWeights()", gh, in,
        Naming.PARAMS, names.offset(WEIGHT_IH), "w." + names.wIhPacked()));
    String proj = layerNorm() ? "xRaw" : "xProj";
    if (layerNorm()) {
      c.add("// xRaw = x W_ih^T, every step at once\n");
      c.addStatement("$T.fill(xRaw, 0, rows * $L, 0f)", Arrays.class, gh);
    } else {
      c.add("// xProj = b_ih + x W_ih^T, every step at once\n");
      c.addStatement(call(RuntimeTypes.ROWS, "broadcast", "rows", gh, Naming.PARAMS, names.offset(BIAS_IH), "xProj", "0",
          gh));
    }
    if (oneHot()) {
      c.add("// one-hot input: gather rows of the packed W_ih^T (or columns of W_ih) instead of multiplying\n");
      c.beginControlFlow("if (wIh != null)");
      c.addStatement(call(RuntimeTypes.GEMM, "addPackedColumns", "rows", gh, Naming.INPUT_SIZE, "b.symbols", "wIh",
          proj, "0", gh));
      c.nextControlFlow("else");
      c.addStatement(call(RuntimeTypes.ROWS, "addColumnsOf", "rows", gh, Naming.INPUT_SIZE, "b.symbols", Naming.PARAMS,
          names.offset(WEIGHT_IH), proj, "0", gh));
      c.endControlFlow();
    } else {
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "rows", gh, in, "x", "0", in, Naming.PARAMS, names.offset(WEIGHT_IH),
          "wIh", proj, "0", gh));
    }
    if (layerNorm()) {
      LayerNormWriter.normalizeInputProjection(this, c);
    }
    if (recurrentDropout()) {
      c.add("// variational recurrent dropout: one mask per sequence, reused at every step\n");
      c.beginControlFlow("if (b.training)");
      c.addStatement(call(RuntimeTypes.DROPOUT, "sample", "recurrentMask", "n * " + h, layer.recurrentDropout() + "f",
          "b.noiseSeed", String.valueOf(1000 + layerDirection)));
      c.endControlFlow();
    }
    c.beginControlFlow("for (int s = 0; s < b.steps; s++)");
    c.addStatement(reverse ? "int t = b.steps - 1 - s" : "int t = s");
    stepOffsets(c);
    previousState(c, "s == 0");
    String rec = layerNorm() ? "hRaw" : "hProj";
    c.add("// $L = h_{t-1} W_hh^T\n", rec);
    c.addStatement("$T.fill($L, 0, n * $L, 0f)", Arrays.class, rec, gh);
    if (recurrentDropout()) {
      c.beginControlFlow("if (b.training)");
      c.addStatement(call(RuntimeTypes.DROPOUT, "applyRows", "n", h, "hPrev", "hPrevOff", "ldPrev", "recurrentMask",
          "hPrevMasked", "stateOff"));
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "n", gh, h, "hPrevMasked", "stateOff", h, Naming.PARAMS,
          names.offset(WEIGHT_HH), "wHh", rec, "0", gh));
      c.nextControlFlow("else");
    }
    c.addStatement(call(RuntimeTypes.GEMM, "xwT", "n", gh, h, "hPrev", "hPrevOff", "ldPrev", Naming.PARAMS,
        names.offset(WEIGHT_HH), "wHh", rec, "0", gh));
    if (recurrentDropout()) {
      c.endControlFlow();
    }
    if (layerNorm()) {
      LayerNormWriter.normalizeRecurrentProjection(this, c);
    }
    if (layerNorm() && lstm()) {
      LayerNormWriter.lstmForward(this, c);
    } else {
      cellForward(c);
    }
    c.endControlFlow();
    return m.addCode(c.build()).build();
  }

  /** Declares {@code x}, this layer's input {@code [T, B, IN]} (one-hot layers read symbols instead). */
  void input(CodeBlock.Builder c) {
    if (!oneHot()) {
      c.add("float[] x = $L; // the layer's input [T, B, $L]\n", layerInput(spec, k), in);
    }
  }

  /** Declares the cell's state buffers (and the recurrent dropout buffers) as locals. */
  void stateLocals(CodeBlock.Builder c) {
    local(c, "out", PerLayer.OUT.of(k), "h_t of every step [T, B, " + out + "]"
        + (layer.bidirectional() ? ", this direction in columns " + (reverse ? "[H, 2H)" : "[0, H)") : ""));
    if (lstm() || gru()) {
      local(c, "gates", names.gates(), "gate activations [T, B, G*H]");
    }
    if (lstm()) {
      local(c, "cell", names.cell(), "c_t of every step [T, B, H]");
    }
    if (gru()) {
      local(c, "hn", names.newGateRecurrent(), "W_hn h_{t-1} + b_hn of every step [T, B, H]");
    }
    if (layerNorm()) {
      LayerNormWriter.locals(this, c);
    }
    if (recurrentDropout()) {
      local(c, "recurrentMask", names.recurrentMask(), "recurrent dropout mask [B, H]");
      local(c, "hPrevMasked", names.maskedPrevious(), "h_{t-1} * recurrentMask of every step [T, B, H]");
    }
  }

  /** Names the offsets of step t's slices: gate rows, state rows and this direction's output columns. */
  void stepOffsets(CodeBlock.Builder c) {
    c.add("int gateOff = t * n * $L; // step t of the [T, B, G*H] buffers\n", gh);
    if (lstm() || gru() || recurrentDropout()) {
      c.add("int stateOff = t * n * $L; // step t of the [T, B, H] buffers\n", h);
    }
    c.add("int outOff = t * n * $L$L; // step t of out$L\n", out, reverse ? " + " + h : "",
        reverse ? ", reverse columns" : "");
  }

  /**
   * Declares hPrev/hPrevOff/ldPrev (and cPrev/cPrevOff for LSTMs): the state step t starts from, the
   * initial state or step t-1 (t+1 in reverse).
   */
  void previousState(CodeBlock.Builder c, String firstCondition) {
    c.add("// the state step t starts from: the initial state, else step $L\n", reverse ? "t + 1" : "t - 1");
    c.addStatement("boolean first = $L", firstCondition);
    c.addStatement("int prev = $L", reverse ? "t + 1" : "t - 1");
    c.addStatement("float[] hPrev = first ? w.$L[$L] : out", Naming.INITIAL_HIDDEN, layerDirection);
    c.addStatement("int hPrevOff = first ? 0 : prev * n * $L$L", out, reverse ? " + " + h : "");
    c.addStatement("int ldPrev = first ? $L : $L", h, out);
    if (lstm()) {
      c.addStatement("float[] cPrev = first ? w.$L[$L] : cell", Naming.INITIAL_CELL, layerDirection);
      c.addStatement("int cPrevOff = first ? 0 : prev * n * $L", h);
    }
  }

  String peepholeOffset() {
    return layer.cell() == Cell.LSTM_PEEPHOLE ? names.offset(PEEPHOLE) : "-1";
  }

  private String cellEquation() {
    return switch (layer.cell()) {
      case LSTM -> "i, f, g, o = sigmoid, sigmoid, tanh, sigmoid (xProj_t + hProj_t + b_hh)\n"
          + "c_t = f c_{t-1} + i g;  h_t = o tanh(c_t)\n";
      case LSTM_PEEPHOLE -> "i, f = sigmoid(xProj_t + hProj_t + b_hh + P_{i,f} c_{t-1});  g = tanh(...)\n"
          + "c_t = f c_{t-1} + i g;  o = sigmoid(xProj_t + hProj_t + b_hh + P_o c_t);  h_t = o tanh(c_t)\n";
      case GRU -> "r, z = sigmoid(xProj_t + hProj_t + b_hh);  n = tanh(xProj_n + r (hProj_n + b_hn))\n"
          + "h_t = (1 - z) n + z h_{t-1}\n";
      case RNN_TANH -> "h_t = tanh(xProj_t + hProj_t + b_hh)\n";
      case RNN_RELU -> "h_t = relu(xProj_t + hProj_t + b_hh)\n";
    };
  }

  private void cellForward(CodeBlock.Builder c) {
    switch (layer.cell()) {
      case LSTM, LSTM_PEEPHOLE -> {
        c.add("// gates, c_t and h_t\n");
        c.addStatement(call(RuntimeTypes.LSTM_CELL, "forward", "n", h, Naming.PARAMS, names.offset(BIAS_HH),
            peepholeOffset(), "xProj", "gateOff", "hProj", "cPrev", "cPrevOff", "hPrev", "hPrevOff", "ldPrev", "gates",
            "gateOff", "cell", "stateOff", "out", "outOff", out, "b.lengths", "t"));
      }
      case GRU -> {
        c.add("// gates, hn_t and h_t\n");
        c.addStatement(call(RuntimeTypes.GRU_CELL, "forward", "n", h, Naming.PARAMS, names.offset(BIAS_HH), "xProj",
            "gateOff", "hProj", "hPrev", "hPrevOff", "ldPrev", "gates", "gateOff", "hn", "stateOff", "out", "outOff",
            out, "b.lengths", "t"));
      }
      case RNN_TANH, RNN_RELU -> {
        c.add("// h_t\n");
        c.addStatement(call(RuntimeTypes.RNN_CELL, "forward", String.valueOf(layer.cell() == Cell.RNN_RELU), "n", h,
            Naming.PARAMS, names.offset(BIAS_HH), "xProj", "gateOff", "hProj", "hPrev", "hPrevOff", "ldPrev", "out",
            "outOff", out, "b.lengths", "t"));
      }
    }
  }

  MethodSpec backward() {
    return new LayerBackwardWriter(this).write(method(names.backwardMethod()), describe());
  }

  /** {@code float[] name = w.field; // doc}: a tape buffer named as a local. */
  static void local(CodeBlock.Builder c, String local, String field, String doc) {
    c.add("float[] $L = w.$L; // $L\n", local, field, doc);
  }

  /** {@code base + index * size}, written without a zero term. */
  static String offset(String base, int index, String size) {
    return index == 0 ? base : base + " + " + (index == 1 ? size : index + " * " + size);
  }

  private MethodSpec.Builder method(String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(tape, "w")
        .addParameter(RuntimeTypes.BATCH, "b");
  }
}

package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.InputKind;
import dev.unroll.model.LayerSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes the forward and backward methods of one layer-direction: one GEMM for the input
 * projection of every step, then the recurrent loop over time (a {@code [B, H] x [H, G*H]} GEMM
 * and the fused gate kernel per step); backward mirrors it and computes the weight gradients of
 * all steps with one GEMM each after the loop.
 */
final class LayerWriter {
  private final ModelDescription model;
  private final int k;
  private final int d;
  private final LayerSpec layer;
  private final String s;
  private final String h;
  private final String gh;
  private final String out;
  private final String in;
  private final String column;
  private final int layerDirection;
  private final ClassName tape;

  LayerWriter(ModelDescription model, ClassName tape, int layer, int direction) {
    this.tape = tape;
    this.model = model;
    this.k = layer;
    this.d = direction;
    this.layer = model.layers().get(layer);
    this.s = Naming.memberSuffix(layer, direction);
    this.h = Naming.units(layer);
    this.gh = "GH_L" + layer;
    this.out = Naming.outputWidth(layer);
    this.in = Naming.inputWidth(layer);
    this.column = direction == 1 ? " + " + h : "";
    this.layerDirection = model.layerDirectionIndex(layer, direction);
  }

  static String forwardName(int layer, int direction) {
    return "forward" + Naming.memberSuffix(layer, direction);
  }

  static String backwardName(int layer, int direction) {
    return "backward" + Naming.memberSuffix(layer, direction);
  }

  private boolean reverse() {
    return d == 1;
  }

  private String direction() {
    return reverse() ? "backward in time (t = T-1 .. 0)" : "forward in time (t = 0 .. T-1)";
  }

  private String describe() {
    return "Layer " + k + (reverse() ? ", reverse direction" : (layer.bidirectional() ? ", forward direction" : ""))
        + " (" + layer.cell() + ", H = " + layer.units() + ")";
  }

  /** Declares {@code x}, this layer's input {@code [T, B, IN]} (one-hot layers read symbols instead). */
  private void declareInput(CodeBlock.Builder c) {
    if (!oneHot()) {
      c.addStatement("float[] x = $L", model.layerInput(k));
    }
  }

  private boolean recurrentDropout() {
    return layer.recurrentDropout() > 0;
  }

  private boolean oneHot() {
    return k == 0 && model.input().kind() == InputKind.ONE_HOT;
  }

  MethodSpec forward() {
    MethodSpec.Builder m = method(forwardName(k, d));
    m.addJavadoc(describe() + ", " + direction() + ".\n");
    m.addJavadoc("<pre>\npx_t = x_t W_ih^T + b_ih      (every step at once)\n");
    m.addJavadoc("ph_t = h_{t-1} W_hh^T         (per step)\n" + cellEquation() + "</pre>\n");
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int rows = b.steps * n");
    declareInput(c);
    c.add("// packed transposes of the weights, when this pass uses them (see Workspace.packed)\n");
    c.addStatement("float[] wHh = $L", call(RuntimeTypes.GEMM, "pack", "w.packed()", "w.repack()", gh, h,
        "params", Naming.wHh(k, d), "w.wHhPacked" + s));
    c.addStatement("float[] wIh = $L", call(RuntimeTypes.GEMM, "pack", "w.packed()", "w.repack()", gh, in,
        "params", Naming.wIh(k, d), "w.wIhPacked" + s));
    c.addStatement(call(RuntimeTypes.ROWS, "broadcast", "rows", gh, "params", Naming.bIh(k, d), "w.pre" + s, "0", gh));
    if (oneHot()) {
      c.add("// one-hot input: gather rows of the packed W_ih^T (or columns of W_ih) instead of multiplying\n");
      c.beginControlFlow("if (wIh != null)");
      c.addStatement(call(RuntimeTypes.GEMM, "addPackedColumns", "rows", gh, "INPUT_SIZE", "b.symbols", "wIh",
          "w.pre" + s, "0", gh));
      c.nextControlFlow("else");
      c.addStatement(call(RuntimeTypes.ROWS, "addColumnsOf", "rows", gh, "INPUT_SIZE", "b.symbols", "params",
          Naming.wIh(k, d), "w.pre" + s, "0", gh));
      c.endControlFlow();
    } else {
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "rows", gh, in, "x", "0", in, "params", Naming.wIh(k, d), "wIh",
          "w.pre" + s, "0", gh));
    }
    if (recurrentDropout()) {
      c.add("// variational recurrent dropout: one mask per sequence, reused at every step\n");
      c.beginControlFlow("if (b.training)");
      c.addStatement(call(RuntimeTypes.DROPOUT, "sample", "w.recMask" + s, "n * " + h, layer.recurrentDropout() + "f",
          "b.noiseSeed", String.valueOf(1000 + layerDirection)));
      c.endControlFlow();
    }
    c.beginControlFlow("for (int s = 0; s < b.steps; s++)");
    c.addStatement(reverse() ? "int t = b.steps - 1 - s" : "int t = s");
    previousState(c, "s == 0");
    c.addStatement("$T.fill(w.rec$L, 0, n * $L, 0f)", java.util.Arrays.class, s, gh);
    if (recurrentDropout()) {
      c.beginControlFlow("if (b.training)");
      c.addStatement(call(RuntimeTypes.DROPOUT, "applyRows", "n", h, "hPrev", "hPrevOff", "ldPrev", "w.recMask" + s,
          "w.hDrop" + s, "t * n * " + h));
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "n", gh, h, "w.hDrop" + s, "t * n * " + h, h, "params",
          Naming.wHh(k, d), "wHh", "w.rec" + s, "0", gh));
      c.nextControlFlow("else");
    }
    c.addStatement(call(RuntimeTypes.GEMM, "xwT", "n", gh, h, "hPrev", "hPrevOff", "ldPrev", "params",
        Naming.wHh(k, d), "wHh", "w.rec" + s, "0", gh));
    if (recurrentDropout()) {
      c.endControlFlow();
    }
    c.addStatement(cellForward());
    c.endControlFlow();
    return m.addCode(c.build()).build();
  }

  /** Declares hPrev/hPrevOff/ldPrev (and cPrev/cPrevOff for LSTMs): the initial state or step t-1 (t+1 in reverse). */
  private void previousState(CodeBlock.Builder c, String firstCondition) {
    c.addStatement("boolean first = $L", firstCondition);
    c.addStatement("int prev = $L", reverse() ? "t + 1" : "t - 1");
    c.addStatement("float[] hPrev = first ? w.initialHidden[$L] : w.outL$L", layerDirection, k);
    c.addStatement("int hPrevOff = first ? 0 : prev * n * $L$L", out, column);
    c.addStatement("int ldPrev = first ? $L : $L", h, out);
    if (layer.lstm()) {
      c.addStatement("float[] cPrev = first ? w.initialCell[$L] : w.cell$L", layerDirection, s);
      c.addStatement("int cPrevOff = first ? 0 : prev * n * $L", h);
    }
  }

  private String peepholeOffset() {
    return layer.cell() == Cell.LSTM_PEEPHOLE ? Naming.peephole(k, d) : "-1";
  }

  private String cellEquation() {
    return switch (layer.cell()) {
      case LSTM -> "i, f, g, o = sigmoid, sigmoid, tanh, sigmoid (px_t + ph_t + b_hh)\nc_t = f c_{t-1} + i g;  h_t = o tanh(c_t)\n";
      case LSTM_PEEPHOLE -> "i, f = sigmoid(px_t + ph_t + b_hh + P_{i,f} c_{t-1});  g = tanh(...)\n"
          + "c_t = f c_{t-1} + i g;  o = sigmoid(px_t + ph_t + b_hh + P_o c_t);  h_t = o tanh(c_t)\n";
      case GRU -> "r, z = sigmoid(px_t + ph_t + b_hh);  n = tanh(px_n + r (ph_n + b_hn))\nh_t = (1 - z) n + z h_{t-1}\n";
      case RNN_TANH -> "h_t = tanh(px_t + ph_t + b_hh)\n";
      case RNN_RELU -> "h_t = relu(px_t + ph_t + b_hh)\n";
    };
  }

  private CodeBlock cellForward() {
    String step = "t * n * " + gh;
    String hOut = "t * n * " + out + column;
    return switch (layer.cell()) {
      case LSTM, LSTM_PEEPHOLE -> call(RuntimeTypes.LSTM_CELL, "forward", "n", h, "params", Naming.bHh(k, d),
          peepholeOffset(), "w.pre" + s, step, "w.rec" + s, "cPrev", "cPrevOff", "hPrev", "hPrevOff", "ldPrev",
          "w.gates" + s, step, "w.cell" + s, "t * n * " + h, "w.outL" + k, hOut, out, "b.lengths", "t");
      case GRU -> call(RuntimeTypes.GRU_CELL, "forward", "n", h, "params", Naming.bHh(k, d), "w.pre" + s, step,
          "w.rec" + s, "hPrev", "hPrevOff", "ldPrev", "w.gates" + s, step, "w.hn" + s, "t * n * " + h,
          "w.outL" + k, hOut, out, "b.lengths", "t");
      case RNN_TANH, RNN_RELU -> call(RuntimeTypes.RNN_CELL, "forward", String.valueOf(layer.cell() == Cell.RNN_RELU),
          "n", h, "params", Naming.bHh(k, d), "w.pre" + s, step, "w.rec" + s, "hPrev", "hPrevOff", "ldPrev",
          "w.outL" + k, hOut, out, "b.lengths", "t");
    };
  }

  MethodSpec backward() {
    MethodSpec.Builder m = method(backwardName(k, d));
    m.addJavadoc("Backward through " + describe() + ", visiting steps in the opposite order to forward.\n");
    m.addJavadoc("<pre>\nda_t  = gate kernel backward (dh_t = dOut_t + da_{t+1} W_hh)\n");
    m.addJavadoc("dW_ih += da^T x;  db_ih += sum(da)       (all steps at once)\n");
    m.addJavadoc("dW_hh += da_t^T h_{t-1};  db_hh += sum(da)\ndx    += da W_ih\n</pre>\n");
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int rows = b.steps * n");
    declareInput(c);
    c.addStatement("$T.fill(w.dh$L, 0, n * $L, 0f)", java.util.Arrays.class, s, h);
    if (layer.lstm() && k == model.layers().size() - 1 && model.head().readsCellState()) {
      c.add("// the head reads the end cell state: its gradient is where dc starts\n");
      c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w.dHeadInput", reverse() ? h : "0", out, "w.dc" + s,
          "0", h));
    } else if (layer.lstm()) {
      c.addStatement("$T.fill(w.dc$L, 0, n * $L, 0f)", java.util.Arrays.class, s, h);
    }
    c.beginControlFlow("for (int s = 0; s < b.steps; s++)");
    c.addStatement(reverse() ? "int t = s" : "int t = b.steps - 1 - s");
    previousState(c, reverse() ? "t == b.steps - 1" : "t == 0");
    c.addStatement(cellBackward());
    c.add("// dh_{t-1} += da_t W_hh$L\n", recurrentDropout() ? " (times the recurrent dropout mask while training)" : "");
    if (recurrentDropout()) {
      c.beginControlFlow("if (b.training)");
      c.addStatement("$T.fill(w.dhMasked$L, 0, n * $L, 0f)", java.util.Arrays.class, s, h);
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", h, gh, recurrentGradient(), "t * n * " + gh, gh, "params",
          Naming.wHh(k, d), h, "w.dhMasked" + s, "0", h));
      c.addStatement(call(RuntimeTypes.DROPOUT, "addScaled", "n * " + h, "w.dhMasked" + s, "w.recMask" + s, "w.dh" + s));
      c.nextControlFlow("else");
    }
    c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", h, gh, recurrentGradient(), "t * n * " + gh, gh, "params",
        Naming.wHh(k, d), h, "w.dh" + s, "0", h));
    if (recurrentDropout()) {
      c.endControlFlow();
    }
    c.endControlFlow();
    weightGradients(c);
    inputGradient(c);
    initialStateGradient(c);
    return m.addCode(c.build()).build();
  }

  /** Gradient of the recurrent pre-activations: the GRU keeps its own, the others share da. */
  private String recurrentGradient() {
    return layer.cell() == Cell.GRU ? "w.dRec" + s : "w.pre" + s;
  }

  private CodeBlock cellBackward() {
    String step = "t * n * " + gh;
    String dOut = "t * n * " + out + column;
    return switch (layer.cell()) {
      case LSTM, LSTM_PEEPHOLE -> call(RuntimeTypes.LSTM_CELL, "backward", "n", h, "params", peepholeOffset(),
          "w.gates" + s, step, "cPrev", "cPrevOff", "w.cell" + s, "t * n * " + h, "w.dOutL" + k, dOut, out,
          "w.dh" + s, "w.dc" + s, "w.pre" + s, step, "w.gradients",
          layer.cell() == Cell.LSTM_PEEPHOLE ? Naming.peephole(k, d) : "0", "b.lengths", "t");
      case GRU -> call(RuntimeTypes.GRU_CELL, "backward", "n", h, "w.gates" + s, step, "w.hn" + s, "t * n * " + h,
          "hPrev", "hPrevOff", "ldPrev", "w.dOutL" + k, dOut, out, "w.dh" + s, "w.pre" + s, step,
          "w.dRec" + s, step, "b.lengths", "t");
      case RNN_TANH, RNN_RELU -> call(RuntimeTypes.RNN_CELL, "backward", String.valueOf(layer.cell() == Cell.RNN_RELU),
          "n", h, "w.outL" + k, "t * n * " + out + column, out, "w.dOutL" + k, dOut, out, "w.dh" + s,
          "w.pre" + s, step, "b.lengths", "t");
    };
  }

  private void weightGradients(CodeBlock.Builder c) {
    String dPre = "w.pre" + s;
    if (oneHot()) {
      c.addStatement(call(RuntimeTypes.ROWS, "addToColumns", "rows", gh, "INPUT_SIZE", "b.symbols", dPre, "0", gh,
          "w.gradients", Naming.wIh(k, d)));
    } else {
      c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, in, "rows", dPre, "0", gh, "x", "0", in,
          "w.gradients", Naming.wIh(k, d), in));
    }
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "rows", gh, dPre, "0", gh, "w.gradients", Naming.bIh(k, d)));
    String dRec = recurrentGradient();
    if (recurrentDropout()) {
      c.beginControlFlow("if (b.training)");
      c.add("// dW_hh: the masked previous states of every step are on the tape\n");
      c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "rows", dRec, "0", gh, "w.hDrop" + s, "0", h,
          "w.gradients", Naming.wHh(k, d), h));
      c.nextControlFlow("else");
    }
    c.add("// dW_hh: steps that have a previous step in one GEMM, the first step against the initial state\n");
    String firstStep = reverse() ? "(b.steps - 1) * n * " + gh : "0";
    String laterSteps = reverse() ? "0" : "n * " + gh;
    String prevRows = reverse() ? "n * " + out + column : "0";
    c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "rows - n", dRec, laterSteps, gh, "w.outL" + k,
        prevRows, out, "w.gradients", Naming.wHh(k, d), h));
    c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "n", dRec, firstStep, gh,
        "w.initialHidden[" + layerDirection + "]", "0", h, "w.gradients", Naming.wHh(k, d), h));
    if (recurrentDropout()) {
      c.endControlFlow();
    }
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "rows", gh, dRec, "0", gh, "w.gradients", Naming.bHh(k, d)));
  }

  private void inputGradient(CodeBlock.Builder c) {
    String target;
    if (k > 0) {
      target = "w.dOutL" + (k - 1);
    } else if (model.input().kind() == InputKind.DENSE) {
      target = "w.inputGradient";
    } else if (model.input().kind() == InputKind.EMBEDDING) {
      target = "w.dEmbedded";
    } else {
      return; // one-hot symbols have no gradient
    }
    c.add("// dx += da W_ih\n");
    c.addStatement(call(RuntimeTypes.GEMM, "nn", "rows", in, gh, "w.pre" + s, "0", gh, "params", Naming.wIh(k, d),
        in, target, "0", in));
  }

  private void initialStateGradient(CodeBlock.Builder c) {
    if (!model.learnedInitialState()) {
      return;
    }
    c.add("// the learned initial state is shared by every sequence: sum its gradient over the batch\n");
    c.beginControlFlow("if (!b.continueState)");
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "n", h, "w.dh" + s, "0", h, "w.gradients",
        offset("H0", layerDirection, h)));
    if (layer.lstm()) {
      c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "n", h, "w.dc" + s, "0", h, "w.gradients",
          offset("C0", layerDirection, h)));
    }
    c.endControlFlow();
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

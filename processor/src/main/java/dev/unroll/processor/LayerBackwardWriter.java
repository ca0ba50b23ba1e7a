package dev.unroll.processor;

import static dev.unroll.model.Parameters.Role.BIAS_HH;
import static dev.unroll.model.Parameters.Role.BIAS_IH;
import static dev.unroll.model.Parameters.Role.PEEPHOLE;
import static dev.unroll.model.Parameters.Role.WEIGHT_HH;
import static dev.unroll.model.Parameters.Role.WEIGHT_IH;
import static dev.unroll.processor.Calls.call;
import static dev.unroll.processor.LayerWriter.local;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.InputKind;
import dev.unroll.processor.Naming.PerLayer;
import java.util.Arrays;

/**
 * Writes the backward method of one layer-direction (see {@link LayerWriter}, which writes its
 * forward method): the steps in the opposite order to forward, each through the gate kernel's
 * backward and {@code dh_{t-1} = da_t W_hh}; then, for all steps at once, the weight, bias and
 * input gradients. Gradients of the gate pre-activations go to their own buffer ({@code dPreact}),
 * never into the forward pass's projections.
 */
final class LayerBackwardWriter {
  private final LayerWriter f;
  private final Naming.LayerDirection names;
  private final String h;
  private final String gh;
  private final String out;
  private final String in;

  LayerBackwardWriter(LayerWriter forward) {
    this.f = forward;
    this.names = forward.names;
    this.h = forward.h;
    this.gh = forward.gh;
    this.out = forward.out;
    this.in = forward.in;
  }

  MethodSpec write(MethodSpec.Builder m, String describe) {
    m.addJavadoc("Backward through " + describe + ", visiting steps in the opposite order to forward.\n");
    m.addJavadoc("<pre>\ndPreact_t = gate kernel backward (dh_t = dOut_t + dPreact_{t+1} W_hh)\n");
    m.addJavadoc("dW_ih += dPreact^T x;  db_ih += sum(dPreact)       (all steps at once)\n");
    m.addJavadoc("dW_hh += dPreact_t^T h_{t-1};  db_hh += sum(dPreact)\ndx    += dPreact W_ih\n</pre>\n");
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int rows = b.steps * n");
    f.input(c);
    f.stateLocals(c);
    local(c, "dOut", PerLayer.D_OUT.of(f.k), "d loss / d out [T, B, " + out + "]");
    local(c, "dPreact", names.dPreactivation(), "d loss / d gate pre-activations [T, B, G*H]");
    if (f.gru()) {
      local(c, "dHProj", names.dRecurrentProjection(), "d loss / d (hProj + b_hh) [T, B, G*H]");
    }
    local(c, "dh", names.dh(), "d loss / d h_{t-1}, carried to the previous step [B, H]");
    if (f.lstm()) {
      local(c, "dc", names.dc(), "d loss / d c_{t-1}, carried to the previous step [B, H]");
    }
    if (f.recurrentDropout()) {
      local(c, "dhUnmasked", names.dhUnmasked(), "dPreact_t W_hh before the recurrent dropout mask [B, H]");
    }
    local(c, "grad", Naming.GRADIENTS, "d loss / d parameters, accumulated");
    if (f.layerNorm()) {
      LayerNormWriter.backwardLocals(f, c);
    }
    c.addStatement("$T.fill(dh, 0, n * $L, 0f)", Arrays.class, h);
    boolean top = f.k == f.spec.layers().size() - 1;
    if (f.lstm() && top && f.spec.head().readsCellState()) {
      c.add("// the head reads the end cell state: its gradient is where dc starts\n");
      c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w." + Naming.D_HEAD_INPUT, f.reverse ? h : "0", out,
          "dc", "0", h));
    } else if (f.lstm()) {
      c.addStatement("$T.fill(dc, 0, n * $L, 0f)", Arrays.class, h);
    }
    c.beginControlFlow("for (int s = 0; s < b.steps; s++)");
    c.addStatement(f.reverse ? "int t = s" : "int t = b.steps - 1 - s");
    f.stepOffsets(c);
    f.previousState(c, f.reverse ? "t == b.steps - 1" : "t == 0");
    if (f.layerNorm() && f.lstm()) {
      LayerNormWriter.lstmBackward(f, c);
    } else {
      cellBackward(c);
    }
    if (f.layerNorm()) {
      LayerNormWriter.recurrentBackward(f, c, recurrentGradient());
    }
    c.add("// dh_{t-1} += $L_t W_hh$L\n", recurrentRaw(),
        f.recurrentDropout() ? " (times the recurrent dropout mask while training)" : "");
    if (f.recurrentDropout()) {
      c.beginControlFlow("if (b.training)");
      c.addStatement("$T.fill(dhUnmasked, 0, n * $L, 0f)", Arrays.class, h);
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", h, gh, recurrentRaw(), "gateOff", gh, Naming.PARAMS,
          names.offset(WEIGHT_HH), h, "dhUnmasked", "0", h));
      c.addStatement(call(RuntimeTypes.DROPOUT, "addScaled", "n * " + h, "dhUnmasked", "recurrentMask", "dh"));
      c.nextControlFlow("else");
    }
    c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", h, gh, recurrentRaw(), "gateOff", gh, Naming.PARAMS,
        names.offset(WEIGHT_HH), h, "dh", "0", h));
    if (f.recurrentDropout()) {
      c.endControlFlow();
    }
    c.endControlFlow();
    weightGradients(c);
    inputGradient(c);
    initialStateGradient(c);
    return m.addCode(c.build()).build();
  }

  /** Gradient of the recurrent pre-activations: the GRU keeps its own, the others share dPreact. */
  private String recurrentGradient() {
    return f.gru() ? "dHProj" : "dPreact";
  }

  /** Gradient of {@code h_{t-1} W_hh^T}: through the layer norm when there is one. */
  private String recurrentRaw() {
    return f.layerNorm() ? "dHRaw" : recurrentGradient();
  }

  /** Gradient of {@code x W_ih^T}: through the layer norm when there is one. */
  private String inputRaw() {
    return f.layerNorm() ? "dXRaw" : "dPreact";
  }

  private void cellBackward(CodeBlock.Builder c) {
    switch (f.layer.cell()) {
      case LSTM, LSTM_PEEPHOLE -> {
        c.add("// dPreact_t from dh_t = dOut_t + dh and dc$L\n", f.layer.cell() == Cell.LSTM_PEEPHOLE
            ? "; accumulates the peephole gradients" : "");
        c.addStatement(call(RuntimeTypes.LSTM_CELL, "backward", "n", h, Naming.PARAMS, f.peepholeOffset(), "gates",
            "gateOff", "cPrev", "cPrevOff", "cell", "stateOff", "dOut", "outOff", out, "dh", "dc", "dPreact", "gateOff",
            "grad", f.layer.cell() == Cell.LSTM_PEEPHOLE ? names.offset(PEEPHOLE) : "0", "b.lengths", "t"));
      }
      case GRU -> {
        c.add("// dPreact_t and dHProj_t from dh_t = dOut_t + dh\n");
        c.addStatement(call(RuntimeTypes.GRU_CELL, "backward", "n", h, "gates", "gateOff", "hn", "stateOff", "hPrev",
            "hPrevOff", "ldPrev", "dOut", "outOff", out, "dh", "dPreact", "gateOff", "dHProj", "gateOff", "b.lengths",
            "t"));
      }
      case RNN_TANH, RNN_RELU -> {
        c.add("// dPreact_t from dh_t = dOut_t + dh\n");
        c.addStatement(call(RuntimeTypes.RNN_CELL, "backward", String.valueOf(f.layer.cell() == Cell.RNN_RELU), "n",
            h, "out", "outOff", out, "dOut", "outOff", out, "dh", "dPreact", "gateOff", "b.lengths", "t"));
      }
    }
  }

  private void weightGradients(CodeBlock.Builder c) {
    if (f.layerNorm()) {
      LayerNormWriter.inputBackward(f, c);
    }
    c.add("// dW_ih += $L^T x;  db_ih += sum(dPreact)\n", inputRaw());
    if (f.oneHot()) {
      c.addStatement(call(RuntimeTypes.ROWS, "addToColumns", "rows", gh, Naming.INPUT_SIZE, "b.symbols", inputRaw(),
          "0", gh, "grad", names.offset(WEIGHT_IH)));
    } else {
      c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, in, "rows", inputRaw(), "0", gh, "x", "0", in, "grad",
          names.offset(WEIGHT_IH), in));
    }
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "rows", gh, "dPreact", "0", gh, "grad",
        names.offset(BIAS_IH)));
    String dRec = recurrentRaw();
    if (f.recurrentDropout()) {
      c.beginControlFlow("if (b.training)");
      c.add("// dW_hh: the masked previous states of every step are on the tape\n");
      c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "rows", dRec, "0", gh, "hPrevMasked", "0", h, "grad",
          names.offset(WEIGHT_HH), h));
      c.nextControlFlow("else");
    }
    c.add("// dW_hh: steps that have a previous step in one GEMM, the first step against the initial state\n");
    String firstStep = f.reverse ? "(b.steps - 1) * n * " + gh : "0";
    String laterSteps = f.reverse ? "0" : "n * " + gh;
    String prevRows = f.reverse ? "n * " + out + " + " + h : "0";
    c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "rows - n", dRec, laterSteps, gh, "out", prevRows, out, "grad",
        names.offset(WEIGHT_HH), h));
    c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "n", dRec, firstStep, gh,
        "w." + Naming.INITIAL_HIDDEN + "[" + f.layerDirection + "]", "0", h, "grad", names.offset(WEIGHT_HH), h));
    if (f.recurrentDropout()) {
      c.endControlFlow();
    }
    c.add("// db_hh += sum($L)\n", recurrentGradient());
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "rows", gh, recurrentGradient(), "0", gh, "grad",
        names.offset(BIAS_HH)));
  }

  private void inputGradient(CodeBlock.Builder c) {
    String target;
    if (f.k > 0) {
      target = "w." + PerLayer.D_OUT.of(f.k - 1);
    } else if (f.spec.input().kind() == InputKind.DENSE) {
      target = "w." + Naming.INPUT_GRADIENT;
    } else if (f.spec.input().kind() == InputKind.EMBEDDING) {
      target = "w." + Naming.D_EMBEDDED;
    } else {
      return; // one-hot symbols have no gradient
    }
    c.add("// dx += $L W_ih\n", inputRaw());
    c.addStatement(call(RuntimeTypes.GEMM, "nn", "rows", in, gh, inputRaw(), "0", gh, Naming.PARAMS,
        names.offset(WEIGHT_IH), in, target, "0", in));
  }

  private void initialStateGradient(CodeBlock.Builder c) {
    if (f.spec.conditioned()) {
      ConditionedStateWriter.backward(f, c);
      return;
    }
    if (!f.spec.learnedInitialState()) {
      return;
    }
    c.add("// the learned initial state is shared by every sequence: sum its gradient over the batch\n");
    c.beginControlFlow("if (!b.continueState)");
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "n", h, "dh", "0", h, "grad",
        LayerWriter.offset(Naming.H0, f.layerDirection, h)));
    if (f.lstm()) {
      c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "n", h, "dc", "0", h, "grad",
          LayerWriter.offset(Naming.C0, f.layerDirection, h)));
    }
    c.endControlFlow();
  }
}

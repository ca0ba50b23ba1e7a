package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;
import static dev.unroll.processor.Seq2SeqNaming.PARAMS;
import static dev.unroll.processor.Seq2SeqPassesWriter.part;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.Cell;
import dev.unroll.model.Seq2SeqSpec;
import java.util.Arrays;

/**
 * Writes the teacher-forced forward and backward methods of one layer-direction of an
 * encoder-decoder's stack: one GEMM (or a one-hot gather) for the input projection of every step,
 * then the recurrent loop ({@code [B, H] x [H, G*H]} and the fused cell kernel per step); backward
 * mirrors it and takes the weight gradients of all steps with one GEMM each after the loop.
 *
 * <p>The encoder starts from zeros and carries its state through padded steps ({@code t >=
 * sourceLengths[b]}); the decoder starts from the bridge's output (layer k's columns of {@code
 * bridgeOutput}) with c0 = 0 and runs every target step.
 */
final class Seq2SeqStackWriter {
  private final Seq2SeqSpec spec;
  private final Seq2SeqNaming.Stack stack;
  private final ClassName tape;
  private final int k;
  private final int d;
  private final Cell cell;
  private final String h, gh, ow, in;

  Seq2SeqStackWriter(Seq2SeqSpec spec, Seq2SeqNaming.Stack stack, ClassName tape, int layer, int direction) {
    this.spec = spec;
    this.stack = stack;
    this.tape = tape;
    this.k = layer;
    this.d = direction;
    this.cell = stack.layer().cell();
    this.h = stack.units();
    this.gh = stack.gateRows();
    this.ow = stack.outputWidth();
    this.in = stack.inputWidth(layer);
  }

  private String describe() {
    return (stack.encoder() ? "Encoder" : "Decoder") + " layer " + k + (d == 1 ? ", reverse direction"
        : stack.directions() == 2 ? ", forward direction" : "") + " (" + cell + ", H = " + stack.layer().units() + ")";
  }

  private boolean lstm() {
    return cell == Cell.LSTM;
  }

  private boolean gru() {
    return cell == Cell.GRU;
  }

  private boolean oneHot() {
    return stack.oneHot(k, spec);
  }

  /** The initial state of this layer: array, offset and leading dimension. */
  private String[] initialState() {
    if (stack.encoder()) {
      return new String[] {"w." + Seq2SeqNaming.ZEROS, "0", h};
    }
    return new String[] {"w." + Seq2SeqNaming.BRIDGE_OUTPUT, k == 0 ? "0" : k == 1 ? h : k + " * " + h,
        Seq2SeqNaming.BRIDGE_ROWS};
  }

  private String column() {
    return d == 1 ? " + " + h : "";
  }

  private void locals(CodeBlock.Builder c) {
    c.addStatement("int n = b.size");
    c.addStatement("int steps = $L", stack.steps());
    c.addStatement("int rows = steps * n");
    if (!oneHot()) {
      c.add("float[] x = $L; // the layer's input [T, B, $L]\n", k == 0 ? "b.source" : "w." + stack.out(k - 1), in);
    }
    c.add("float[] out = w.$L; // h_t of every step [T, B, $L]\n", stack.out(k), ow);
    if (lstm() || gru()) {
      c.add("float[] gates = w.$L; // gate activations [T, B, G*H]\n", stack.buffer("Gates", k, d));
    }
    if (lstm()) {
      c.add("float[] cell = w.$L; // c_t of every step [T, B, H]\n", stack.buffer("Cell", k, d));
    }
    if (gru()) {
      c.add("float[] hn = w.$L; // W_hn h_{t-1} + b_hn of every step [T, B, H]\n", stack.buffer("Hn", k, d));
    }
  }

  /** hPrev/hPrevOff/ldPrev (and cPrev/cPrevOff): the initial state at the first step, else step prev. */
  private void previousState(CodeBlock.Builder c, String first) {
    String[] init = initialState();
    c.addStatement("boolean first = $L", first);
    c.addStatement("int prev = $L", d == 1 ? "t + 1" : "t - 1");
    c.addStatement("float[] hPrev = first ? $L : out", init[0]);
    c.addStatement("int hPrevOff = first ? $L : prev * n * $L$L", init[1], ow, column());
    c.addStatement("int ldPrev = first ? $L : $L", init[2], ow);
    if (lstm()) {
      c.addStatement("float[] cPrev = first ? w.$L : cell", Seq2SeqNaming.ZEROS);
      c.addStatement("int cPrevOff = first ? 0 : prev * n * $L", h);
    }
    c.addStatement("int gateOff = t * n * $L", gh);
    c.addStatement("int stateOff = t * n * $L", h);
    c.addStatement("int outOff = t * n * $L$L", ow, column());
  }

  MethodSpec forward() {
    CodeBlock.Builder c = CodeBlock.builder();
    locals(c);
    c.add("float[] xProj = w.$L; // x W_ih^T + b_ih [T, B, G*H]\n", stack.buffer("XProj", k, d));
    c.add("float[] hProj = w.$L; // h_{t-1} W_hh^T of the current step [B, G*H]\n", stack.hProj());
    c.add("// packed transposes of the weights for batches of $T.PACK_MIN_ROWS sequences or more (null: dot products)\n",
        RuntimeTypes.GEMM);
    c.addStatement("boolean packs = n >= $T.PACK_MIN_ROWS", RuntimeTypes.GEMM);
    c.addStatement("float[] wHh = $L", call(RuntimeTypes.GEMM, "pack", "packs", "true", gh, h, PARAMS,
        stack.weightHh(k, d), "w." + stack.buffer("WHhPacked", k, d)));
    if (!oneHot()) {
      c.addStatement("float[] wIh = $L", call(RuntimeTypes.GEMM, "pack", "packs", "true", gh, in, PARAMS,
          stack.weightIh(k, d), "w." + stack.buffer("WIhPacked", k, d)));
    }
    c.addStatement(call(RuntimeTypes.ROWS, "broadcast", "rows", gh, PARAMS, stack.biasIh(k, d), "xProj", "0", gh));
    if (oneHot()) {
      c.add("// one-hot input: gather columns of W_ih instead of multiplying\n");
      c.addStatement(call(RuntimeTypes.ROWS, "addColumnsOf", "rows", gh, in, stack.symbols(), PARAMS,
          stack.weightIh(k, d), "xProj", "0", gh));
    } else {
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "rows", gh, in, "x", "0", in, PARAMS, stack.weightIh(k, d), "wIh",
          "xProj", "0", gh));
    }
    c.beginControlFlow("for (int s = 0; s < steps; s++)");
    c.addStatement(d == 1 ? "int t = steps - 1 - s" : "int t = s");
    previousState(c, "s == 0");
    c.addStatement("$T.fill(hProj, 0, n * $L, 0f)", Arrays.class, gh);
    c.addStatement(call(RuntimeTypes.GEMM, "xwT", "n", gh, h, "hPrev", "hPrevOff", "ldPrev", PARAMS,
        stack.weightHh(k, d), "wHh", "hProj", "0", gh));
    String lengths = stack.lengths();
    switch (cell) {
      case LSTM -> c.addStatement(call(RuntimeTypes.LSTM_CELL, "forward", "n", h, PARAMS, stack.biasHh(k, d), "-1",
          "xProj", "gateOff", "hProj", "cPrev", "cPrevOff", "hPrev", "hPrevOff", "ldPrev", "gates", "gateOff", "cell",
          "stateOff", "out", "outOff", ow, lengths, "t"));
      case GRU -> c.addStatement(call(RuntimeTypes.GRU_CELL, "forward", "n", h, PARAMS, stack.biasHh(k, d), "xProj",
          "gateOff", "hProj", "hPrev", "hPrevOff", "ldPrev", "gates", "gateOff", "hn", "stateOff", "out", "outOff", ow,
          lengths, "t"));
      default -> c.addStatement(call(RuntimeTypes.RNN_CELL, "forward", "false", "n", h, PARAMS, stack.biasHh(k, d),
          "xProj", "gateOff", "hProj", "hPrev", "hPrevOff", "ldPrev", "out", "outOff", ow, lengths, "t"));
    }
    c.endControlFlow();
    return part(tape, stack.forwardMethod(k, d), describe() + ", "
        + (d == 1 ? "backward in time (t = T-1 .. 0)" : "forward in time (t = 0 .. T-1)")
        + ".\n<pre>\nxProj_t = x_t W_ih^T + b_ih      (every step at once)\nhProj_t = h_{t-1} W_hh^T"
        + "         (per step, then the cell kernel)\n</pre>\n", c);
  }

  MethodSpec backward() {
    CodeBlock.Builder c = CodeBlock.builder();
    locals(c);
    c.add("float[] dOut = w.$L; // d loss / d out [T, B, $L]\n", stack.dOut(k), ow);
    c.add("float[] dPreact = w.$L; // d loss / d gate pre-activations [T, B, G*H]\n", stack.buffer("DPreact", k, d));
    if (gru()) {
      c.add("float[] dHProj = w.$L; // d loss / d (hProj + b_hh) [T, B, G*H]\n", stack.buffer("DHProj", k, d));
    }
    c.add("float[] dh = w.$L; // d loss / d h_{t-1}, carried to the previous step [B, H]\n", stack.dh(k));
    if (lstm()) {
      c.add("float[] dc = w.$L; // d loss / d c_{t-1} [B, H]\n", stack.dc());
    }
    c.add("float[] grad = w.$L;\n", Seq2SeqNaming.GRADIENTS);
    c.addStatement("$T.fill(dh, 0, n * $L, 0f)", Arrays.class, h);
    if (lstm()) {
      c.addStatement("$T.fill(dc, 0, n * $L, 0f)", Arrays.class, h);
    }
    String dRec = gru() ? "dHProj" : "dPreact";
    c.beginControlFlow("for (int s = 0; s < steps; s++)");
    c.addStatement(d == 1 ? "int t = s" : "int t = steps - 1 - s");
    previousState(c, d == 1 ? "t == steps - 1" : "t == 0");
    String lengths = stack.lengths();
    switch (cell) {
      case LSTM -> c.addStatement(call(RuntimeTypes.LSTM_CELL, "backward", "n", h, PARAMS, "-1", "gates", "gateOff",
          "cPrev", "cPrevOff", "cell", "stateOff", "dOut", "outOff", ow, "dh", "dc", "dPreact", "gateOff", "grad", "-1",
          lengths, "t"));
      case GRU -> c.addStatement(call(RuntimeTypes.GRU_CELL, "backward", "n", h, "gates", "gateOff", "hn", "stateOff",
          "hPrev", "hPrevOff", "ldPrev", "dOut", "outOff", ow, "dh", "dPreact", "gateOff", "dHProj", "gateOff", lengths,
          "t"));
      default -> c.addStatement(call(RuntimeTypes.RNN_CELL, "backward", "false", "n", h, "out", "outOff", ow, "dOut",
          "outOff", ow, "dh", "dPreact", "gateOff", lengths, "t"));
    }
    c.add("// dh_{t-1} += dRec_t W_hh\n");
    c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", h, gh, dRec, "gateOff", gh, PARAMS, stack.weightHh(k, d), h, "dh",
        "0", h));
    c.endControlFlow();
    weightGradients(c, dRec);
    String layer = describe();
    return part(tape, stack.backwardMethod(k, d), "Backward through " + Character.toLowerCase(layer.charAt(0))
        + layer.substring(1) + ", visiting steps in the opposite order to forward.\n"
        + "<pre>\ndPreact_t = cell kernel backward (dh_t = dOut_t + dPreact_{t+1} W_hh)\n"
        + "dW_ih += dPreact^T x;  dW_hh += dPreact_t^T h_{t-1};  db += sum(dPreact)   (all steps at once)\n"
        + "dx += dPreact W_ih\n</pre>\n", c);
  }

  private void weightGradients(CodeBlock.Builder c, String dRec) {
    c.add("// dW_ih += dPreact^T x;  db_ih += sum(dPreact)\n");
    if (oneHot()) {
      c.addStatement(call(RuntimeTypes.ROWS, "addToColumns", "rows", gh, in, stack.symbols(), "dPreact", "0", gh, "grad",
          stack.weightIh(k, d)));
    } else {
      c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, in, "rows", "dPreact", "0", gh, "x", "0", in, "grad",
          stack.weightIh(k, d), in));
    }
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "rows", gh, "dPreact", "0", gh, "grad", stack.biasIh(k, d)));
    c.add("// dW_hh: the steps that have a previous step in one GEMM, the first step against the initial state\n");
    String recOff = d == 1 ? "0" : "n * " + gh;
    String prevOff = d == 1 ? "n * " + ow + column() : "0";
    c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "rows - n", dRec, recOff, gh, "out", prevOff, ow, "grad",
        stack.weightHh(k, d), h));
    String[] init = initialState();
    c.addStatement(call(RuntimeTypes.GEMM, "tn", gh, h, "n", dRec, d == 1 ? "(steps - 1) * n * " + gh : "0", gh,
        init[0], init[1], init[2], "grad", stack.weightHh(k, d), h));
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", "rows", gh, dRec, "0", gh, "grad", stack.biasHh(k, d)));
    String below = k > 0 ? "w." + stack.dOut(k - 1) : oneHot() ? null : "w." + Seq2SeqNaming.SOURCE_GRADIENT;
    if (below != null) {
      c.add("// dx += dPreact W_ih (cleared by the caller before the layer's first direction)\n");
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "rows", in, gh, "dPreact", "0", gh, PARAMS, stack.weightIh(k, d), in,
          below, "0", in));
    }
  }
}

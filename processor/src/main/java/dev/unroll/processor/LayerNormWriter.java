package dev.unroll.processor;

import static dev.unroll.model.Parameters.Role.BIAS_HH;
import static dev.unroll.model.Parameters.Role.BIAS_IH;
import static dev.unroll.model.Parameters.Role.LN_C_WEIGHT;
import static dev.unroll.model.Parameters.Role.LN_HH_BIAS;
import static dev.unroll.model.Parameters.Role.LN_HH_WEIGHT;
import static dev.unroll.model.Parameters.Role.LN_IH_BIAS;
import static dev.unroll.model.Parameters.Role.LN_IH_WEIGHT;
import static dev.unroll.processor.Calls.call;
import static dev.unroll.processor.LayerWriter.local;

import com.palantir.javapoet.CodeBlock;
import java.util.Arrays;

/**
 * The parts of a layer-direction's forward and backward methods that a layer-normalised cell adds
 * (reference/FORMAT-v2.md): {@code xProj = LN(x W_ih^T; ln_ih) + b_ih} for every step at once,
 * {@code hProj = LN(h_{t-1} W_hh^T; ln_hh)} per step (the cell kernel adds {@code b_hh}), the LSTM's
 * {@code h_t = o tanh(LN(c_t; ln_c))}, and the layer norms' backward passes. {@link LayerWriter}
 * and {@link LayerBackwardWriter} call in here where a plain cell would not.
 */
final class LayerNormWriter {
  private LayerNormWriter() {}

  static final String EQUATIONS = "<p>Layer-normalised: {@code xProj = LN(x W_ih^T; ln_ih) + b_ih}, {@code hProj = "
      + "LN(h_{t-1} W_hh^T; ln_hh)},\neach over all G*H gate rows; an LSTM outputs {@code h_t = o tanh(LN(c_t; ln_c))} "
      + "and carries the un-normalised c_t.\n";

  /** The layer norms' buffers, as locals. */
  static void locals(LayerWriter f, CodeBlock.Builder c) {
    Naming.LayerDirection names = f.names;
    local(c, "xRaw", names.inputProjectionRaw(), "x W_ih^T before the layer norm [T, B, G*H]");
    local(c, "xHat", names.normalized("x"), "normalised x W_ih^T [T, B, G*H]");
    local(c, "xRstd", names.inverseDeviation("x"), "1/sqrt(var + eps) of each row of x W_ih^T [T, B]");
    local(c, "hRaw", names.recurrentProjectionRaw(), "h_{t-1} W_hh^T of the current step before the layer norm [B, G*H]");
    local(c, "hHat", names.normalized("h"), "normalised h_{t-1} W_hh^T [T, B, G*H]");
    local(c, "hRstd", names.inverseDeviation("h"), "1/sqrt(var + eps) of each row of h_{t-1} W_hh^T [T, B]");
    if (f.lstm()) {
      local(c, "cHat", names.normalized("c"), "normalised c_t [T, B, H]");
      local(c, "cRstd", names.inverseDeviation("c"), "1/sqrt(var + eps) of each c_t [T, B]");
    }
  }

  /** {@code xProj = b_ih + LN(xRaw; ln_ih)}, every step at once. */
  static void normalizeInputProjection(LayerWriter f, CodeBlock.Builder c) {
    c.add("// xProj = b_ih + LN(xRaw; ln_ih), each row over all G*H gate rows\n");
    c.addStatement(call(RuntimeTypes.ROWS, "broadcast", "rows", f.gh, Naming.PARAMS, f.names.offset(BIAS_IH), "xProj",
        "0", f.gh));
    c.addStatement(call(RuntimeTypes.LAYER_NORM, "forward", "rows", f.gh, "xRaw", "0", Naming.PARAMS,
        f.names.offset(LN_IH_WEIGHT), f.names.offset(LN_IH_BIAS), "xHat", "0", "xRstd", "0", "xProj", "0"));
  }

  /** {@code hProj = LN(hRaw; ln_hh)} of step t. */
  static void normalizeRecurrentProjection(LayerWriter f, CodeBlock.Builder c) {
    c.add("// hProj = LN(hRaw; ln_hh); the cell kernel adds b_hh\n");
    c.addStatement("$T.fill(hProj, 0, n * $L, 0f)", Arrays.class, f.gh);
    c.addStatement(call(RuntimeTypes.LAYER_NORM, "forward", "n", f.gh, "hRaw", "0", Naming.PARAMS,
        f.names.offset(LN_HH_WEIGHT), f.names.offset(LN_HH_BIAS), "hHat", "gateOff", "hRstd", "t * n", "hProj", "0"));
  }

  /** The layer-normalised LSTM step: gates, c_t, LN(c_t) and h_t. */
  static void lstmForward(LayerWriter f, CodeBlock.Builder c) {
    c.add("// gates, c_t, LN(c_t) and h_t\n");
    c.addStatement(call(RuntimeTypes.LAYER_NORM_LSTM_CELL, "forward", "n", f.h, Naming.PARAMS, f.names.offset(BIAS_HH),
        f.names.offset(LN_C_WEIGHT), "xProj", "gateOff", "hProj", "cPrev", "cPrevOff", "hPrev", "hPrevOff", "ldPrev",
        "gates", "gateOff", "cell", "stateOff", "cHat", "cRstd", "t * n", "out", "outOff", f.out, "b.lengths", "t"));
  }

  /** The backward pass's extra buffers, as locals. */
  static void backwardLocals(LayerWriter f, CodeBlock.Builder c) {
    local(c, "dXRaw", f.names.dInputProjectionRaw(), "d loss / d x W_ih^T [T, B, G*H]");
    local(c, "dHRaw", f.names.dRecurrentProjectionRaw(), "d loss / d h_{t-1} W_hh^T [T, B, G*H]");
    if (f.lstm()) {
      local(c, "dCellNorm", f.names.dNormalizedCell(), "d loss / d LN(c_t) of the current step [B, H]");
    }
  }

  /** The layer-normalised LSTM step backward: dPreact_t, the ln_c gradients and dc_{t-1}. */
  static void lstmBackward(LayerWriter f, CodeBlock.Builder c) {
    c.add("// dPreact_t from dh_t = dOut_t + dh and dc, through LN(c_t); accumulates the ln_c gradients\n");
    c.addStatement(call(RuntimeTypes.LAYER_NORM_LSTM_CELL, "backward", "n", f.h, Naming.PARAMS,
        f.names.offset(LN_C_WEIGHT), "gates", "gateOff", "cPrev", "cPrevOff", "cHat", "stateOff", "cRstd", "t * n",
        "dOut", "outOff", f.out, "dh", "dc", "dCellNorm", "dPreact", "gateOff", "grad",
        f.names.offset(LN_C_WEIGHT), "b.lengths", "t"));
  }

  /** {@code dHRaw_t} from the gradient of step t's {@code hProj + b_hh}; accumulates the ln_hh gradients. */
  static void recurrentBackward(LayerWriter f, CodeBlock.Builder c, String dRec) {
    c.add("// dHRaw_t = LN backward($L_t); accumulates the ln_hh gradients\n", dRec);
    c.addStatement(call(RuntimeTypes.LAYER_NORM, "backward", "n", f.gh, dRec, "gateOff", "hHat", "gateOff", "hRstd",
        "t * n", Naming.PARAMS, f.names.offset(LN_HH_WEIGHT), "grad", f.names.offset(LN_HH_WEIGHT),
        f.names.offset(LN_HH_BIAS), "dHRaw", "gateOff"));
  }

  /** {@code dXRaw} from {@code dPreact} for every step at once; accumulates the ln_ih gradients. */
  static void inputBackward(LayerWriter f, CodeBlock.Builder c) {
    c.add("// dXRaw = LN backward(dPreact), every step at once; accumulates the ln_ih gradients\n");
    c.addStatement(call(RuntimeTypes.LAYER_NORM, "backward", "rows", f.gh, "dPreact", "0", "xHat", "0", "xRstd", "0",
        Naming.PARAMS, f.names.offset(LN_IH_WEIGHT), "grad", f.names.offset(LN_IH_WEIGHT), f.names.offset(LN_IH_BIAS),
        "dXRaw", "0"));
  }
}

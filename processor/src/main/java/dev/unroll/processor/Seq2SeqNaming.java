package dev.unroll.processor;

import com.palantir.javapoet.ClassName;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;
import java.util.List;
import java.util.Locale;

/**
 * Every name the generated encoder-decoder declares or refers to (as {@link Naming} for the
 * recurrent models): runtime types, size constants, parameter offsets and the tape's buffers. The
 * seq2seq writers ask here, so that constants, tape and method bodies agree.
 *
 * <p>A stack is {@code enc} or {@code dec}; layer k's forward direction is {@code Lk}, its reverse
 * direction {@code LkReverse}.
 */
final class Seq2SeqNaming {
  private Seq2SeqNaming() {}

  private static final String SEQ2SEQ = "dev.unroll.runtime.seq2seq";
  static final ClassName NETWORK = ClassName.get(SEQ2SEQ, "EncoderDecoder");
  static final ClassName WORKSPACE = ClassName.get(SEQ2SEQ, "Seq2SeqWorkspace");
  static final ClassName BATCH = ClassName.get(SEQ2SEQ, "Seq2SeqBatch");
  static final ClassName ATTENTION_KERNELS = ClassName.get("dev.unroll.runtime.kernel", "AttentionKernels");

  // ---- size constants --------------------------------------------------------------------------
  static final String SOURCE_SIZE = "SOURCE_SIZE";
  static final String VOCABULARY = "VOCABULARY";
  static final String OUTPUT_SIZE = "OUTPUT_SIZE";
  static final String ENCODER_OUTPUT_SIZE = "ENCODER_OUTPUT_SIZE";
  static final String DECODER_UNITS = "DECODER_UNITS";
  static final String ENCODER_UNITS = "ENCODER_UNITS";
  static final String ENCODER_GATE_ROWS = "ENCODER_GATE_ROWS";
  static final String DECODER_GATE_ROWS = "DECODER_GATE_ROWS";
  static final String BRIDGE_ROWS = "BRIDGE_ROWS";
  static final String COMBINED_WIDTH = "COMBINED_WIDTH";
  static final String ATTENTION_SIZE = "ATTENTION_SIZE";
  static final String PARAMETER_COUNT = "PARAMETER_COUNT";

  /** The offset constant of a parameter: {@code encoder.weight_ih_l0_reverse -> ENCODER_WEIGHT_IH_L0_REVERSE}. */
  static String offset(String parameter) {
    return parameter.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  // ---- tape buffers ----------------------------------------------------------------------------
  static final String PARAMS = "params";
  static final String GRADIENTS = "gradients";
  static final String LOGITS = "logits";
  static final String D_LOGITS = "dLogits";
  static final String ZEROS = "zeros";
  static final String SOURCE_GRADIENT = "sourceGradient";
  static final String BRIDGE_INPUT = "bridgeInput";
  static final String BRIDGE_OUTPUT = "bridgeOutput";
  static final String D_BRIDGE = "dBridge";
  static final String D_BRIDGE_INPUT = "dBridgeInput";
  static final String ATTENTION = "attention";
  static final String D_SCORES = "dScores";
  static final String QUERY = "query";
  static final String D_QUERY = "dQuery";
  static final String QUERY_PROJ = "queryProj";
  static final String D_QUERY_PROJ = "dQueryProj";
  static final String KEY_PROJ = "keyProj";
  static final String D_KEY_PROJ = "dKeyProj";
  static final String ADDITIVE_TANH = "additiveTanh";
  static final String COMBINED = "combined";
  static final String D_COMBINED = "dCombined";
  static final String ATTENTIONAL = "attentional";
  static final String D_ATTENTIONAL = "dAttentional";

  /** One stack of the encoder-decoder, with the names of its parameters and buffers. */
  record Stack(boolean encoder, List<LayerSpec> layers) {
    static Stack encoder(Seq2SeqSpec s) {
      return new Stack(true, s.encoder());
    }

    static Stack decoder(Seq2SeqSpec s) {
      return new Stack(false, s.decoder());
    }

    String prefix() {
      return encoder ? "enc" : "dec";
    }

    String parameterPrefix() {
      return encoder ? ParameterNames.ENCODER : ParameterNames.DECODER;
    }

    LayerSpec layer() {
      return layers.get(0);
    }

    /** The top layer's index. */
    int top() {
      return layers.size() - 1;
    }

    int directions() {
      return layer().directions();
    }

    String units() {
      return encoder ? ENCODER_UNITS : DECODER_UNITS;
    }

    String gateRows() {
      return encoder ? ENCODER_GATE_ROWS : DECODER_GATE_ROWS;
    }

    /** Width of layer k's output: {@code D * H}. */
    String outputWidth() {
      return encoder ? ENCODER_OUTPUT_SIZE : DECODER_UNITS;
    }

    /** Width of layer k's input. */
    String inputWidth(int k) {
      return k > 0 ? outputWidth() : encoder ? SOURCE_SIZE : VOCABULARY;
    }

    /** Whether layer k reads symbols (one-hot) rather than a dense input. */
    boolean oneHot(int k, Seq2SeqSpec s) {
      return k == 0 && (!encoder || s.sourceOneHot());
    }

    String steps() {
      return encoder ? "b.sourceSteps" : "b.targetSteps";
    }

    String symbols() {
      return encoder ? "b.sourceSymbols" : "b.decoderInput";
    }

    /** The lengths the stack's padded rows follow: the encoder stops at the source's, the decoder never. */
    String lengths() {
      return encoder ? "b.sourceLengths" : "null";
    }

    String suffix(int k, int d) {
      return "L" + k + (d == 1 ? "Reverse" : "");
    }

    String out(int k) {
      return prefix() + "OutL" + k;
    }

    String dOut(int k) {
      return prefix() + "DOutL" + k;
    }

    String buffer(String what, int k, int d) {
      return prefix() + what + suffix(k, d);
    }

    String forwardMethod(int k, int d) {
      return prefix() + "oder" + suffix(k, d) + "Forward";
    }

    String backwardMethod(int k, int d) {
      return prefix() + "oder" + suffix(k, d) + "Backward";
    }

    /** The recurrent projection of the current step {@code [B, G*H]}, shared by the stack's layers. */
    String hProj() {
      return prefix() + "HProj";
    }

    /** d loss / d h_{t-1} carried between steps {@code [B, H]}; the decoder keeps one per layer (its dh0). */
    String dh(int k) {
      return encoder ? "encDh" : "decDh0L" + k;
    }

    String dc() {
      return prefix() + "Dc";
    }

    String weightIh(int k, int d) {
      return offset(ParameterNames.weightIh(parameterPrefix(), k, d));
    }

    String weightHh(int k, int d) {
      return offset(ParameterNames.weightHh(parameterPrefix(), k, d));
    }

    String biasIh(int k, int d) {
      return offset(ParameterNames.biasIh(parameterPrefix(), k, d));
    }

    String biasHh(int k, int d) {
      return offset(ParameterNames.biasHh(parameterPrefix(), k, d));
    }
  }
}

package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;
import static dev.unroll.processor.Seq2SeqNaming.BRIDGE_ROWS;
import static dev.unroll.processor.Seq2SeqNaming.DECODER_UNITS;
import static dev.unroll.processor.Seq2SeqNaming.ENCODER_OUTPUT_SIZE;
import static dev.unroll.processor.Seq2SeqNaming.ENCODER_UNITS;
import static dev.unroll.processor.Seq2SeqNaming.OUTPUT_SIZE;
import static dev.unroll.processor.Seq2SeqNaming.offset;
import static dev.unroll.processor.Seq2SeqPassesWriter.part;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.Attention;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;

/**
 * Writes the two linear maps around the stacks of an encoder-decoder, forward and backward: the
 * bridge from the encoder's final states to the decoder's initial states (FORMAT-v2, step 2) and
 * the softmax head over {@code h̃_t} (step 5).
 */
final class Seq2SeqBridgeHeadWriter {
  private static final String E = ENCODER_OUTPUT_SIZE;
  private static final String HD = DECODER_UNITS;
  private static final String O = OUTPUT_SIZE;
  /** h0_dec = tanh(W_bridge s + b_bridge): [B, E] to [B, Ld * Hd]. */
  private static final Linear BRIDGE = new Linear(offset(ParameterNames.BRIDGE_WEIGHT), offset(ParameterNames.BRIDGE_BIAS),
      BRIDGE_ROWS, E);
  /** logits = h̃ W_head^T + b_head: [T * B, Hd] to [T * B, O]. */
  private static final Linear HEAD = new Linear(offset(ParameterNames.HEAD_WEIGHT), offset(ParameterNames.HEAD_BIAS), O,
      HD);

  private final Seq2SeqSpec spec;
  private final ClassName tape;
  private final Seq2SeqNaming.Stack enc;
  private final Seq2SeqNaming.Stack dec;

  Seq2SeqBridgeHeadWriter(Seq2SeqSpec spec, ClassName tape) {
    this.spec = spec;
    this.tape = tape;
    this.enc = Seq2SeqNaming.Stack.encoder(spec);
    this.dec = Seq2SeqNaming.Stack.decoder(spec);
  }

  private boolean bidirectional() {
    return spec.encoderDirections() == 2;
  }

  /** {@code h̃} of every step: the attentional states, or the decoder's top layer without attention. */
  private String hidden(boolean gradient) {
    if (spec.attention() != Attention.NONE) {
      return "w." + (gradient ? Seq2SeqNaming.D_ATTENTIONAL : Seq2SeqNaming.ATTENTIONAL);
    }
    return "w." + (gradient ? dec.dOut(dec.top()) : dec.out(dec.top()));
  }

  MethodSpec bridgeForward() {
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("float[] top = w.$L", enc.out(enc.top()));
    c.addStatement("float[] s = w.$L", Seq2SeqNaming.BRIDGE_INPUT);
    c.addStatement("float[] out = w.$L", Seq2SeqNaming.BRIDGE_OUTPUT);
    c.beginControlFlow("for (int i = 0; i < n; i++)");
    c.addStatement("int last = (b.sourceLengths == null ? b.sourceSteps : b.sourceLengths[i]) - 1");
    c.addStatement("$T.arraycopy(top, (last * n + i) * $L, s, i * $L, $L)", System.class, E, E, ENCODER_UNITS);
    if (bidirectional()) {
      c.addStatement("$T.arraycopy(top, i * $L + $L, s, i * $L + $L, $L)", System.class, E, ENCODER_UNITS, E,
          ENCODER_UNITS, ENCODER_UNITS);
    }
    c.endControlFlow();
    BRIDGE.forwardTanh(c, "n", "s", "out");
    return part(tape, "bridgeForward", "<pre>\ns = [forward top-layer state after step len-1"
        + (bidirectional() ? " ; reverse top-layer state after step 0" : "") + "]\n"
        + "h0_dec = tanh(W_bridge s + b_bridge)   [B, Ld * Hd], row k * Hd: decoder layer k (c0 = 0)\n</pre>\n", c);
  }

  MethodSpec bridgeBackward() {
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("float[] dPre = w.$L", Seq2SeqNaming.D_BRIDGE);
    c.addStatement("float[] ds = w.$L", Seq2SeqNaming.D_BRIDGE_INPUT);
    c.addStatement("float[] grad = w.$L", Seq2SeqNaming.GRADIENTS);
    c.add("// dPre = dh0_dec (1 - h0_dec²)\n");
    for (int k = 0; k < spec.decoder().size(); k++) {
      c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", HD, "w." + dec.dh(k), "0", HD, "dPre",
          k == 0 ? "0" : k == 1 ? HD : k + " * " + HD, BRIDGE_ROWS));
    }
    BRIDGE.tanhBackward(c, "n", "dPre", "w." + Seq2SeqNaming.BRIDGE_OUTPUT);
    c.add("// dW_bridge += dPre^T s;  db_bridge += sum(dPre);  ds = dPre W_bridge\n");
    BRIDGE.backward(c, "n", "dPre", "w." + Seq2SeqNaming.BRIDGE_INPUT, "ds", true);
    c.add("// back to the steps the final states came from\n");
    c.addStatement("float[] dTop = w.$L", enc.dOut(enc.top()));
    c.beginControlFlow("for (int i = 0; i < n; i++)");
    c.addStatement("int at = ((b.sourceLengths == null ? b.sourceSteps : b.sourceLengths[i]) - 1) * n * $L + i * $L", E,
        E);
    c.beginControlFlow("for (int j = 0; j < $L; j++)", ENCODER_UNITS);
    c.addStatement("dTop[at + j] += ds[i * $L + j]", E);
    if (bidirectional()) {
      c.addStatement("dTop[i * $L + $L + j] += ds[i * $L + $L + j]", E, ENCODER_UNITS, E, ENCODER_UNITS);
    }
    c.endControlFlow();
    c.endControlFlow();
    return part(tape, "bridgeBackward", "Backward of {@link #bridgeForward} from the decoder's dh0 of every layer;"
        + " adds d loss / d s to the encoder's top-layer states it was read from.\n", c);
  }

  MethodSpec headForward() {
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int rows = b.targetSteps * b.size");
    HEAD.forward(c, "rows", hidden(false), "w." + Seq2SeqNaming.LOGITS);
    return part(tape, "headForward", "logits = h̃ W_head^T + b_head   [T, B, O]\n", c);
  }

  MethodSpec headBackward() {
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int rows = b.targetSteps * b.size");
    c.addStatement("float[] dLogits = w.$L", Seq2SeqNaming.D_LOGITS);
    c.addStatement("float[] grad = w.$L", Seq2SeqNaming.GRADIENTS);
    HEAD.backward(c, "rows", "dLogits", hidden(false), hidden(true), true);
    return part(tape, "headBackward", "dW_head += dLogits^T h̃;  db_head += sum(dLogits);  dh̃ = dLogits W_head\n", c);
  }
}

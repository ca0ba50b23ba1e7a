package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;
import static dev.unroll.processor.Seq2SeqNaming.ATTENTION_KERNELS;
import static dev.unroll.processor.Seq2SeqNaming.ATTENTION_SIZE;
import static dev.unroll.processor.Seq2SeqNaming.COMBINED_WIDTH;
import static dev.unroll.processor.Seq2SeqNaming.DECODER_UNITS;
import static dev.unroll.processor.Seq2SeqNaming.ENCODER_OUTPUT_SIZE;
import static dev.unroll.processor.Seq2SeqNaming.PARAMS;
import static dev.unroll.processor.Seq2SeqNaming.offset;
import static dev.unroll.processor.Seq2SeqPassesWriter.part;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.Attention;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;
import java.util.Arrays;

/**
 * Writes the attention of an encoder-decoder (FORMAT-v2, step 4), specialised to its scoring:
 * forward keeps every output step's weights {@code [T, B, S]} for inspection; backward accumulates
 * the attention's gradients and writes d loss / d the decoder's and the encoder's top-layer states.
 */
final class Seq2SeqAttentionWriter {
  private static final String E = ENCODER_OUTPUT_SIZE;
  private static final String HD = DECODER_UNITS;
  private static final String CW = COMBINED_WIDTH;
  private static final String A = ATTENTION_SIZE;
  /** h̃ = tanh([c ; h] W_c^T): [T * B, E + Hd] to [T * B, Hd]. */
  private static final Linear COMBINE = new Linear(offset(ParameterNames.ATTENTION_COMBINE), null, HD, CW);
  /** ADDITIVE: W_q h of every step, [T * B, Hd] to [T * B, A]. */
  private static final Linear QUERY = new Linear(offset(ParameterNames.ATTENTION_QUERY), null, A, HD);
  /** ADDITIVE: W_k e of every source position, [S * B, E] to [S * B, A]. */
  private static final Linear KEY = new Linear(offset(ParameterNames.ATTENTION_KEY), null, A, E);

  private final Attention kind;
  private final ClassName tape;
  private final String decoderTop, encoderTop, dDecoderTop, dEncoderTop;

  Seq2SeqAttentionWriter(Seq2SeqSpec spec, ClassName tape) {
    this.kind = spec.attention();
    this.tape = tape;
    Seq2SeqNaming.Stack enc = Seq2SeqNaming.Stack.encoder(spec);
    Seq2SeqNaming.Stack dec = Seq2SeqNaming.Stack.decoder(spec);
    decoderTop = "w." + dec.out(dec.top());
    dDecoderTop = "w." + dec.dOut(dec.top());
    encoderTop = "w." + enc.out(enc.top());
    dEncoderTop = "w." + enc.dOut(enc.top());
  }

  /** The sizes and the two top layers both passes start with. */
  private CodeBlock.Builder locals() {
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int sourceSteps = b.sourceSteps");
    c.addStatement("int rows = b.targetSteps * n");
    c.add("float[] h = $L; // the decoder's top layer [T, B, Hd]\n", decoderTop);
    c.add("float[] enc = $L; // the encoder's top layer [S, B, E]\n", encoderTop);
    return c;
  }

  private String score() {
    return switch (kind) {
      case DOT -> "h_t · e_s";
      case GENERAL -> "(h_t W_a) · e_s";
      default -> "v · tanh(W_q h_t + W_k e_s)";
    };
  }

  MethodSpec forward() {
    CodeBlock.Builder c = locals();
    c.add("float[] weights = w.$L; // attention weights [T, B, S]\n", Seq2SeqNaming.ATTENTION);
    if (kind == Attention.GENERAL) {
      c.add("// q = h W_a, every step at once\n");
      c.addStatement("$T.fill(w.$L, 0, rows * $L, 0f)", Arrays.class, Seq2SeqNaming.QUERY, E);
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "rows", E, HD, "h", "0", HD, PARAMS,
          offset(ParameterNames.ATTENTION_WEIGHT), E, "w." + Seq2SeqNaming.QUERY, "0", E));
    } else if (kind == Attention.ADDITIVE) {
      c.add("// W_q h of every step, W_k e of every source position\n");
      QUERY.forward(c, "rows", "h", "w." + Seq2SeqNaming.QUERY_PROJ);
      KEY.forward(c, "sourceSteps * n", "enc", "w." + Seq2SeqNaming.KEY_PROJ);
    }
    c.beginControlFlow("for (int t = 0; t < b.targetSteps; t++)");
    c.addStatement("int aOff = t * n * sourceSteps");
    switch (kind) {
      case DOT -> c.addStatement(call(ATTENTION_KERNELS, "dotScores", "n", "sourceSteps", E, "h", "t * n * " + HD, HD,
          "enc", "b.sourceLengths", "weights", "aOff"));
      case GENERAL -> c.addStatement(call(ATTENTION_KERNELS, "dotScores", "n", "sourceSteps", E,
          "w." + Seq2SeqNaming.QUERY, "t * n * " + E, E, "enc", "b.sourceLengths", "weights", "aOff"));
      default -> c.addStatement(call(ATTENTION_KERNELS, "additiveScores", "n", "sourceSteps", A,
          "w." + Seq2SeqNaming.QUERY_PROJ, "t * n * " + A, "w." + Seq2SeqNaming.KEY_PROJ, PARAMS,
          offset(ParameterNames.ATTENTION_V), "b.sourceLengths", "w." + Seq2SeqNaming.ADDITIVE_TANH, "aOff * " + A,
          "weights", "aOff"));
    }
    c.addStatement(call(ATTENTION_KERNELS, "maskedSoftmax", "n", "sourceSteps", "weights", "aOff", "b.sourceLengths"));
    c.add("// c_t into the first E columns of [c_t ; h_t]\n");
    c.addStatement(call(ATTENTION_KERNELS, "context", "n", "sourceSteps", E, "weights", "aOff", "enc",
        "w." + Seq2SeqNaming.COMBINED, "t * n * " + CW, CW));
    c.endControlFlow();
    c.addStatement(call(RuntimeTypes.ROWS, "copy", "rows", HD, "h", "0", HD, "w." + Seq2SeqNaming.COMBINED, E, CW));
    c.add("// h̃ = tanh([c ; h] W_c^T)\n");
    c.addStatement("float[] hTilde = w.$L", Seq2SeqNaming.ATTENTIONAL);
    COMBINE.forwardTanh(c, "rows", "w." + Seq2SeqNaming.COMBINED, "hTilde");
    return part(tape, "attentionForward", kind + " attention of every decoder step over the encoder's states.\n"
        + "<pre>\nscore_ts = " + score() + ";  a_t = softmax over s < sourceLengths[b]\n"
        + "c_t = Σ_s a_ts e_s;  h̃_t = tanh(W_c [c_t ; h_t])\n</pre>\n", c);
  }

  MethodSpec backward() {
    CodeBlock.Builder c = locals();
    c.add("float[] dh = $L;\n", dDecoderTop);
    c.add("float[] dEnc = $L;\n", dEncoderTop);
    c.add("float[] weights = w.$L;\n", Seq2SeqNaming.ATTENTION);
    c.add("float[] dCombined = w.$L;\n", Seq2SeqNaming.D_COMBINED);
    c.add("float[] grad = w.$L;\n", Seq2SeqNaming.GRADIENTS);
    c.add("// dPre = dh̃ (1 - h̃²);  dW_c += dPre^T [c ; h];  d[c ; h] = dPre W_c\n");
    c.addStatement("float[] dPre = w.$L", Seq2SeqNaming.D_ATTENTIONAL);
    COMBINE.tanhBackward(c, "rows", "dPre", "w." + Seq2SeqNaming.ATTENTIONAL);
    COMBINE.backward(c, "rows", "dPre", "w." + Seq2SeqNaming.COMBINED, "dCombined", true);
    c.addStatement(call(RuntimeTypes.ROWS, "copy", "rows", HD, "dCombined", E, CW, "dh", "0", HD));
    c.addStatement("$T.fill(dEnc, 0, sourceSteps * n * $L, 0f)", Arrays.class, E);
    if (kind == Attention.GENERAL) {
      c.addStatement("$T.fill(w.$L, 0, rows * $L, 0f)", Arrays.class, Seq2SeqNaming.D_QUERY, E);
    } else if (kind == Attention.ADDITIVE) {
      c.addStatement("$T.fill(w.$L, 0, rows * $L, 0f)", Arrays.class, Seq2SeqNaming.D_QUERY_PROJ, A);
      c.addStatement("$T.fill(w.$L, 0, sourceSteps * n * $L, 0f)", Arrays.class, Seq2SeqNaming.D_KEY_PROJ, A);
    }
    c.beginControlFlow("for (int t = 0; t < b.targetSteps; t++)");
    c.addStatement("int aOff = t * n * sourceSteps");
    c.add("// d a_t from d c_t, then d score_t through the softmax\n");
    c.addStatement(call(ATTENTION_KERNELS, "contextBackward", "n", "sourceSteps", E, "weights", "aOff", "enc",
        "dCombined", "t * n * " + CW, CW, "w." + Seq2SeqNaming.D_SCORES, "0", "dEnc"));
    c.addStatement(call(ATTENTION_KERNELS, "softmaxBackward", "n", "sourceSteps", "weights", "aOff",
        "w." + Seq2SeqNaming.D_SCORES, "0"));
    switch (kind) {
      case DOT -> c.addStatement(call(ATTENTION_KERNELS, "dotScoresBackward", "n", "sourceSteps", E,
          "w." + Seq2SeqNaming.D_SCORES, "0", "h", "t * n * " + HD, HD, "enc", "dh", "t * n * " + HD, HD, "dEnc"));
      case GENERAL -> c.addStatement(call(ATTENTION_KERNELS, "dotScoresBackward", "n", "sourceSteps", E,
          "w." + Seq2SeqNaming.D_SCORES, "0", "w." + Seq2SeqNaming.QUERY, "t * n * " + E, E, "enc",
          "w." + Seq2SeqNaming.D_QUERY, "t * n * " + E, E, "dEnc"));
      default -> {
        String v = offset(ParameterNames.ATTENTION_V);
        c.addStatement(call(ATTENTION_KERNELS, "additiveScoresBackward", "n", "sourceSteps", A,
            "w." + Seq2SeqNaming.D_SCORES, "0", "w." + Seq2SeqNaming.ADDITIVE_TANH, "aOff * " + A, PARAMS, v, "grad", v,
            "w." + Seq2SeqNaming.D_QUERY_PROJ, "t * n * " + A, "w." + Seq2SeqNaming.D_KEY_PROJ));
      }
    }
    c.endControlFlow();
    if (kind == Attention.GENERAL) {
      String wa = offset(ParameterNames.ATTENTION_WEIGHT);
      c.add("// dW_a += h^T dq;  dh += dq W_a^T\n");
      c.addStatement(call(RuntimeTypes.GEMM, "tn", HD, E, "rows", "h", "0", HD, "w." + Seq2SeqNaming.D_QUERY, "0", E,
          "grad", wa, E));
      c.addStatement(call(RuntimeTypes.GEMM, "nt", "rows", HD, E, "w." + Seq2SeqNaming.D_QUERY, "0", E, PARAMS, wa, E,
          "dh", "0", HD));
    } else if (kind == Attention.ADDITIVE) {
      c.add("// dW_q += dqp^T h;  dh += dqp W_q;  dW_k += dkp^T e;  de += dkp W_k\n");
      QUERY.backward(c, "rows", "w." + Seq2SeqNaming.D_QUERY_PROJ, "h", "dh", false);
      KEY.backward(c, "sourceSteps * n", "w." + Seq2SeqNaming.D_KEY_PROJ, "enc", "dEnc", false);
    }
    return part(tape, "attentionBackward", "Backward of {@link #attentionForward}, from {@code dAttentional}:"
        + " accumulates the attention's gradients and writes d loss / d the decoder's top layer and d loss / d the"
        + " encoder's top layer.\n", c);
  }
}

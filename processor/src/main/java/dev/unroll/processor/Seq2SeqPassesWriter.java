package dev.unroll.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.dsl.Attention;
import dev.unroll.model.Seq2SeqSpec;
import java.util.Arrays;
import javax.lang.model.element.Modifier;

/**
 * Writes the passes of a generated encoder-decoder: {@code newWorkspace}, {@code encode} (encoder
 * bottom-up, bridge), {@code forward} (encode, decoder bottom-up, attention, head) and {@code
 * backward} (head, attention, decoder top-down, bridge, encoder top-down), each a short sequence of
 * calls to one method per layer-direction and per part, so that every method stays far below
 * HotSpot's 8000-byte compilation limit.
 */
final class Seq2SeqPassesWriter {
  private final Seq2SeqSpec spec;
  private final ClassName self;
  private final ClassName tape;
  private final Seq2SeqNaming.Stack enc;
  private final Seq2SeqNaming.Stack dec;
  private final boolean attends;

  Seq2SeqPassesWriter(Seq2SeqSpec spec, ClassName self, ClassName tape) {
    this.spec = spec;
    this.self = self;
    this.tape = tape;
    this.enc = Seq2SeqNaming.Stack.encoder(spec);
    this.dec = Seq2SeqNaming.Stack.decoder(spec);
    this.attends = spec.attention() != Attention.NONE;
  }

  void addTo(TypeSpec.Builder type) {
    type.addMethod(TapeWriter.newWorkspace(tape, Seq2SeqNaming.WORKSPACE,
        "Buffers for batches of up to the given source steps, target steps and sequences.", "maxSourceSteps",
        "maxTargetSteps", "maxBatch"));
    type.addMethod(encode()).addMethod(forward()).addMethod(backward());
    type.addMethod(TapeWriter.tapeCast(tape, Seq2SeqNaming.WORKSPACE, self.simpleName()));
    for (Seq2SeqNaming.Stack s : new Seq2SeqNaming.Stack[] {enc, dec}) {
      for (int k = 0; k < s.layers().size(); k++) {
        for (int d = 0; d < s.directions(); d++) {
          Seq2SeqStackWriter layer = new Seq2SeqStackWriter(spec, s, tape, k, d);
          type.addMethod(layer.forward()).addMethod(layer.backward());
        }
      }
    }
    Seq2SeqBridgeHeadWriter links = new Seq2SeqBridgeHeadWriter(spec, tape);
    type.addMethod(links.bridgeForward()).addMethod(links.bridgeBackward());
    if (attends) {
      Seq2SeqAttentionWriter attention = new Seq2SeqAttentionWriter(spec, tape);
      type.addMethod(attention.forward()).addMethod(attention.backward());
    }
    type.addMethod(links.headForward()).addMethod(links.headBackward());
  }

  /**
   * One part of a pass (a layer-direction, the bridge, the attention or the head), which the passes
   * call in order: {@code private void name(Tape w, Seq2SeqBatch b)} with its javadoc and body.
   */
  static MethodSpec part(ClassName tape, String name, String doc, CodeBlock.Builder body) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(tape, "w")
        .addParameter(Seq2SeqNaming.BATCH, "b")
        .addJavadoc("$L", doc)
        .addCode(body.build())
        .build();
  }

  private MethodSpec.Builder pass(String name, String doc) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(Seq2SeqNaming.WORKSPACE, "ws")
        .addParameter(Seq2SeqNaming.BATCH, "b")
        .addJavadoc(doc + "\n");
  }

  private MethodSpec encode() {
    MethodSpec.Builder m = pass("encode", "The encoder bottom-up (forward direction first), then the bridge.")
        .addStatement("check(ws, b, false)")
        .addStatement("$T w = tape(ws)", tape);
    for (int k = 0; k < enc.layers().size(); k++) {
      for (int d = 0; d < enc.directions(); d++) {
        m.addStatement("$L(w, b)", enc.forwardMethod(k, d));
      }
    }
    return m.addStatement("bridgeForward(w, b)").build();
  }

  private MethodSpec forward() {
    MethodSpec.Builder m = pass("forward", "Encoder and bridge, the decoder bottom-up over the previous target symbols"
        + " (teacher forcing), " + (attends ? "attention, " : "") + "the head.")
        .addStatement("check(ws, b, true)")
        .addStatement("encode(ws, b)")
        .addStatement("$T w = tape(ws)", tape);
    for (int k = 0; k < dec.layers().size(); k++) {
      m.addStatement("$L(w, b)", dec.forwardMethod(k, 0));
    }
    if (attends) {
      m.addStatement("attentionForward(w, b)");
    }
    return m.addStatement("headForward(w, b)").build();
  }

  private MethodSpec backward() {
    MethodSpec.Builder m = pass("backward", "The head, " + (attends ? "attention, " : "")
        + "the decoder top-down, the bridge, the encoder top-down; each layer's input gradient feeds the layer below."
        + " Accumulates into the workspace's gradients.")
        .addStatement("$T w = tape(ws)", tape)
        .addStatement("int n = b.size")
        .addStatement("headBackward(w, b)");
    if (attends) {
      m.addStatement("attentionBackward(w, b)");
    } else {
      m.addStatement("$T.fill(w.$L, 0, b.sourceSteps * n * $L, 0f)", Arrays.class, enc.dOut(enc.top()),
          Seq2SeqNaming.ENCODER_OUTPUT_SIZE);
    }
    for (int k = dec.layers().size() - 1; k >= 0; k--) {
      if (k > 0) {
        m.addStatement("$T.fill(w.$L, 0, b.targetSteps * n * $L, 0f)", Arrays.class, dec.dOut(k - 1),
            Seq2SeqNaming.DECODER_UNITS);
      }
      m.addStatement("$L(w, b)", dec.backwardMethod(k, 0));
    }
    m.addStatement("bridgeBackward(w, b)");
    for (int k = enc.layers().size() - 1; k >= 0; k--) {
      if (k > 0) {
        m.addStatement("$T.fill(w.$L, 0, b.sourceSteps * n * $L, 0f)", Arrays.class, enc.dOut(k - 1),
            Seq2SeqNaming.ENCODER_OUTPUT_SIZE);
      } else if (!spec.sourceOneHot()) {
        m.addStatement("$T.fill(w.$L, 0, b.sourceSteps * n * $L, 0f)", Arrays.class, Seq2SeqNaming.SOURCE_GRADIENT,
            Seq2SeqNaming.SOURCE_SIZE);
      }
      for (int d = 0; d < enc.directions(); d++) {
        m.addStatement("$L(w, b)", enc.backwardMethod(k, d));
      }
    }
    return m.build();
  }
}

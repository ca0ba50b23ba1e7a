package dev.unroll.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.Seq2SeqSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated encoder-decoder's workspace, {@code Tape}: every buffer of a forward and
 * backward pass as a named field, allocated once for a capacity of S source steps, T target steps
 * and B sequences, so that a training step allocates nothing. Only the buffers this architecture
 * uses exist.
 */
final class Seq2SeqTapeWriter {
  private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);

  private final Seq2SeqSpec spec;
  private final ClassName tape;
  private final TypeSpec.Builder type;
  private final MethodSpec.Builder constructor;

  Seq2SeqTapeWriter(Seq2SeqSpec spec, ClassName tape) {
    this.spec = spec;
    this.tape = tape;
    this.type = TypeSpec.classBuilder(tape)
        .addModifiers(Modifier.STATIC, Modifier.FINAL)
        .superclass(Seq2SeqNaming.WORKSPACE)
        .addJavadoc("The buffers of one forward and backward pass, time-major; S, T and B are the capacity.\n");
    this.constructor = MethodSpec.constructorBuilder()
        .addParameter(TypeName.INT, "maxSourceSteps")
        .addParameter(TypeName.INT, "maxTargetSteps")
        .addParameter(TypeName.INT, "maxBatch")
        .addStatement("super(maxSourceSteps, maxTargetSteps, maxBatch)")
        .addStatement("int sb = maxSourceSteps * maxBatch")
        .addStatement("int tb = maxTargetSteps * maxBatch");
  }

  /** A buffer field of {@code size} floats (a Java expression: a String or a CodeBlock). */
  private void buffer(String name, Object size, String doc) {
    type.addField(FieldSpec.builder(FLOATS, name, Modifier.FINAL).addJavadoc(doc + "\n").build());
    constructor.addStatement("$L = new float[$L]", name, size);
  }

  TypeSpec write() {
    String e = Seq2SeqNaming.ENCODER_OUTPUT_SIZE;
    String hd = Seq2SeqNaming.DECODER_UNITS;
    buffer(Seq2SeqNaming.GRADIENTS, Seq2SeqNaming.PARAMETER_COUNT, "d loss / d parameters, accumulated by backward.");
    buffer(Seq2SeqNaming.LOGITS, "tb * " + Seq2SeqNaming.OUTPUT_SIZE, "Logits [T, B, O].");
    buffer(Seq2SeqNaming.D_LOGITS, "tb * " + Seq2SeqNaming.OUTPUT_SIZE, "d loss / d logits [T, B, O].");
    buffer(Seq2SeqNaming.ZEROS, "maxBatch * Math.max(" + Seq2SeqNaming.ENCODER_UNITS + ", " + hd + ")",
        "Zeros, never written: the encoder's initial states and the decoder's c0.");
    if (!spec.sourceOneHot()) {
      buffer(Seq2SeqNaming.SOURCE_GRADIENT, "sb * " + Seq2SeqNaming.SOURCE_SIZE, "d loss / d source [S, B, I].");
    }
    stack(Seq2SeqNaming.Stack.encoder(spec), "sb");
    stack(Seq2SeqNaming.Stack.decoder(spec), "tb");
    buffer(Seq2SeqNaming.BRIDGE_INPUT, "maxBatch * " + e, "The bridge's input, the encoder's final states [B, E].");
    buffer(Seq2SeqNaming.D_BRIDGE_INPUT, "maxBatch * " + e, "d loss / d bridgeInput [B, E].");
    buffer(Seq2SeqNaming.BRIDGE_OUTPUT, "maxBatch * " + Seq2SeqNaming.BRIDGE_ROWS,
        "The decoder's initial states tanh(W_bridge s + b_bridge) [B, Ld * Hd].");
    buffer(Seq2SeqNaming.D_BRIDGE, "maxBatch * " + Seq2SeqNaming.BRIDGE_ROWS, "d loss / d the bridge's pre-activation.");
    Attention kind = spec.attention();
    boolean attends = kind != Attention.NONE;
    buffer(Seq2SeqNaming.ATTENTION, attends ? "tb * maxSourceSteps" : "0",
        "Attention weights of every output step [T, B, S] (zero at padded source positions).");
    if (attends) {
      String cw = Seq2SeqNaming.COMBINED_WIDTH;
      buffer(Seq2SeqNaming.D_SCORES, "maxBatch * maxSourceSteps", "d loss / d weights, then d scores, of a step [B, S].");
      buffer(Seq2SeqNaming.COMBINED, "tb * " + cw, "[c_t ; h_t] [T, B, E + Hd].");
      buffer(Seq2SeqNaming.D_COMBINED, "tb * " + cw, "d loss / d combined.");
      buffer(Seq2SeqNaming.ATTENTIONAL, "tb * " + hd, "h̃_t = tanh(W_c [c_t ; h_t]) [T, B, Hd].");
      buffer(Seq2SeqNaming.D_ATTENTIONAL, "tb * " + hd, "d loss / d h̃.");
    }
    if (kind == Attention.GENERAL) {
      buffer(Seq2SeqNaming.QUERY, "tb * " + e, "q = h W_a [T, B, E].");
      buffer(Seq2SeqNaming.D_QUERY, "tb * " + e, "d loss / d q.");
    }
    if (kind == Attention.ADDITIVE) {
      String a = Seq2SeqNaming.ATTENTION_SIZE;
      buffer(Seq2SeqNaming.QUERY_PROJ, "tb * " + a, "h W_q^T [T, B, A].");
      buffer(Seq2SeqNaming.D_QUERY_PROJ, "tb * " + a, "d loss / d queryProj.");
      buffer(Seq2SeqNaming.KEY_PROJ, "sb * " + a, "e W_k^T [S, B, A].");
      buffer(Seq2SeqNaming.D_KEY_PROJ, "sb * " + a, "d loss / d keyProj.");
      buffer(Seq2SeqNaming.ADDITIVE_TANH, "tb * maxSourceSteps * " + a, "tanh(W_q h_t + W_k e_s) [T, B, S, A].");
    }
    type.addMethod(constructor.build());
    accessors();
    return type.build();
  }

  private void stack(Seq2SeqNaming.Stack s, String rows) {
    Cell cell = s.layer().cell();
    String h = s.units();
    String gh = s.gateRows();
    String name = s.encoder() ? "encoder" : "decoder";
    for (int k = 0; k < s.layers().size(); k++) {
      buffer(s.out(k), rows + " * " + s.outputWidth(), "The " + name + "'s layer " + k + ": h_t of every step.");
      buffer(s.dOut(k), rows + " * " + s.outputWidth(), "d loss / d " + s.out(k) + ".");
      for (int d = 0; d < s.directions(); d++) {
        String at = name + " layer " + k + (d == 1 ? " reverse" : "") + ": ";
        buffer(s.buffer("XProj", k, d), rows + " * " + gh, at + "x W_ih^T + b_ih [steps, B, G*H].");
        buffer(s.buffer("WHhPacked", k, d), packed(gh, h), at + "W_hh packed for Gemm.xwT.");
        if (!s.oneHot(k, spec)) {
          buffer(s.buffer("WIhPacked", k, d), packed(gh, s.inputWidth(k)), at + "W_ih packed for Gemm.xwT.");
        }
        if (cell != Cell.RNN_TANH) {
          buffer(s.buffer("Gates", k, d), rows + " * " + gh, at + "gate activations.");
        }
        if (cell == Cell.LSTM) {
          buffer(s.buffer("Cell", k, d), rows + " * " + h, at + "c_t of every step.");
        }
        if (cell == Cell.GRU) {
          buffer(s.buffer("Hn", k, d), rows + " * " + h, at + "W_hn h_{t-1} + b_hn of every step.");
          buffer(s.buffer("DHProj", k, d), rows + " * " + gh, at + "d loss / d (hProj + b_hh).");
        }
        buffer(s.buffer("DPreact", k, d), rows + " * " + gh, at + "d loss / d gate pre-activations.");
      }
      if (!s.encoder()) {
        buffer(s.dh(k), "maxBatch * " + h, "d loss / d h carried back through decoder layer " + k
            + "; d loss / d its h0 after backward.");
      }
    }
    buffer(s.hProj(), "maxBatch * " + gh, "The " + name + "'s h_{t-1} W_hh^T of the current step [B, G*H].");
    if (s.encoder()) {
      buffer(s.dh(0), "maxBatch * " + h, "d loss / d h carried back through an encoder layer [B, H].");
    }
    if (cell == Cell.LSTM) {
      buffer(s.dc(), "maxBatch * " + h, "d loss / d c carried back through a " + name + " layer [B, H].");
    }
  }

  private static CodeBlock packed(String rows, String cols) {
    return CodeBlock.of("$T.packedSize($L, $L)", RuntimeTypes.GEMM, rows, cols);
  }

  private void accessors() {
    String encoderTop = Seq2SeqNaming.Stack.encoder(spec).out(spec.encoder().size() - 1);
    String decoderTop = Seq2SeqNaming.Stack.decoder(spec).out(spec.decoder().size() - 1);
    accessor("attention", Seq2SeqNaming.ATTENTION, true);
    accessor("encoderOutput", encoderTop, true);
    accessor("decoderInitialState", Seq2SeqNaming.BRIDGE_OUTPUT, true);
    accessor("decoderOutput", decoderTop, true);
    accessor("attentionalHidden", spec.attention() == Attention.NONE ? decoderTop : Seq2SeqNaming.ATTENTIONAL, true);
    accessor("logits", Seq2SeqNaming.LOGITS, true);
    accessor("logitGradient", Seq2SeqNaming.D_LOGITS, false);
    accessor("gradients", Seq2SeqNaming.GRADIENTS, true);
    accessor("sourceGradient", spec.sourceOneHot() ? "null" : Seq2SeqNaming.SOURCE_GRADIENT, true);
  }

  private void accessor(String method, String field, boolean isPublic) {
    type.addMethod(MethodSpec.methodBuilder(method)
        .addAnnotation(Override.class)
        .addModifiers(isPublic ? Modifier.PUBLIC : Modifier.PROTECTED)
        .returns(FLOATS)
        .addStatement("return $L", field)
        .build());
  }
}

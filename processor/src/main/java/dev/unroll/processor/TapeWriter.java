package dev.unroll.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.InputKind;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.Naming.PerLayer;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated network's {@code Tape}: the workspace subclass holding every buffer of one
 * forward/backward pass, each allocated once at its capacity, with a shape comment.
 */
final class TapeWriter {
  private static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);

  private final ModelSpec spec;
  private final TypeSpec.Builder type;
  private final CodeBlock.Builder constructor = CodeBlock.builder();

  TapeWriter(ModelSpec spec, ClassName tape) {
    this.spec = spec;
    this.type = TypeSpec.classBuilder(tape)
        .addModifiers(Modifier.STATIC, Modifier.FINAL)
        .superclass(RuntimeTypes.WORKSPACE)
        .addJavadoc("Buffers of one forward and backward pass, time-major {@code [T, B, ...]}, allocated once\n"
            + "for a capacity of T steps and B sequences.\n");
  }

  TypeSpec write() {
    constructor.addStatement("int tb = steps * batch");
    if (spec.input().kind() == InputKind.EMBEDDING) {
      buffer(Naming.EMBEDDED, "tb * " + Naming.EMBEDDING_SIZE, "Embedded input symbols {@code [T, B, E]}.");
      buffer(Naming.D_EMBEDDED, "tb * " + Naming.EMBEDDING_SIZE, "d loss / d embedded inputs {@code [T, B, E]}.");
    }
    for (int k = 0; k < spec.layers().size(); k++) {
      LayerSpec layer = spec.layers().get(k);
      String out = PerLayer.OUTPUT_WIDTH.of(k);
      buffer(PerLayer.OUT.of(k), "tb * " + out, "Layer " + k + " states {@code [T, B, " + out + "]}"
          + (layer.bidirectional() ? ", forward direction in the first H columns" : "") + ".");
      buffer(PerLayer.D_OUT.of(k), "tb * " + out, "d loss / d " + PerLayer.OUT.of(k) + " {@code [T, B, " + out + "]}.");
      if (layer.dropout() > 0) {
        buffer(PerLayer.DROPOUT_MASK.of(k), "tb * " + out,
            "Layer " + k + " dropout mask (0 or 1/(1-p)) {@code [T, B, " + out + "]}.");
        buffer(PerLayer.DROPPED.of(k), "tb * " + out,
            "Layer " + k + " states after dropout, read above while training.");
      }
      for (int d = 0; d < layer.directions(); d++) {
        layerDirection(k, d, layer);
      }
    }
    String top = PerLayer.OUTPUT_WIDTH.of(spec.layers().size() - 1);
    buffer(Naming.HEAD_PACKED, CodeBlock.of("$T.packedSize($L, $L)", RuntimeTypes.GEMM, Naming.OUTPUT_SIZE, top),
        "{@code head.weight} packed for the head GEMM.");
    if (spec.head().mode() == HeadMode.MANY_TO_ONE) {
      buffer(Naming.HEAD_INPUT, "batch * " + top, "What the head reads: end states {@code [B, " + top + "]}.");
      buffer(Naming.D_HEAD_INPUT, "batch * " + top, "d loss / d " + Naming.HEAD_INPUT + " {@code [B, " + top + "]}.");
    }
    if (spec.conditioned()) {
      conditionGradient();
    }
    type.addMethod(MethodSpec.constructorBuilder()
        .addJavadoc("Allocates every buffer for {@code steps} steps of {@code batch} sequences.\n")
        .addParameter(TypeName.INT, "steps")
        .addParameter(TypeName.INT, "batch")
        .addStatement("super(steps, batch, $L, $L,$W/* manyToMany */ $L,$W/* denseInputSize */ $L,"
                + "$W/* hiddenSizes */ $L,$W/* cellState */ $L)",
            Naming.PARAMETER_COUNT, Naming.OUTPUT_SIZE, spec.head().mode() == HeadMode.MANY_TO_MANY,
            spec.input().kind() == InputKind.DENSE ? Naming.INPUT_SIZE : "0", hiddenSizes(), cellStates())
        .addCode(constructor.build())
        .build());
    type.addMethod(MethodSpec.methodBuilder("begin")
        .addJavadoc("Checks that a batch fits and records its size.\n")
        .addParameter(RuntimeTypes.BATCH, "b")
        .addStatement("begin(b, /* symbolic */ $L, /* featureSize */ $L)", spec.input().kind() != InputKind.DENSE,
            spec.input().kind() == InputKind.DENSE ? Naming.INPUT_SIZE : "1")
        .build());
    type.addMethod(MethodSpec.methodBuilder("output")
        .addJavadoc("The top layer's states.\n")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(FLOATS)
        .addStatement("return $L", PerLayer.OUT.of(spec.layers().size() - 1))
        .build());
    return type.build();
  }

  private void layerDirection(int k, int d, LayerSpec layer) {
    Naming.LayerDirection names = new Naming.LayerDirection(k, d);
    String h = PerLayer.UNITS.of(k);
    String gh = PerLayer.GATE_ROWS.of(k);
    String who = "Layer " + k + (d == 1 ? " reverse" : "") + ": ";
    buffer(names.inputProjection(), "tb * " + gh, who + "input projections {@code x W_ih^T + b_ih [T, B, G*H]}.");
    buffer(names.recurrentProjection(), "batch * " + gh, who + "{@code h_{t-1} W_hh^T [B, G*H]} of the current step.");
    buffer(names.wIhPacked(), CodeBlock.of("$T.packedSize($L, $L)", RuntimeTypes.GEMM, gh, PerLayer.INPUT_WIDTH.of(k)),
        who + "{@code W_ih} packed for the projection (see Gemm.pack).");
    buffer(names.wHhPacked(), CodeBlock.of("$T.packedSize($L, $L)", RuntimeTypes.GEMM, gh, h),
        who + "{@code W_hh} packed for the recurrent GEMM.");
    switch (layer.cell()) {
      case LSTM, LSTM_PEEPHOLE -> {
        buffer(names.gates(), "tb * " + gh, who + "gate activations i, f, g, o {@code [T, B, 4H]}.");
        buffer(names.cell(), "tb * " + h, who + "cell states {@code [T, B, H]}.");
      }
      case GRU -> {
        buffer(names.gates(), "tb * " + gh, who + "gate activations r, z, n {@code [T, B, 3H]}.");
        buffer(names.newGateRecurrent(), "tb * " + h, who + "{@code W_hn h_{t-1} + b_hn [T, B, H]}.");
      }
      case RNN_TANH, RNN_RELU -> { }
    }
    if (layer.recurrentDropout() > 0) {
      buffer(names.recurrentMask(), "batch * " + h, who + "recurrent dropout mask, one per sequence {@code [B, H]}.");
      buffer(names.maskedPrevious(), "tb * " + h, who + "masked previous states {@code h_{t-1} * mask [T, B, H]}.");
    }
    buffer(names.dPreactivation(), "tb * " + gh, who + "d loss / d gate pre-activations {@code [T, B, G*H]}.");
    if (layer.cell() == dev.unroll.dsl.Cell.GRU) {
      buffer(names.dRecurrentProjection(), "tb * " + gh,
          who + "d loss / d (h_{t-1} W_hh^T + b_hh) {@code [T, B, 3H]}.");
    }
    buffer(names.dh(), "batch * " + h, who + "d loss / d h flowing back to the previous step {@code [B, H]}.");
    if (layer.lstm()) {
      buffer(names.dc(), "batch * " + h, who + "d loss / d c flowing back {@code [B, H]}.");
    }
    if (layer.layerNorm()) {
      layerNormBuffers(names, layer, who, h, gh);
    }
    if (layer.recurrentDropout() > 0) {
      buffer(names.dhUnmasked(), "batch * " + h, who + "{@code dPreact_t W_hh} before the mask {@code [B, H]}.");
    }
  }

  /** The buffers of a layer-normalised layer-direction: raw projections and each layer norm's statistics. */
  private void layerNormBuffers(Naming.LayerDirection names, LayerSpec layer, String who, String h, String gh) {
    buffer(names.inputProjectionRaw(), "tb * " + gh, who + "{@code x W_ih^T [T, B, G*H]} before the layer norm.");
    buffer(names.normalized("x"), "tb * " + gh, who + "normalised {@code x W_ih^T [T, B, G*H]}.");
    buffer(names.inverseDeviation("x"), "tb", who + "{@code 1/sqrt(var + eps)} of each row of {@code x W_ih^T [T, B]}.");
    buffer(names.recurrentProjectionRaw(), "batch * " + gh,
        who + "{@code h_{t-1} W_hh^T [B, G*H]} of the current step, before the layer norm.");
    buffer(names.normalized("h"), "tb * " + gh, who + "normalised {@code h_{t-1} W_hh^T [T, B, G*H]}.");
    buffer(names.inverseDeviation("h"), "tb", who + "{@code 1/sqrt(var + eps)} of each row of {@code h_{t-1} W_hh^T [T, B]}.");
    buffer(names.dInputProjectionRaw(), "tb * " + gh, who + "d loss / d {@code x W_ih^T [T, B, G*H]}.");
    buffer(names.dRecurrentProjectionRaw(), "tb * " + gh, who + "d loss / d {@code h_{t-1} W_hh^T [T, B, G*H]}.");
    if (layer.lstm()) {
      buffer(names.normalized("c"), "tb * " + h, who + "normalised cell states {@code [T, B, H]}.");
      buffer(names.inverseDeviation("c"), "tb", who + "{@code 1/sqrt(var + eps)} of each cell state {@code [T, B]}.");
      buffer(names.dNormalizedCell(), "batch * " + h, who + "d loss / d LN(c_t) of the current step {@code [B, H]}.");
    }
  }

  private String hiddenSizes() {
    List<String> sizes = new ArrayList<>();
    for (int k = 0; k < spec.layers().size(); k++) {
      for (int d = 0; d < spec.layers().get(k).directions(); d++) {
        sizes.add(PerLayer.UNITS.of(k));
      }
    }
    return "new int[] {" + String.join(", ", sizes) + "}";
  }

  private String cellStates() {
    List<String> flags = new ArrayList<>();
    for (LayerSpec layer : spec.layers()) {
      for (int d = 0; d < layer.directions(); d++) {
        flags.add(String.valueOf(layer.lstm()));
      }
    }
    return "new boolean[] {" + String.join(", ", flags) + "}";
  }

  /** d loss / d z, the conditioned initial state's feature vectors, with its public accessor. */
  private void conditionGradient() {
    buffer(Naming.CONDITION_GRADIENT, "batch * " + Naming.CONDITION_SIZE, "d loss / d conditions {@code [B, F]}.");
    type.addMethod(MethodSpec.methodBuilder("conditionGradient")
        .addJavadoc("d loss / d conditions of the last backward pass.\n")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(FLOATS)
        .addStatement("return $L", Naming.CONDITION_GRADIENT)
        .build());
  }

  private void buffer(String name, Object size, String doc) {
    type.addField(FieldSpec.builder(FLOATS, name, Modifier.FINAL).addJavadoc(doc + "\n").build());
    constructor.addStatement("$L = new float[$L]", name, size);
  }

  /**
   * The generated {@code newWorkspace(capacities...)}: a new tape of the given capacities (the
   * recurrent models' and the encoder-decoders' classes both write it).
   */
  static MethodSpec newWorkspace(TypeName tape, TypeName workspace, String doc, String... capacities) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("newWorkspace")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc + "\n")
        .returns(workspace);
    for (String capacity : capacities) {
      m.addParameter(TypeName.INT, capacity);
    }
    return m.addStatement("return new $T($L)", tape, String.join(", ", capacities)).build();
  }

  /**
   * The generated {@code tape(ws)}: the workspace as the network's tape, refusing a workspace of
   * another network (the recurrent models' and the encoder-decoders' classes both write it).
   */
  static MethodSpec tapeCast(TypeName tape, TypeName workspace, String networkName) {
    return MethodSpec.methodBuilder("tape")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The workspace as this network's tape; a workspace of another network is refused.\n")
        .returns(tape)
        .addParameter(workspace, "ws")
        .beginControlFlow("if (ws instanceof $T t)", tape)
        .addStatement("return t")
        .endControlFlow()
        .addStatement("throw new $T($S)", IllegalArgumentException.class,
            "this workspace was not made by " + networkName + ".newWorkspace")
        .build();
  }
}

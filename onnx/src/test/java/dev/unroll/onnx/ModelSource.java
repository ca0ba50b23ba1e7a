package dev.unroll.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Test support: writes the Java source of an annotated model declaration from plain settings. */
final class ModelSource {
  String packageName = "test";
  String className = "Model";
  int steps;
  String inputKind = "DENSE";
  int inputSize;
  int embeddingSize;
  final List<String> layers = new ArrayList<>();
  boolean learnedInitialState;
  int conditionSize;
  int headSize;
  String activation;
  String headMode = "MANY_TO_MANY";
  String headState = "HIDDEN";
  String loss;

  ModelSource layer(String cell, int units, boolean bidirectional) {
    layers.add(String.format(Locale.ROOT, "@Layer(cell = Cell.%s, units = %d, bidirectional = %b)", cell, units, bidirectional));
    return this;
  }

  /** A layer with (inverted) output dropout and variational recurrent dropout, both active only while training. */
  ModelSource layer(String cell, int units, boolean bidirectional, float dropout, float recurrentDropout) {
    layers.add(String.format(Locale.ROOT,
        "@Layer(cell = Cell.%s, units = %d, bidirectional = %b, dropout = %sf, recurrentDropout = %sf)",
        cell, units, bidirectional, Float.toString(dropout), Float.toString(recurrentDropout)));
    return this;
  }

  /** A layer, layer-normalised when {@code layerNorm}. */
  ModelSource layer(String cell, int units, boolean bidirectional, boolean layerNorm) {
    layers.add(String.format(Locale.ROOT, "@Layer(cell = Cell.%s, units = %d, bidirectional = %b%s)", cell, units,
        bidirectional, layerNorm ? ", layerNorm = true" : ""));
    return this;
  }

  String qualifiedName() {
    return packageName + "." + className;
  }

  private String initialState() {
    if (conditionSize > 0) {
      return "CONDITIONED, condition = @Condition(size = " + conditionSize + ")";
    }
    return learnedInitialState ? "LEARNED" : "ZEROS";
  }

  String source() {
    return "package " + packageName + ";\n"
        + "import dev.unroll.dsl.*;\n"
        + "@RecurrentModel(\n"
        + "    steps = " + steps + ",\n"
        + "    input = @Input(kind = InputKind." + inputKind + ", size = " + inputSize
        + (embeddingSize > 0 ? ", embeddingSize = " + embeddingSize : "") + "),\n"
        + "    layers = {" + String.join(", ", layers) + "},\n"
        + "    initialState = InitialState." + initialState() + ",\n"
        + "    head = @Head(size = " + headSize + ", activation = Activation." + activation
        + ", mode = HeadMode." + headMode + ", state = HeadState." + headState + "),\n"
        + "    loss = Loss." + loss + ")\n"
        + "public class " + className + " {}\n";
  }
}

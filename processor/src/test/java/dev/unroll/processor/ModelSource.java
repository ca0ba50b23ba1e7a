package dev.unroll.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test support: writes the Java source of an annotated model declaration from plain settings.
 * Published in the processor's test jar for the other modules' tests.
 */
public final class ModelSource {
  public String packageName = "test";
  public String className = "Model";
  public int steps;
  public String inputKind = "DENSE";
  public int inputSize;
  public int embeddingSize;
  public final List<String> layers = new ArrayList<>();
  public boolean learnedInitialState;
  /** F of a CONDITIONED initial state, or 0. */
  public int conditionSize;
  public int headSize;
  public String activation;
  public String headMode = "MANY_TO_MANY";
  public String headState = "HIDDEN";
  public String loss;

  public ModelSource layer(String cell, int units, boolean bidirectional) {
    layers.add(String.format(Locale.ROOT, "@Layer(cell = Cell.%s, units = %d, bidirectional = %b)", cell, units, bidirectional));
    return this;
  }

  /** A layer with (inverted) output dropout and variational recurrent dropout, both active only while training. */
  public ModelSource layer(String cell, int units, boolean bidirectional, float dropout, float recurrentDropout) {
    layers.add(String.format(Locale.ROOT,
        "@Layer(cell = Cell.%s, units = %d, bidirectional = %b, dropout = %sf, recurrentDropout = %sf)",
        cell, units, bidirectional, Float.toString(dropout), Float.toString(recurrentDropout)));
    return this;
  }

  /** A layer, layer-normalised when {@code layerNorm}. */
  public ModelSource layer(String cell, int units, boolean bidirectional, boolean layerNorm) {
    layers.add(String.format(Locale.ROOT, "@Layer(cell = Cell.%s, units = %d, bidirectional = %b%s)", cell, units,
        bidirectional, layerNorm ? ", layerNorm = true" : ""));
    return this;
  }

  public String qualifiedName() {
    return packageName + "." + className;
  }

  private String initialState() {
    if (conditionSize > 0) {
      return "CONDITIONED, condition = @Condition(size = " + conditionSize + ")";
    }
    return learnedInitialState ? "LEARNED" : "ZEROS";
  }

  public String source() {
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

package dev.unroll.processor;

import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.model.HeadSpec;
import dev.unroll.model.InputSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSpec;
import java.util.List;

/**
 * A validated model as code generation sees it: the shared {@link ModelSpec} (the one description
 * of a model, which the generated class also carries), plus where the class goes. Its accessors
 * delegate to the spec, so code generation never looks at the annotation again.
 *
 * @param packageName the generated class's package
 * @param declaringClass the annotated class, qualified
 * @param spec the model
 */
record ModelDescription(String packageName, String declaringClass, ModelSpec spec) {

  String className() {
    return spec.name();
  }

  String qualifiedName() {
    return packageName.isEmpty() ? className() : packageName + "." + className();
  }

  int steps() {
    return spec.steps();
  }

  InputSpec input() {
    return spec.input();
  }

  List<LayerSpec> layers() {
    return spec.layers();
  }

  boolean learnedInitialState() {
    return spec.learnedInitialState();
  }

  HeadSpec head() {
    return spec.head();
  }

  Loss loss() {
    return spec.loss();
  }

  Initialization initialization() {
    return spec.initialization();
  }

  float forgetGateBias() {
    return spec.forgetGateBias();
  }

  TrainingSpec training() {
    return spec.training();
  }

  /**
   * The array layer {@code k} reads its input from (or the head, for {@code k = layers}): the
   * output of the layer below, or its dropped-out copy while training. Generated-code text, for
   * the writers.
   */
  String layerInput(int k) {
    if (k == 0) {
      return input().kind() == InputKind.EMBEDDING ? "w.embedded" : "b.features";
    }
    LayerSpec below = layers().get(k - 1);
    return below.dropout() > 0 ? "b.training ? w.droppedL" + (k - 1) + " : w.outL" + (k - 1) : "w.outL" + (k - 1);
  }

  /** Width of the top layer's output per step. */
  int topOutputSize() {
    return spec.topOutputSize();
  }

  /** Whether any layer has an LSTM cell state. */
  boolean anyCellState() {
    return spec.anyCellState();
  }

  /** Total layer-directions, L * D summed over layers (the first index of h0 and of final states). */
  int layerDirections() {
    return spec.layerDirections();
  }

  /** Index of a layer-direction in h0, c0 and the final states. */
  int layerDirectionIndex(int layer, int direction) {
    return spec.layerDirectionIndex(layer, direction);
  }
}

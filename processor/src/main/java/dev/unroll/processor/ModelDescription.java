package dev.unroll.processor;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import java.util.List;

/**
 * The validated, immutable description of one declared model: everything code generation reads.
 * Code generation never looks at the annotation again.
 */
record ModelDescription(
    String packageName,
    String className,
    String declaringClass,
    int steps,
    Input input,
    List<Layer> layers,
    boolean learnedInitialState,
    Head head,
    Loss loss,
    Initialization initialization,
    float forgetGateBias,
    Training training) {

  ModelDescription {
    layers = List.copyOf(layers);
  }

  record Input(InputKind kind, int size, int embeddingSize) {
    /** Width of the vector the first layer reads per step. */
    int featureSize() {
      return kind == InputKind.EMBEDDING ? embeddingSize : size;
    }
  }

  record Layer(Cell cell, int units, boolean bidirectional, float dropout, float recurrentDropout) {
    int directions() {
      return bidirectional ? 2 : 1;
    }

    int outputSize() {
      return directions() * units;
    }

    int gates() {
      return switch (cell) {
        case LSTM, LSTM_PEEPHOLE -> 4;
        case GRU -> 3;
        case RNN_TANH, RNN_RELU -> 1;
      };
    }

    boolean lstm() {
      return cell == Cell.LSTM || cell == Cell.LSTM_PEEPHOLE;
    }
  }

  record Head(int size, Activation activation, HeadMode mode, boolean readsCellState) {}

  record Training(
      Optimizer optimizer,
      double learningRate,
      double momentum,
      double weightDecay,
      int batchSize,
      int epochs,
      double clipNorm,
      int truncatedBptt,
      long seed,
      String data,
      double validationSplit,
      int patience) {}

  /**
   * The array layer {@code k} reads its input from (or the head, for {@code k = layers}): the
   * output of the layer below, or its dropped-out copy while training.
   */
  String layerInput(int k) {
    if (k == 0) {
      return input.kind() == InputKind.EMBEDDING ? "w.embedded" : "b.features";
    }
    Layer below = layers.get(k - 1);
    return below.dropout() > 0 ? "b.training ? w.droppedL" + (k - 1) + " : w.outL" + (k - 1) : "w.outL" + (k - 1);
  }

  /** Width of the top layer's output per step. */
  int topOutputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /** Whether any layer has an LSTM cell state. */
  boolean anyCellState() {
    return layers.stream().anyMatch(Layer::lstm);
  }

  /** Total layer-directions, L * D summed over layers (the first index of h0 and of final states). */
  int layerDirections() {
    return layers.stream().mapToInt(Layer::directions).sum();
  }

  /** Index of a layer-direction in h0, c0 and the final states. */
  int layerDirectionIndex(int layer, int direction) {
    int index = 0;
    for (int k = 0; k < layer; k++) {
      index += layers.get(k).directions();
    }
    return index + direction;
  }

  String qualifiedName() {
    return packageName.isEmpty() ? className : packageName + "." + className;
  }
}

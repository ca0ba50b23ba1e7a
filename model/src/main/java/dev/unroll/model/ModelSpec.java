package dev.unroll.model;

import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.Loss;
import java.util.List;

/**
 * Everything a generated network is specialised to: the one description of a model. The processor
 * reads the annotations into it and writes it into the generated class ({@code spec()}); trainers,
 * model cards and the Maven plugin read it at run time.
 *
 * @param name the generated class's simple name
 * @param steps timesteps unrolled per sequence (T)
 * @param input one timestep's input
 * @param layers recurrent layers, bottom first
 * @param learnedInitialState whether h0 (and c0) are trainable parameters
 * @param head the output head
 * @param loss the training loss
 * @param initialization how parameters are drawn before training
 * @param forgetGateBias added to LSTM forget-gate biases at initialisation
 * @param training training defaults
 * @param conditionSize F, the size of the per-sequence feature vector that sets the initial state
 *     ({@code InitialState.CONDITIONED}), else 0
 */
public record ModelSpec(
    String name,
    int steps,
    InputSpec input,
    List<LayerSpec> layers,
    boolean learnedInitialState,
    HeadSpec head,
    Loss loss,
    Initialization initialization,
    float forgetGateBias,
    TrainingSpec training,
    int conditionSize) {

  public ModelSpec {
    layers = List.copyOf(layers);
  }

  /** A model whose initial state is not conditioned on a feature vector. */
  public ModelSpec(String name, int steps, InputSpec input, List<LayerSpec> layers, boolean learnedInitialState,
      HeadSpec head, Loss loss, Initialization initialization, float forgetGateBias, TrainingSpec training) {
    this(name, steps, input, layers, learnedInitialState, head, loss, initialization, forgetGateBias, training, 0);
  }

  /** Whether h0 (and c0) are computed from a per-sequence feature vector of {@link #conditionSize} values. */
  public boolean conditioned() {
    return conditionSize > 0;
  }

  /** Whether any layer is layer-normalised. */
  public boolean anyLayerNorm() {
    return layers.stream().anyMatch(LayerSpec::layerNorm);
  }

  /** This model with other training settings (the plugin's resolved configuration, say). */
  public ModelSpec withTraining(TrainingSpec other) {
    return new ModelSpec(name, steps, input, layers, learnedInitialState, head, loss, initialization, forgetGateBias,
        other, conditionSize);
  }

  /** The top layer's output width: D * H of the last layer. */
  public int topOutputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /**
   * Whether any layer runs backwards in time (such a model cannot be stepped one input at a time).
   * A plain loop: every streaming step asks, and a stream would allocate.
   */
  public boolean bidirectional() {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).bidirectional()) {
        return true;
      }
    }
    return false;
  }

  /** Whether any layer carries an LSTM cell state. */
  public boolean anyCellState() {
    return layers.stream().anyMatch(l -> l.cell().hasCellState());
  }

  /** Total layer-directions, D summed over layers: the first dimension of h0, c0 and the final states. */
  public int layerDirections() {
    return layers.stream().mapToInt(LayerSpec::directions).sum();
  }

  /** Index of a layer-direction in h0, c0 and the final states. */
  public int layerDirectionIndex(int layer, int direction) {
    int index = 0;
    for (int k = 0; k < layer; k++) {
      index += layers.get(k).directions();
    }
    return index + direction;
  }
}

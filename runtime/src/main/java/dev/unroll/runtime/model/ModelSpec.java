package dev.unroll.runtime.model;

import java.util.List;

/**
 * Everything a generated network was specialised to, available at run time for trainers, model
 * cards and tools. Generated classes expose it through {@code RecurrentNetwork.spec()}.
 *
 * @param name the generated class's simple name
 * @param steps timesteps unrolled per sequence (T)
 * @param input one timestep's input
 * @param layers recurrent layers, bottom first
 * @param learnedInitialState whether h0 (and c0) are trainable parameters
 * @param head the output head
 * @param loss the training loss
 * @param init how parameters are initialised
 * @param forgetGateBias added to LSTM forget-gate biases at initialisation
 * @param training training defaults
 */
public record ModelSpec(
    String name,
    int steps,
    InputSpec input,
    List<LayerSpec> layers,
    boolean learnedInitialState,
    HeadSpec head,
    LossType loss,
    InitScheme init,
    float forgetGateBias,
    TrainingSpec training) {

  public ModelSpec {
    layers = List.copyOf(layers);
  }

  /** The top layer's output width: D * H of the last layer. */
  public int topOutputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /** Whether any layer runs backwards in time (such a model cannot be stepped one input at a time). */
  public boolean bidirectional() {
    return layers.stream().anyMatch(LayerSpec::bidirectional);
  }
}

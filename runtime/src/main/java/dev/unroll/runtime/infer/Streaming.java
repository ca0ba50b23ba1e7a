package dev.unroll.runtime.infer;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.model.ModelSpec;
import java.util.Objects;

/**
 * Streams of inputs fed one step at a time, each stream's history in a {@link TrainedModel.State}
 * (a one-step workspace carrying the recurrent state from call to call).
 */
final class Streaming {
  private final TrainedModel owner;
  private final RecurrentNetwork net;
  private final ModelSpec spec;
  private final ModelInputs inputs;
  private final HeadOutputs outputs;

  Streaming(TrainedModel owner, RecurrentNetwork net, ModelInputs inputs, HeadOutputs outputs) {
    this.owner = owner;
    this.net = net;
    this.spec = net.spec();
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** See {@link TrainedModel#newState()}. */
  TrainedModel.State newState() {
    if (spec.bidirectional()) {
      throw new UnsupportedOperationException(spec.name()
          + " is bidirectional: it needs whole sequences, so it cannot be stepped; use predict");
    }
    Workspace workspace = net.newState();
    // A trained model's weights do not change: pack them once for all steps of this stream.
    workspace.freezeWeights(true);
    return new TrainedModel.State(owner, workspace, new Sampler(outputs.size()),
        inputs.symbolic() ? null : new float[inputs.size()]);
  }

  /** See {@link TrainedModel#newState(float[])}. */
  TrainedModel.State newState(float[] features) {
    TrainedModel.State state = newState();
    net.condition(state.workspace, features.clone());
    state.conditioned = true;
    return state;
  }

  /** See {@link TrainedModel#step(TrainedModel.State, int)}. */
  float[] step(TrainedModel.State state, int symbol) {
    check(state);
    if (!inputs.symbolic()) {
      throw new UnsupportedOperationException(spec.name() + " reads dense features: use step(State, float[])");
    }
    inputs.checkSymbol(symbol, "symbol");
    float[] logits = net.step(state.workspace, symbol);
    state.started = true;
    return outputs.of(logits, 0);
  }

  /** See {@link TrainedModel#step(TrainedModel.State, float[])}. */
  float[] step(TrainedModel.State state, float[] features) {
    check(state);
    if (inputs.symbolic()) {
      throw new UnsupportedOperationException(spec.name() + " reads symbols: use step(State, int)");
    }
    inputs.checkWidth(features, "features");
    inputs.normalizeInto(features, state.features, 0);
    float[] logits = net.step(state.workspace, state.features);
    state.started = true;
    return outputs.of(logits, 0);
  }

  /** See {@link TrainedModel#reset(TrainedModel.State)}. */
  void reset(TrainedModel.State state) {
    check(state);
    net.resetState(state.workspace);
    state.started = false;
  }

  /** Refuses a state made by another model, and a conditioned model's state made without features. */
  void check(TrainedModel.State state) {
    if (Objects.requireNonNull(state, "state").model != owner) {
      throw new IllegalArgumentException("this state was made by another TrainedModel; use this model's newState()");
    }
    if (spec.conditioned() && !state.conditioned) {
      throw new IllegalStateException(spec.name() + " starts from a state conditioned on " + spec.conditionSize()
          + " features: make the state with newState(features)");
    }
  }
}

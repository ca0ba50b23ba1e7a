package dev.unroll.runtime.infer;

import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams of inputs fed one step at a time, each stream's history in a {@link StreamState}
 * (a one-step workspace carrying the recurrent state from call to call, or, for the models {@link
 * FusedLstmStream} covers, that stream's buffers).
 */
final class Streaming {
  private final TrainedModel owner;
  private final RecurrentNetwork net;
  private final ModelSpec spec;
  private final ModelInputs inputs;
  private final HeadOutputs outputs;
  /** The fused one-step path, made at the first state (null until then, or when it does not apply). */
  private FusedLstmStream fused;
  private boolean fusedChecked;
  /**
   * A state kept for the generations that do not take one: a new state would make a workspace and
   * pack the weights again on every call. Taken by one call at a time; others make their own.
   */
  private final AtomicReference<StreamState> spare = new AtomicReference<>();

  Streaming(TrainedModel owner, RecurrentNetwork net, ModelInputs inputs, HeadOutputs outputs) {
    this.owner = owner;
    this.net = net;
    this.spec = net.spec();
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** See {@link TrainedModel#newState()}. */
  StreamState newState() {
    if (spec.bidirectional()) {
      throw new UnsupportedOperationException(spec.name()
          + " is bidirectional: it needs whole sequences, so it cannot be stepped; use predict");
    }
    FusedLstmStream f = fused();
    Workspace workspace = f == null ? net.newState() : null;
    if (workspace != null) {
      // A trained model's weights do not change: pack them once for all steps of this stream.
      workspace.freezeWeights(true);
    }
    return new StreamState(owner, workspace, f == null ? null : f.newBuffers(), new Sampler(outputs.size()),
        inputs.symbolic() ? null : new float[inputs.size()]);
  }

  /** A state at the model's initial state, for one call: the spare one if free, else a new one. */
  StreamState borrow() {
    StreamState s = spare.getAndSet(null);
    if (s == null) {
      return newState();
    }
    reset(s);
    return s;
  }

  /** Returns a state from {@link #borrow} for later calls. */
  void giveBack(StreamState state) {
    spare.set(state);
  }

  private synchronized FusedLstmStream fused() {
    if (!fusedChecked) {
      fused = FusedLstmStream.of(net);
      fusedChecked = true;
    }
    return fused;
  }

  /**
   * Feeds a checked symbol and returns the logits (a view into the state), on the fused path with
   * {@code helper} (if not null) taking half of each layer, else through the generated network.
   */
  float[] feed(StreamState state, int symbol, StreamHelper helper) {
    float[] logits;
    if (state.fused == null) {
      logits = net.step(state.workspace, symbol);
    } else if (helper != null) {
      logits = helper.step(fused, state.fused, symbol);
    } else {
      logits = fused.step(state.fused, symbol);
    }
    state.started = true;
    return logits;
  }

  /** The logits after the last input fed (valid only when {@code state.started}). */
  float[] lastLogits(StreamState state) {
    return state.fused == null ? state.workspace.logits : state.fused.logits;
  }

  /** See {@link TrainedModel#newState(float[])}. */
  StreamState newState(float[] features) {
    StreamState state = newState();
    net.condition(state.workspace, features.clone());
    state.conditioned = true;
    return state;
  }

  /** See {@link TrainedModel#step(StreamState, int)}. */
  float[] step(StreamState state, int symbol) {
    check(state);
    if (!inputs.symbolic()) {
      throw new UnsupportedOperationException(spec.name() + " reads dense features: use step(State, float[])");
    }
    inputs.checkSymbol(symbol, "symbol");
    return outputs.of(feed(state, symbol, null), 0);
  }

  /** See {@link TrainedModel#step(StreamState, float[])}. */
  float[] step(StreamState state, float[] features) {
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

  /** See {@link TrainedModel#reset(StreamState)}. */
  void reset(StreamState state) {
    check(state);
    if (state.fused == null) {
      net.resetState(state.workspace);
    } else {
      state.fused.reset();
    }
    state.started = false;
  }

  /** Refuses a state made by another model, and a conditioned model's state made without features. */
  void check(StreamState state) {
    if (Objects.requireNonNull(state, "state").model != owner) {
      throw new IllegalArgumentException("this state was made by another TrainedModel; use this model's newState()");
    }
    if (spec.conditioned() && !state.conditioned) {
      throw new IllegalStateException(spec.name() + " starts from a state conditioned on " + spec.conditionSize()
          + " features: make the state with newState(features)");
    }
  }
}

package dev.unroll.runtime;

import dev.unroll.model.ModelSpec;

/**
 * A network generated for one architecture. Its parameters live in one flat array laid out by
 * {@link #layout()}; everything a pass writes lives in a {@link Workspace}, so one network can
 * serve many threads, each with its own workspace.
 *
 * <p>A training step is {@code forward}, {@code loss}, {@code backward}, then an optimizer update
 * of {@link #parameters()} from {@link Workspace#gradients}.
 */
public interface RecurrentNetwork {

  /** The architecture this class was generated for. */
  ModelSpec spec();

  /** Names, shapes and offsets of every parameter tensor. */
  ParameterLayout layout();

  /** The live flat parameter array (not a copy). */
  float[] parameters();

  /** Draws every parameter from {@code seed} as the declaration says (deterministic). */
  void initialize(long seed);

  /** A workspace for batches of up to {@code maxSteps} steps and {@code maxBatch} sequences. */
  Workspace newWorkspace(int maxSteps, int maxBatch);

  /**
   * Runs the batch forward: every layer and direction, then the head. Afterwards the workspace
   * holds the top layer's outputs, each layer's final states and the logits.
   */
  void forward(Workspace ws, Batch batch);

  /**
   * The mean loss of the last forward pass against the batch's targets; also writes
   * {@link Workspace#dLogits} for {@link #backward}.
   */
  float loss(Workspace ws, Batch batch);

  /**
   * Back-propagates through time from {@link Workspace#dLogits}, accumulating d loss / d parameter
   * into {@link Workspace#gradients} and, for dense inputs, writing {@link Workspace#inputGradient}.
   */
  void backward(Workspace ws, Batch batch);

  /** A fresh streaming state: a one-step, one-sequence workspace. */
  default Workspace newState() {
    return newWorkspace(1, 1);
  }

  /** Forgets a streaming state's history: the next step starts from the initial state. */
  default void resetState(Workspace state) {
    state.streaming = false;
  }

  /**
   * Sets the feature vector {@code z [F]} of a streaming state whose network starts from a state
   * conditioned on one ({@code InitialState.CONDITIONED}), and resets the state so that its next
   * step starts from {@code h0 = tanh(init.weight z + init.bias)}. The array is kept, not copied.
   *
   * @throws UnsupportedOperationException if the network's initial state is not conditioned
   * @throws IllegalArgumentException if {@code features} does not hold F values
   */
  default void condition(Workspace state, float[] features) {
    if (!spec().conditioned()) {
      throw new UnsupportedOperationException(spec().name() + " does not start from a conditioned state");
    }
    if (features.length != spec().conditionSize()) {
      throw new IllegalArgumentException(spec().name() + " is conditioned on " + spec().conditionSize()
          + " features, was given " + features.length);
    }
    state.streamBatch.conditions = features;
    state.streaming = false;
  }

  /**
   * Feeds one symbol to a streaming state and returns the head's logits for it (a view into the
   * state, valid until its next step).
   *
   * @throws UnsupportedOperationException for bidirectional models, which need the whole sequence
   */
  default float[] step(Workspace state, int symbol) {
    Batch b = streamBatchOf(state);
    if (b.symbols == null) {
      b.symbols = new int[1];
    }
    b.symbols[0] = symbol;
    forward(state, b);
    state.streaming = true;
    return state.logits;
  }

  /** Feeds one dense input vector to a streaming state; see {@link #step(Workspace, int)}. */
  default float[] step(Workspace state, float[] features) {
    Batch b = streamBatchOf(state);
    b.features = features;
    forward(state, b);
    state.streaming = true;
    return state.logits;
  }

  private Batch streamBatchOf(Workspace state) {
    if (spec().bidirectional()) {
      throw new UnsupportedOperationException(
          spec().name() + " is bidirectional: it needs whole sequences, use forward()");
    }
    Batch b = state.streamBatch;
    b.steps = 1;
    b.size = 1;
    b.continueState = state.streaming;
    return b;
  }
}

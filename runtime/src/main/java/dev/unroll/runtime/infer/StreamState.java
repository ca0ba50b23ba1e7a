package dev.unroll.runtime.infer;

import dev.unroll.runtime.Workspace;

/**
 * The state of one stream of inputs (one conversation, one sensor): a one-step workspace and
 * the buffers for sampling. Use it from one thread at a time; make one per stream with
 * {@link TrainedModel#newState()}.
 */
public final class StreamState {
  final TrainedModel model;
  /** The one-step workspace of the generated network, or null on the fused path. */
  final Workspace workspace;
  /** The buffers of the fused path ({@link FusedLstmStream}), or null. */
  final FusedLstmStream.Buffers fused;
  final Sampler sampler;
  /** The normalised features of the current step (dense inputs), else {@code null}. */
  final float[] features;
  /** Whether an input was fed since the last reset, so that the workspace's logits are current. */
  boolean started;
  /** Whether a feature vector sets this state's start (see {@link TrainedModel#newState(float[])}). */
  boolean conditioned;

  StreamState(TrainedModel model, Workspace workspace, FusedLstmStream.Buffers fused, Sampler sampler, float[] features) {
    this.model = model;
    this.workspace = workspace;
    this.fused = fused;
    this.sampler = sampler;
    this.features = features;
  }

  /** Whether an input was fed since the state was made or reset. */
  public boolean started() {
    return started;
  }
}

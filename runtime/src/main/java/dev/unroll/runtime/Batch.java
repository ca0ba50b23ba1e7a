package dev.unroll.runtime;

/**
 * One mini-batch of time-major sequences, {@code [T, B, ...]}: the inputs, optional per-sequence
 * lengths (for padded batches), and optional targets. A batch is a plain mutable holder so that a
 * training loop can refill the same instance every step without allocating.
 */
public final class Batch {
  /** T: timesteps in this batch (at most the workspace's capacity). */
  public int steps;
  /** B: sequences in this batch (at most the workspace's capacity). */
  public int size;
  /** Dense inputs {@code [T, B, I]}, or {@code null} for symbolic inputs. */
  public float[] features;
  /** Symbol indices {@code [T, B]}, or {@code null} for dense inputs. */
  public int[] symbols;
  /**
   * Real length of each sequence {@code [B]} (1..T), or {@code null} when every sequence has T
   * steps. Steps at or after a sequence's length are padding: they add nothing to the loss or to
   * any gradient, the forward direction carries its state through them unchanged and the backward
   * direction starts at the last real step.
   */
  public int[] lengths;
  /**
   * Each sequence's feature vector {@code [B, F]} for a network whose initial state is conditioned
   * on one ({@code InitialState.CONDITIONED}); {@code null} for the others.
   */
  public float[] conditions;
  /** Class-index targets: {@code [T, B]} many-to-many or {@code [B]} many-to-one; or {@code null}. */
  public int[] classTargets;
  /** Float targets: {@code [T, B, O]} many-to-many or {@code [B, O]} many-to-one; or {@code null}. */
  public float[] valueTargets;
  /**
   * When true, every layer starts from the final state the workspace's previous forward pass
   * ended with (truncated BPTT, streaming) instead of the initial state; no gradient flows into
   * that carried state.
   */
  public boolean continueState;
  /**
   * Whether this is a training pass: dropout and recurrent dropout are active only then. Masks
   * are drawn from {@link #noiseSeed}, so a pass is reproducible whatever thread runs it.
   */
  public boolean training;
  /** Seed of this pass's dropout masks (set a new one for every training batch). */
  public long noiseSeed;

  /** Whether step {@code t} of sequence {@code b} is a real (not padded) step. */
  public boolean active(int t, int b) {
    return lengths == null || t < lengths[b];
  }

  /** Creates a dense batch. */
  public static Batch dense(int steps, int size, float[] features) {
    Batch b = sized(steps, size);
    b.features = features;
    return b;
  }

  /** Creates a symbolic batch. */
  public static Batch symbols(int steps, int size, int[] symbols) {
    Batch b = sized(steps, size);
    b.symbols = symbols;
    return b;
  }

  private static Batch sized(int steps, int size) {
    Batch b = new Batch();
    b.steps = steps;
    b.size = size;
    return b;
  }
}

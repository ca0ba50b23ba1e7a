package dev.unroll.runtime;

import dev.unroll.runtime.kernel.Gemm;
import java.util.Arrays;

/**
 * Everything one forward and backward pass writes: the BPTT tape, logits, states and the gradient
 * array. A workspace is allocated once for a capacity of T steps and B sequences and then reused,
 * so that a training step allocates nothing. It belongs to one thread at a time; several
 * workspaces may share one network's parameters.
 *
 * <p>Generated networks subclass it with their per-layer buffers.
 */
public abstract class Workspace {
  /** Capacity: the most steps a batch may have. */
  public final int maxSteps;
  /** Capacity: the most sequences a batch may have. */
  public final int maxBatch;
  /** d loss / d parameter, in the network's {@link ParameterLayout}; backward accumulates into it. */
  public final float[] gradients;
  /** Head outputs before activation: {@code [T, B, O]} many-to-many or {@code [B, O]} many-to-one. */
  public final float[] logits;
  /** d loss / d logits, written by the network's {@code loss}. */
  public final float[] dLogits;
  /** d loss / d input features {@code [T, B, I]} for dense inputs, else {@code null}. */
  public final float[] inputGradient;
  /** State every layer and direction starts from, {@code [L*D][B*H]}. */
  public final float[][] initialHidden;
  /** Cell state every LSTM layer and direction starts from, {@code [L*D][B*H]}; empty arrays otherwise. */
  public final float[][] initialCell;
  /** Hidden state after the last step of each layer and direction, {@code [L*D][B*H]}. */
  public final float[][] finalHidden;
  /** Cell state after the last step, {@code [L*D][B*H]} for LSTM layers; empty arrays otherwise. */
  public final float[][] finalCell;

  /** Steps and sequences of the batch last run forward. */
  protected int steps;
  protected int batch;
  /** Whether the parameters are promised not to change, so packed weight copies can be kept. */
  private boolean weightsFrozen;
  /** Whether the packed weight copies match the parameters (only tracked while frozen). */
  private boolean packedCurrent;
  /** Decided at the start of each pass: multiply by packed weight transposes, and repack them first. */
  private boolean usePacked;
  private boolean repackFirst;
  /** Whether this workspace has run a forward pass since its state was reset (for streaming). */
  boolean streaming;
  /** The one-step batch reused by streaming calls. */
  final Batch streamBatch = new Batch();

  /**
   * Checks, in {@code long}, that the widest {@code [T, B, ...]} buffer a generated tape allocates
   * for this capacity fits one array: G * H per layer-direction (G = 4 for cells with a cell state,
   * at most 3 for the others), per-step logits and dense inputs. The processor refused at compile
   * time every model whose buffers for one sequence do not fit; the batch is known only here.
   */
  private static void requireFits(int steps, int batch, int logitsPerStep, int denseInputSize, int[] hiddenSizes,
      boolean[] cellState) {
    long widest = Math.max(logitsPerStep, denseInputSize);
    for (int i = 0; i < hiddenSizes.length; i++) {
      widest = Math.max(widest, (cellState[i] ? 4L : 3L) * hiddenSizes[i]);
    }
    long rows = (long) steps * batch;
    if (rows > MAX_ARRAY || widest > 0 && rows > MAX_ARRAY / widest) {
      throw new IllegalArgumentException("a workspace for steps=" + steps + " and batch=" + batch + " needs buffers of "
          + rows + " rows of up to " + widest + " floats, more than the " + MAX_ARRAY
          + " one float[] holds; use a smaller batch or fewer steps");
    }
  }

  /** The longest array HotSpot allocates. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * @param hiddenSizes H of each layer-direction, in order {@code k * D + d}
   * @param cellState whether each layer-direction has a cell state
   */
  protected Workspace(
      int maxSteps,
      int maxBatch,
      int parameterCount,
      int logitsPerRow,
      boolean manyToMany,
      int denseInputSize,
      int[] hiddenSizes,
      boolean[] cellState) {
    if (maxSteps <= 0 || maxBatch <= 0) {
      throw new IllegalArgumentException(
          "a workspace needs steps > 0 and batch > 0, was steps=" + maxSteps + ", batch=" + maxBatch);
    }
    requireFits(maxSteps, maxBatch, manyToMany ? logitsPerRow : 0, denseInputSize, hiddenSizes, cellState);
    this.maxSteps = maxSteps;
    this.maxBatch = maxBatch;
    this.gradients = new float[parameterCount];
    int rows = manyToMany ? maxSteps * maxBatch : maxBatch;
    this.logits = new float[rows * logitsPerRow];
    this.dLogits = new float[rows * logitsPerRow];
    this.inputGradient = denseInputSize > 0 ? new float[maxSteps * maxBatch * denseInputSize] : null;
    int n = hiddenSizes.length;
    this.initialHidden = new float[n][];
    this.initialCell = new float[n][];
    this.finalHidden = new float[n][];
    this.finalCell = new float[n][];
    for (int i = 0; i < n; i++) {
      int size = maxBatch * hiddenSizes[i];
      initialHidden[i] = new float[size];
      finalHidden[i] = new float[size];
      initialCell[i] = new float[cellState[i] ? size : 0];
      finalCell[i] = new float[cellState[i] ? size : 0];
    }
  }

  /** Steps of the batch last run forward. */
  public int steps() {
    return steps;
  }

  /** Sequences of the batch last run forward. */
  public int batch() {
    return batch;
  }

  /** The top layer's states {@code [T, B, D*H]} (forward direction first) of the last forward pass. */
  public abstract float[] output();

  /**
   * d loss / d {@link Batch#conditions} {@code [B, F]} of the last backward pass, for a network whose
   * initial state is conditioned on a feature vector; {@code null} for the others.
   */
  public float[] conditionGradient() {
    return null;
  }

  /**
   * Promises that the network's parameters will not change while {@code frozen} (inference), so
   * that the workspace packs its copies of the weights once and reuses them in every pass, even
   * for one-step streaming. Call again after changing the parameters. By default weights are
   * repacked in every pass that uses them.
   */
  public void freezeWeights(boolean frozen) {
    weightsFrozen = frozen;
    packedCurrent = false;
  }

  /** Whether this pass multiplies by packed weight transposes (generated code asks). */
  public final boolean usesPackedWeights() {
    return usePacked;
  }

  /** Whether this pass must first refresh the packed weights (generated code asks). */
  public final boolean mustRepackWeights() {
    return repackFirst;
  }

  /** Sets every gradient to zero (call before accumulating a new batch). */
  public void zeroGradients() {
    Arrays.fill(gradients, 0f);
  }

  /**
   * Starts a forward pass: checks that the batch fits this workspace and is complete, and records
   * its size.
   *
   * @throws IllegalArgumentException naming what is missing or too large
   */
  protected final void begin(Batch b, boolean symbolic, int featureSize) {
    if (b.steps <= 0 || b.steps > maxSteps || b.size <= 0 || b.size > maxBatch) {
      throw new IllegalArgumentException(
          "batch of " + b.steps + " steps x " + b.size + " sequences does not fit a workspace of "
              + maxSteps + " x " + maxBatch);
    }
    if (symbolic && (b.symbols == null || b.symbols.length < b.steps * b.size)) {
      throw new IllegalArgumentException(
          "this model reads symbol indices: batch.symbols must hold T*B = " + b.steps * b.size + " ints");
    }
    if (!symbolic && (b.features == null || b.features.length < b.steps * b.size * featureSize)) {
      throw new IllegalArgumentException(
          "this model reads dense features: batch.features must hold T*B*I = "
              + b.steps * b.size * featureSize + " floats");
    }
    if (b.lengths != null) {
      for (int i = 0; i < b.size; i++) {
        if (b.lengths[i] < 1 || b.lengths[i] > b.steps) {
          throw new IllegalArgumentException(
              "batch.lengths[" + i + "] = " + b.lengths[i] + ", expected 1.." + b.steps);
        }
      }
    }
    steps = b.steps;
    batch = b.size;
    // Packing costs one pass over the weights: worth it for a few rows or more, or once for all
    // passes when the weights are frozen.
    usePacked = weightsFrozen || b.size >= Gemm.PACK_MIN_ROWS;
    repackFirst = usePacked && !packedCurrent;
    packedCurrent = usePacked && weightsFrozen;
  }
}

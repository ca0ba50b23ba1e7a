package dev.unroll.training.train;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.concurrent.WorkerPool;
import dev.unroll.runtime.kernel.Losses;

/**
 * Runs a batch across worker threads with results that do not depend on how many there are. The
 * batch is split into micro-batches by its size alone ({@link #microBatches}: contiguous ranges
 * of at most {@value #MICRO_BATCH} sequences), each with its own workspace, so its own gradient
 * and, for truncated BPTT, its own carried state; workers take micro-batches (worker {@code w}
 * those with index {@code w}, {@code w + workers}, ...), and the gradients and losses are summed
 * in micro-batch order, weighted by scored rows. One thread or sixteen therefore compute the same
 * sums in the same order and give the same bits; a cluster that runs the same micro-batches
 * could too.
 */
final class DataParallel implements AutoCloseable {
  static final int MICRO_BATCH = MicroBatches.SIZE;

  private final RecurrentNetwork net;
  private final int workers;
  private final Workspace[] workspaces;
  private final Batch[] slices;
  private final float[] losses;
  private final int[] scored;
  private final WorkerPool pool;
  /** The batch being run and its micro-batch count; the work items below read them (fields, so a step allocates nothing). */
  private Batch full;
  private int micro;
  private final WorkerPool.Work train = this::trainMicroBatches;
  private final WorkerPool.Work evaluate = this::evaluateMicroBatches;
  private final java.util.function.IntFunction<float[]> gradientOf = this::gradientOf;
  private final int featureSize;
  private final int outputs;
  private final int conditionSize;
  private final boolean perStep;

  DataParallel(RecurrentNetwork net, int threads, int maxSteps, int maxBatch) {
    this.net = net;
    int most = microBatches(maxBatch);
    this.workers = Math.max(1, Math.min(threads, most));
    ModelSpec spec = net.spec();
    this.featureSize = spec.input().kind().symbolic() ? 1 : spec.input().size();
    this.outputs = spec.head().size();
    this.conditionSize = spec.conditionSize();
    this.perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
    this.workspaces = new Workspace[most];
    this.slices = new Batch[most];
    for (int i = 0; i < most; i++) {
      workspaces[i] = net.newWorkspace(maxSteps, Math.min(MICRO_BATCH, maxBatch));
      slices[i] = new Batch();
    }
    this.losses = new float[most];
    this.scored = new int[most];
    this.pool = new WorkerPool(workers, "unroll-trainer");
  }

  static int microBatches(int size) {
    return MicroBatches.count(size);
  }

  private static int from(int i, int size, int count) {
    return MicroBatches.first(i, size, count);
  }

  /**
   * Forward, loss and backward of {@code full}; writes the gradient of the batch's mean loss to
   * {@code gradient} (overwriting it) and returns that loss.
   */
  float trainStep(Batch full, float[] gradient) {
    run(train, full);
    return MicroBatches.weightedSum(micro, losses, scored, gradientOf, gradient);
  }

  private float[] gradientOf(int microBatch) {
    return workspaces[microBatch].gradients;
  }

  /** Forward and loss of {@code full} without gradients, adding the figures to {@code metrics}. */
  void evaluate(Batch full, MetricAccumulator metrics) {
    run(evaluate, full);
    for (int i = 0; i < micro; i++) {
      metrics.add(slices[i], losses[i], workspaces[i].logits);
    }
  }

  /** The micro-batches' workspaces, in order (their final states carry streams across chunks). */
  Workspace[] workspaces() {
    return workspaces;
  }

  private void trainMicroBatches(int worker) {
    for (int i = worker; i < micro; i += workers) {
      Batch slice = slices[i];
      Workspace ws = workspaces[i];
      slice.noiseSeed = MicroBatches.noiseSeed(full.noiseSeed, i);
      ws.zeroGradients();
      net.forward(ws, slice);
      losses[i] = net.loss(ws, slice);
      net.backward(ws, slice);
    }
  }

  private void evaluateMicroBatches(int worker) {
    for (int i = worker; i < micro; i += workers) {
      net.forward(workspaces[i], slices[i]);
      losses[i] = net.loss(workspaces[i], slices[i]);
    }
  }

  private void run(WorkerPool.Work work, Batch batch) {
    int count = microBatches(batch.size);
    if (count > workspaces.length) {
      throw new IllegalArgumentException("a batch of " + batch.size + " sequences exceeds the " + workspaces.length
          * MICRO_BATCH + " this trainer was sized for");
    }
    for (int i = 0; i < count; i++) {
      int from = from(i, batch.size, count);
      int size = from(i + 1, batch.size, count) - from;
      BatchSlicer.slice(batch, from, size, featureSize, outputs, perStep, slices[i]);
      BatchSlicer.sliceConditions(batch, from, size, conditionSize, slices[i]);
      scored[i] = Losses.scoredRows(slices[i].steps, size, perStep, slices[i].lengths);
    }
    this.full = batch;
    this.micro = count;
    pool.run(Math.min(workers, count), work);
  }

  @Override
  public void close() {
    pool.close();
  }
}

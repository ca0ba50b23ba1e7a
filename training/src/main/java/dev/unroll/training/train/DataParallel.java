package dev.unroll.training.train;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.kernel.Losses;
import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.concurrent.WorkerPool;

/**
 * Runs a batch across worker threads: worker i always takes the same contiguous slice of
 * sequences (so carried states stay with their streams), with its own workspace. Gradients and
 * losses are combined in worker order, weighted by scored rows, so the same seed and thread count
 * give the same bits.
 */
final class DataParallel implements AutoCloseable {
  private final RecurrentNetwork net;
  private final int workers;
  private final Workspace[] workspaces;
  private final Batch[] slices;
  private final float[] losses;
  private final int[] scored;
  private final WorkerPool pool;
  /** The batch being run; the two work items below read it (fields, so a step allocates nothing). */
  private Batch full;
  private final WorkerPool.Work train = this::trainSlice;
  private final WorkerPool.Work evaluate = this::evaluateSlice;
  private final int featureSize;
  private final int outputs;
  private final int conditionSize;
  private final boolean perStep;

  DataParallel(RecurrentNetwork net, int threads, int maxSteps, int maxBatch) {
    this.net = net;
    this.workers = Math.max(1, Math.min(threads, maxBatch));
    ModelSpec spec = net.spec();
    this.featureSize = spec.input().kind().symbolic() ? 1 : spec.input().size();
    this.outputs = spec.head().size();
    this.conditionSize = spec.conditionSize();
    this.perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
    this.workspaces = new Workspace[workers];
    this.slices = new Batch[workers];
    for (int i = 0; i < workers; i++) {
      workspaces[i] = net.newWorkspace(maxSteps, (maxBatch + workers - 1) / workers);
      slices[i] = new Batch();
    }
    this.losses = new float[workers];
    this.scored = new int[workers];
    this.pool = new WorkerPool(workers, "unroll-trainer");
  }

  /** How many workers a batch of {@code size} sequences is split over. */
  private int activeWorkers(int size) {
    return Math.min(workers, size);
  }

  private static int from(int i, int size, int active) {
    return (int) ((long) i * size / active);
  }

  /**
   * Forward, loss and backward of {@code full}; writes the gradient of the batch's mean loss to
   * {@code gradient} (overwriting it) and returns that loss.
   */
  float trainStep(Batch full, float[] gradient) {
    int active = activeWorkers(full.size);
    run(active, train, full);
    long total = 0;
    for (int i = 0; i < active; i++) {
      total += scored[i];
    }
    double loss = 0;
    java.util.Arrays.fill(gradient, 0f);
    for (int i = 0; i < active; i++) {
      float weight = (float) scored[i] / total;
      loss += (double) weight * losses[i];
      float[] g = workspaces[i].gradients;
      for (int j = 0; j < gradient.length; j++) {
        gradient[j] += weight * g[j];
      }
    }
    return (float) loss;
  }

  /** Forward and loss of {@code full} without gradients, adding the figures to {@code metrics}. */
  void evaluate(Batch full, MetricAccumulator metrics) {
    int active = activeWorkers(full.size);
    run(active, evaluate, full);
    for (int i = 0; i < active; i++) {
      metrics.add(slices[i], losses[i], workspaces[i].logits);
    }
  }

  /** The workspaces, in worker order (their final states carry streams across chunks). */
  Workspace[] workspaces() {
    return workspaces;
  }

  private void trainSlice(int i) {
    Batch slice = slices[i];
    Workspace ws = workspaces[i];
    slice.noiseSeed = full.noiseSeed * 0x9E3779B97F4A7C15L + i;
    ws.zeroGradients();
    net.forward(ws, slice);
    losses[i] = net.loss(ws, slice);
    net.backward(ws, slice);
  }

  private void evaluateSlice(int i) {
    net.forward(workspaces[i], slices[i]);
    losses[i] = net.loss(workspaces[i], slices[i]);
  }

  private void run(int active, WorkerPool.Work work, Batch batch) {
    for (int i = 0; i < active; i++) {
      int from = from(i, batch.size, active);
      int count = from(i + 1, batch.size, active) - from;
      BatchSlicer.slice(batch, from, count, featureSize, outputs, perStep, slices[i]);
      BatchSlicer.sliceConditions(batch, from, count, conditionSize, slices[i]);
      scored[i] = Losses.scoredRows(slices[i].steps, count, perStep, slices[i].lengths);
    }
    this.full = batch;
    pool.run(active, work);
  }

  @Override
  public void close() {
    pool.close();
  }
}

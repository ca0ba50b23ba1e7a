package dev.unroll.training.train;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.training.optim.GradientClipping;
import dev.unroll.training.optim.Optimizer;
import dev.unroll.training.optim.Optimizers;
import java.util.Map;

/**
 * The training step on its own: forward, loss and backward of a batch across the configured
 * threads, clipping, and one optimizer update of the network's parameters. {@link Trainer} drives
 * it over epochs; benchmarks and custom loops can call it directly. After the first step it
 * allocates nothing. Close it to stop its worker threads.
 */
public final class TrainingSession implements AutoCloseable {
  private final RecurrentNetwork net;
  private final TrainingConfig config;
  private final DataParallel workers;
  private final Optimizer optimizer;
  private final float[] gradient;
  private long step;
  private int epoch = 1;
  private double learningRate;

  /** A session for batches of up to {@code maxSteps} steps and {@code maxBatch} sequences. */
  public TrainingSession(RecurrentNetwork net, TrainingConfig config, int maxSteps, int maxBatch) {
    this.net = net;
    this.config = config;
    this.workers = new DataParallel(net, config.threads(), maxSteps, maxBatch);
    this.optimizer = Optimizers.create(config.declared().optimizer(), net.parameters().length, config.settings());
    this.gradient = new float[net.parameters().length];
    this.learningRate = config.declared().learningRate();
  }

  /**
   * One optimizer step on {@code batch} (marked as a training batch, with dropout masks drawn from
   * the seed and the step number). Returns the batch's mean loss.
   *
   * @throws TrainingDivergedException if the loss is not finite (nothing is updated then) or a
   *     parameter is not finite after the update (see {@link DivergenceGuard})
   */
  public float step(Batch batch) {
    batch.training = true;
    batch.noiseSeed = nextNoiseSeed();
    return applyGradient(workers.trainStep(batch, gradient), gradient);
  }

  /**
   * The noise seed (dropout masks) of the next step's batch, from the seed and the step number;
   * micro-batch {@code i} uses {@link MicroBatches#noiseSeed}{@code (nextNoiseSeed(), i)}.
   */
  public long nextNoiseSeed() {
    return config.declared().seed() * 0x2545F4914F6CDD1DL + step;
  }

  /**
   * One optimizer step from a batch gradient computed elsewhere (for example summed from a
   * cluster's micro-batches with {@link MicroBatches#weightedSum}): the same checks, clipping,
   * learning-rate schedule and update as {@link #step(Batch)}. {@code gradient} is clipped in
   * place. Returns {@code loss}.
   *
   * @throws TrainingDivergedException as {@link #step(Batch)}
   */
  public float applyGradient(float loss, float[] gradient) {
    if (gradient.length != net.parameters().length) {
      throw new IllegalArgumentException("a gradient of " + gradient.length + " values for " + net.spec().name()
          + ", which has " + net.parameters().length + " parameters");
    }
    DivergenceGuard.checkLoss(net.spec().name(), loss, epoch, step + 1);
    GradientClipping.clipByValue(gradient, config.clipValue());
    GradientClipping.clipByGlobalNorm(gradient, config.declared().clipNorm());
    learningRate = config.schedule().rate(step, config.declared().learningRate());
    optimizer.step(net.parameters(), gradient, (float) learningRate);
    step++;
    DivergenceGuard.checkParameters(net.spec().name(), net.parameters(), epoch, step);
    return loss;
  }

  /** Sets the 0-based epoch the next steps belong to, which a divergence error names (1-based). */
  public void epoch(int zeroBased) {
    this.epoch = zeroBased + 1;
  }

  /** Optimizer steps taken (including those before a {@link #resume}). */
  public long steps() {
    return step;
  }

  /** The learning rate of the last step. */
  public double learningRate() {
    return learningRate;
  }

  /** Continues a run: the step count and the optimizer's saved state. */
  public void resume(long steps, Map<String, float[]> optimizerState, long optimizerSteps) {
    this.step = steps;
    optimizer.restore(optimizerState, optimizerSteps);
  }

  /** The optimizer, whose state a checkpoint saves and a resumed run restores. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Evaluates a batch without updating anything. */
  void evaluate(Batch batch, MetricAccumulator metrics) {
    workers.evaluate(batch, metrics);
  }

  DataParallel workers() {
    return workers;
  }

  /** The workers' workspaces, whose final states carry streams across chunks. */
  Workspace[] workspaces() {
    return workers.workspaces();
  }

  @Override
  public void close() {
    workers.close();
  }
}

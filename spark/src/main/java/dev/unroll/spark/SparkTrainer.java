package dev.unroll.spark;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.TrainingSpec;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.training.data.Example;
import dev.unroll.training.train.MicroBatches;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Synchronous data-parallel training on Spark, bit-identical to the single-machine {@code
 * Trainer} with the same configuration and data. Every step is one Spark job over the epoch's
 * shards ({@link EpochShards}): each task copies the step's parameters into its JVM's replica,
 * runs forward and backward on its whole micro-batches (micro-batch {@code m} of a batch on
 * partition {@code m mod P}) and returns their gradients; the driver sums them in micro-batch
 * order, weighted by scored rows ({@link MicroBatches#weightedSum}, the trainer's own code), and
 * applies the update ({@link TrainingSession#applyGradient}: clipping, schedule, optimizer). The
 * micro-batches, their order and their sum are functions of the batch alone, so the weights do
 * not depend on the number of partitions, on which executor ran what, or on retried tasks.
 *
 * <p>Trains on all the examples given (hold validation data out beforehand and evaluate with
 * {@code Trainer.evaluate}); {@code validationSplit}, {@code patience}, {@code threads} and the
 * config's own checkpoint are not used here. With {@link #withCheckpoint} the driver saves its
 * state to a shared path; a new job with the same settings resumes from it.
 *
 * <pre>{@code
 * SparkTrainingResult r = new SparkTrainer(spark, net, config, 8).withCheckpoint(shared, 100).fit(examples);
 * }</pre>
 */
public final class SparkTrainer {
  private final SparkSession spark;
  private final RecurrentNetwork net;
  private final TrainingConfig config;
  /** The model's declared training settings, from {@code config}. */
  private final TrainingSpec declared;
  private final int partitions;
  private Path checkpoint;
  private int checkpointEvery;
  private TaskObserver observer;
  private final List<StepListener> listeners = new ArrayList<>();

  /**
   * @param net the network to train, in place; its class must be on the executors' class path
   * @param partitions tasks per step (at most the cluster's cores is sensible; the bits do not depend on it)
   */
  public SparkTrainer(SparkSession spark, RecurrentNetwork net, TrainingConfig config, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    this.spark = spark;
    this.net = net;
    this.config = config;
    this.declared = config.declared();
    this.partitions = partitions;
  }

  /** Saves the driver's state to {@code file} (a shared path) every {@code everySteps} steps and after each epoch. */
  public SparkTrainer withCheckpoint(Path file, int everySteps) {
    if (everySteps < 0) {
      throw new IllegalArgumentException("checkpoint everySteps must be >= 0 (0: after each epoch), was " + everySteps);
    }
    this.checkpoint = file;
    this.checkpointEvery = everySteps;
    return this;
  }

  /** Calls {@code observer} in every task before it computes (see {@link TaskObserver}). */
  public SparkTrainer observe(TaskObserver observer) {
    this.observer = observer;
    return this;
  }

  /** Calls {@code listener} on the driver after every step. */
  public SparkTrainer listen(StepListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Trains on {@code examples} (independent sequences, as a {@code SequenceDataset} holds them) in
   * the configured epochs; the network's parameters then hold the trained weights.
   *
   * @throws IllegalArgumentException if there are no examples
   * @throws IllegalStateException if the checkpoint belongs to another run
   */
  public SparkTrainingResult fit(JavaRDD<Example> examples) {
    JavaPairRDD<Long, Example> indexed = examples.zipWithIndex().mapToPair(Tuple2::swap)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int[] lengths = lengths(indexed);
      return run(indexed, lengths);
    } finally {
      indexed.unpersist(false);
    }
  }

  private static int[] lengths(JavaPairRDD<Long, Example> indexed) {
    List<Tuple2<Long, Integer>> pairs = indexed.mapToPair(t -> new Tuple2<>(t._1(), t._2().length())).collect();
    int[] lengths = new int[pairs.size()];
    for (Tuple2<Long, Integer> p : pairs) {
      lengths[Math.toIntExact(p._1())] = p._2();
    }
    return lengths;
  }

  private SparkTrainingResult run(JavaPairRDD<Long, Example> indexed, int[] lengths) {
    int n = lengths.length;
    if (n == 0) {
      throw new IllegalArgumentException("no training examples for " + net.spec().name());
    }
    int batchSize = declared.batchSize();
    int batches = (n + batchSize - 1) / batchSize;
    int maxSteps = net.spec().steps();
    for (int length : lengths) {
      maxSteps = Math.max(maxSteps, length);
    }
    boolean perStep = net.spec().head().mode() == HeadMode.MANY_TO_MANY;
    String fingerprint = net.spec().name() + "/params=" + net.parameters().length + "/examples=" + n + "/batch="
        + batchSize + "/seed=" + declared.seed() + "/optimizer=" + declared.optimizer() + "/epochs=" + declared.epochs();
    Map<String, String> setup = ClusterSetup.describe(spark.sparkContext(), partitions, config, n);
    List<Double> losses = new ArrayList<>();
    float[] gradient = new float[net.parameters().length];
    EpochShards.Layout layout = new EpochShards.Layout(n, batchSize, partitions);
    try (TrainingSession session = new TrainingSession(net, config.withThreads(1), 1, 1)) {
      SparkCheckpoint resume = resume(fingerprint);
      int firstEpoch = 0;
      int firstBatch = 0;
      double lossSum = 0;
      long lossRows = 0;
      if (resume != null) {
        System.arraycopy(resume.params(), 0, net.parameters(), 0, gradient.length);
        session.resume(resume.step(), resume.optimizer(), resume.optimizerSteps());
        firstEpoch = resume.epoch();
        firstBatch = resume.batch();
        lossSum = resume.lossSum();
        lossRows = resume.lossRows();
      }
      String networkClass = net.getClass().getName();
      for (int epoch = firstEpoch; epoch < declared.epochs(); epoch++) {
        session.epoch(epoch);
        int[] order = MicroBatches.epochOrder(n, declared.seed(), epoch);
        JavaRDD<Shard> shards = EpochShards.build(indexed, layout, declared.seed(), epoch);
        try {
          for (int b = firstBatch; b < batches; b++) {
            long started = System.nanoTime();
            StepPlan plan = plan(epoch, b, order, lengths, session.nextNoiseSeed());
            List<MicroBatchGradient> parts = shards.mapPartitions(new StepTask(networkClass, plan, partitions,
                batchSize, maxSteps, observer)).collect();
            long reduceStarted = System.nanoTime();
            float loss = reduce(plan, parts, gradient);
            session.applyGradient(loss, gradient);
            long finished = System.nanoTime();
            long rows = perStep ? (long) plan.steps() * plan.size() : plan.size();
            lossSum += (double) loss * rows;
            lossRows += rows;
            for (StepListener l : listeners) {
              l.onStep(session.steps(), loss, finished - started, busiest(parts), finished - reduceStarted);
            }
            if (checkpointEvery > 0 && session.steps() % checkpointEvery == 0 && b + 1 < batches) {
              save(fingerprint, epoch, b + 1, session, lossSum, lossRows);
            }
          }
        } finally {
          shards.unpersist(false);
        }
        firstBatch = 0;
        losses.add(lossSum / lossRows);
        lossSum = 0;
        lossRows = 0;
        save(fingerprint, epoch + 1, 0, session, 0, 0);
      }
      return new SparkTrainingResult(losses, session.steps(), resume != null, setup);
    }
  }

  /** The shape of batch {@code b}: its positions, longest sequence and whether lengths differ. */
  private StepPlan plan(int epoch, int b, int[] order, int[] lengths, long noiseSeed) {
    int first = b * declared.batchSize();
    int size = Math.min(declared.batchSize(), order.length - first);
    int steps = 0;
    boolean ragged = false;
    for (int i = 0; i < size; i++) {
      int n = lengths[order[first + i]];
      ragged |= i > 0 && n != steps;
      steps = Math.max(steps, n);
    }
    return new StepPlan(epoch, b, first, size, steps, ragged, MicroBatches.count(size), noiseSeed,
        net.parameters().clone());
  }

  /** The batch gradient from every micro-batch's, in micro-batch order; returns the batch's mean loss. */
  private static float reduce(StepPlan plan, List<MicroBatchGradient> parts, float[] gradient) {
    int micro = plan.microBatches();
    float[][] gradients = new float[micro][];
    float[] losses = new float[micro];
    int[] scored = new int[micro];
    for (MicroBatchGradient g : parts) {
      if (gradients[g.index()] != null) {
        throw new IllegalStateException("micro-batch " + g.index() + " of step " + plan.batch() + " came back twice");
      }
      gradients[g.index()] = g.gradient();
      losses[g.index()] = g.loss();
      scored[g.index()] = g.scored();
    }
    for (int m = 0; m < micro; m++) {
      if (gradients[m] == null) {
        throw new IllegalStateException("micro-batch " + m + " of batch " + plan.batch() + " (epoch " + (plan.epoch()
            + 1) + ") came back from no task; its shard lacks it");
      }
    }
    return MicroBatches.weightedSum(micro, losses, scored, m -> gradients[m], gradient);
  }

  private long busiest(List<MicroBatchGradient> parts) {
    long[] perPartition = new long[partitions];
    for (MicroBatchGradient g : parts) {
      perPartition[g.index() % partitions] += g.computeNanos();
    }
    long max = 0;
    for (long v : perPartition) {
      max = Math.max(max, v);
    }
    return max;
  }

  private SparkCheckpoint resume(String fingerprint) {
    if (checkpoint == null || !Files.exists(checkpoint)) {
      return null;
    }
    try {
      SparkCheckpoint c = SparkCheckpoint.load(checkpoint);
      if (!c.fingerprint().equals(fingerprint)) {
        throw new IllegalStateException("checkpoint " + checkpoint + " belongs to another run (" + c.fingerprint()
            + "), this run is " + fingerprint + "; delete it to start over");
      }
      if (c.params().length != net.parameters().length) {
        throw new IllegalStateException("checkpoint " + checkpoint + " holds " + c.params().length + " parameters, "
            + net.spec().name() + " has " + net.parameters().length);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }

  private void save(String fingerprint, int epoch, int batch, TrainingSession session, double lossSum, long lossRows) {
    if (checkpoint == null) {
      return;
    }
    SparkCheckpoint c = new SparkCheckpoint(fingerprint, epoch, batch, session.steps(), lossSum, lossRows,
        net.parameters(), session.optimizer().state(), session.optimizer().steps());
    try {
      c.save(checkpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }
}

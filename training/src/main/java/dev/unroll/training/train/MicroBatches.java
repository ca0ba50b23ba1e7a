package dev.unroll.training.train;

import dev.unroll.runtime.data.Permutations;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * How a training batch is split into micro-batches and how their gradients are combined: the
 * rules that make training give the same bits on any number of threads, here public so that
 * other executors of the same micro-batches (a cluster's tasks) combine them exactly as
 * {@link Trainer} does. A batch of {@code size} sequences becomes {@link #count} contiguous
 * ranges of at most {@value #SIZE} sequences, a function of the size alone; micro-batch {@code
 * i}'s gradient is weighted by its share of the scored rows and the weighted gradients are summed
 * in micro-batch order, starting from zero. Anything that computes each micro-batch's gradient
 * with the same network, data and noise seed and then calls {@link #weightedSum} gets the
 * trainer's gradient, bit for bit.
 */
public final class MicroBatches {
  /** Most sequences in one micro-batch: large enough for efficient GEMMs, small enough to share out. */
  public static final int SIZE = 16;

  private MicroBatches() {}

  /** How many micro-batches a batch of {@code size} sequences is split into. */
  public static int count(int size) {
    return Math.max(1, (size + SIZE - 1) / SIZE);
  }

  /** First sequence of micro-batch {@code i} of {@code count} over {@code size} sequences (an even split). */
  public static int first(int i, int size, int count) {
    return (int) ((long) i * size / count);
  }

  /** The noise seed (dropout masks) of micro-batch {@code i} of a batch whose noise seed is {@code batchNoiseSeed}. */
  public static long noiseSeed(long batchNoiseSeed, int i) {
    return batchNoiseSeed * 0x9E3779B97F4A7C15L + i;
  }

  /**
   * The order in which an epoch of {@code size} independent sequences is read: indices shuffled
   * from the seed and the epoch alone, so a resumed or distributed run reads the same batches.
   */
  public static int[] epochOrder(int size, long seed, int epoch) {
    int[] order = new int[size];
    epochOrder(seed, epoch, order);
    return order;
  }

  /** Fills {@code order} with the order of epoch {@code epoch} (see {@link #epochOrder(int, long, int)}). */
  static void epochOrder(long seed, int epoch, int[] order) {
    Permutations.reset(order);
    Permutations.shuffle(order, new Random(seed * 1_000_003L + epoch));
  }

  /**
   * Writes the gradient of the batch's mean loss to {@code into} (overwriting it) and returns that
   * loss: micro-batch {@code i}'s gradient (of its own mean loss) and loss weighted by {@code
   * scored[i]} over all scored rows, summed for {@code i = 0, 1, ..., count - 1} in that order.
   *
   * @param gradients micro-batch {@code i}'s gradient, by index
   */
  public static float weightedSum(int count, float[] losses, int[] scored, IntFunction<float[]> gradients,
      float[] into) {
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += scored[i];
    }
    double loss = 0;
    Arrays.fill(into, 0f);
    for (int i = 0; i < count; i++) {
      float weight = (float) scored[i] / total;
      loss += (double) weight * losses[i];
      float[] g = gradients.apply(i);
      for (int j = 0; j < into.length; j++) {
        into[j] += weight * g[j];
      }
    }
    return (float) loss;
  }
}

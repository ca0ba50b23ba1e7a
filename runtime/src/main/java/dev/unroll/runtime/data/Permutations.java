package dev.unroll.runtime.data;

import java.util.random.RandomGenerator;

/**
 * Orders of indices: the identity, and its Fisher-Yates shuffle, which epochs of training data and
 * the asynchronous updates of a memory both use. Which generator drives the shuffle fixes the order
 * ({@link java.util.Random} and {@link java.util.SplittableRandom} give different ones for one seed).
 */
public final class Permutations {
  private Permutations() {}

  /** {@code 0, 1, ..., n - 1}. */
  public static int[] identity(int n) {
    int[] order = new int[n];
    reset(order);
    return order;
  }

  /** Sets {@code order} to the identity {@code 0, 1, ..., order.length - 1}, in place. */
  public static void reset(int[] order) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
  }

  /** Shuffles {@code order} in place (Fisher-Yates, from the end), reproducibly for a given {@code random}. */
  public static void shuffle(int[] order, RandomGenerator random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}

package dev.unroll.runtime.hopfield;

import dev.unroll.runtime.data.Permutations;
import java.util.SplittableRandom;

/** Checks and small operations on bipolar states: arrays of N values, each {@code +1} or {@code -1}. */
public final class BipolarStates {
  private BipolarStates() {}

  /**
   * Checks that {@code state} has {@code units} entries, each &plusmn;1.
   *
   * @param what names the array in the message, e.g. {@code "probe"} or {@code "pattern 3"}
   * @throws IllegalArgumentException naming {@code what} and the first entry at fault
   */
  public static void check(int[] state, int units, String what) {
    if (state == null) {
      throw new IllegalArgumentException(what + " is null; expected " + units + " values of +1 or -1");
    }
    if (state.length != units) {
      throw new IllegalArgumentException(what + " has " + state.length + " values; the memory has " + units + " units");
    }
    for (int i = 0; i < units; i++) {
      if (state[i] != 1 && state[i] != -1) {
        throw new IllegalArgumentException(what + " has " + state[i] + " at unit " + i + "; states are +1 or -1");
      }
    }
  }

  /** A checked copy of {@code state}; see {@link #check}. */
  public static int[] copyOf(int[] state, int units, String what) {
    check(state, units, what);
    return state.clone();
  }

  /** {@code (1/N) sum_i a_i b_i}: 1 when equal, -1 when opposite, about 0 for unrelated random states. */
  public static double overlap(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("states of " + a.length + " and " + b.length + " units have no overlap");
    }
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return (double) sum / a.length;
  }

  /** How many units differ. */
  public static int hammingDistance(int[] a, int[] b) {
    return (int) Math.round((1 - overlap(a, b)) * a.length / 2);
  }

  /** A uniformly random state of {@code units} units. */
  public static int[] random(int units, SplittableRandom random) {
    int[] s = new int[units];
    for (int i = 0; i < units; i++) {
      s[i] = random.nextBoolean() ? 1 : -1;
    }
    return s;
  }

  /** A copy of {@code state} with each unit flipped with probability {@code p}. */
  public static int[] withNoise(int[] state, double p, SplittableRandom random) {
    int[] s = state.clone();
    for (int i = 0; i < s.length; i++) {
      if (random.nextDouble() < p) {
        s[i] = -s[i];
      }
    }
    return s;
  }

  /** The identity order {@code 0, 1, ..., units - 1}, to be {@link #shuffle}d. */
  public static int[] order(int units) {
    return Permutations.identity(units);
  }

  /** Fisher-Yates shuffle of {@code order} in place, drawing from {@code random}. */
  public static void shuffle(int[] order, SplittableRandom random) {
    Permutations.shuffle(order, random);
  }
}

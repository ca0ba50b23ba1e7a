package dev.unroll.runtime;

import java.util.SplittableRandom;

/**
 * Parameter initialisers used by generated {@code initialize(seed)} methods. Every draw comes from
 * one {@link SplittableRandom} in parameter order, so the same seed gives the same bits.
 */
public final class Init {
  private Init() {}

  /** Fills {@code p[off .. off+len)} from {@code U(-bound, bound)}. Modifies p. */
  public static void uniform(float[] p, int off, int len, float bound, SplittableRandom rng) {
    for (int i = 0; i < len; i++) {
      p[off + i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
  }

  /** Fills {@code p[off .. off+len)} from {@code N(0, std^2)}. Modifies p. */
  public static void normal(float[] p, int off, int len, float std, SplittableRandom rng) {
    for (int i = 0; i < len; i++) {
      p[off + i] = (float) (gaussian(rng) * std);
    }
  }

  /** Sets {@code p[off .. off+len)} to {@code value}. Modifies p. */
  public static void constant(float[] p, int off, int len, float value) {
    java.util.Arrays.fill(p, off, off + len, value);
  }

  /** Adds {@code value} to {@code p[off .. off+len)}. Modifies p. */
  public static void add(float[] p, int off, int len, float value) {
    for (int i = 0; i < len; i++) {
      p[off + i] += value;
    }
  }

  /** A standard normal draw (Box-Muller), so that results do not depend on the JDK's algorithm. */
  private static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so log is finite
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

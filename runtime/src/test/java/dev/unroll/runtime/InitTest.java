package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitTest {
  private static final int N = 100_000;

  private static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Float.floatToRawIntBits(a[i]);
    }
    return b;
  }

  /** Fills a layout-like array the way a generated initialize(seed) would: several slots, one rng. */
  private static float[] initialise(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] p = new float[300];
    Init.uniform(p, 0, 100, 0.25f, rng);
    Init.normal(p, 100, 100, 0.1f, rng);
    Init.uniform(p, 200, 100, 0.5f, rng);
    return p;
  }

  @Test
  void sameSeedGivesIdenticalBits() {
    assertTrue(Arrays.equals(bits(initialise(1234)), bits(initialise(1234))));
  }

  @Test
  void differentSeedGivesDifferentValues() {
    float[] a = initialise(1234);
    float[] b = initialise(1235);
    assertFalse(Arrays.equals(bits(a), bits(b)));
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    assertTrue(same < 3, same + " of " + a.length + " values coincide across seeds");
  }

  @Test
  void fillsOnlyTheRequestedRange() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] p = new float[10];
    Arrays.fill(p, 9f);
    Init.uniform(p, 2, 3, 1f, rng);
    Init.normal(p, 6, 2, 1f, rng);
    for (int i : new int[] {0, 1, 5, 8, 9}) {
      assertEquals(9f, p[i], "index " + i);
    }
    for (int i : new int[] {2, 3, 4, 6, 7}) {
      assertTrue(p[i] != 9f, "index " + i);
    }
  }

  @Test
  void uniformLiesInsideTheBoundWithTheRightMoments() {
    for (float bound : new float[] {1f, 0.125f, 0.0883883f /* 1/sqrt(128) */}) {
      float[] p = new float[N];
      Init.uniform(p, 0, N, bound, new SplittableRandom(99));
      double sum = 0;
      double sumSq = 0;
      for (float v : p) {
        assertTrue(v > -bound && v < bound, v + " outside (-" + bound + ", " + bound + ")");
        sum += v;
        sumSq += (double) v * v;
      }
      double mean = sum / N;
      double var = sumSq / N - mean * mean;
      // standard error of the mean: bound / sqrt(3 N) ~ 0.0018 bound
      assertEquals(0, mean, 0.01 * bound, "mean for bound " + bound);
      // bound^2 / 3, to within 2% (the standard error is ~0.3%)
      double want = (double) bound * bound / 3;
      assertEquals(want, var, 0.02 * want, "variance for bound " + bound);
    }
  }

  @Test
  void normalHasMeanZeroAndUnitStd() {
    float[] p = new float[N];
    Init.normal(p, 0, N, 1f, new SplittableRandom(7));
    double sum = 0;
    double sumSq = 0;
    int withinOneSigma = 0;
    for (float v : p) {
      assertTrue(Float.isFinite(v), "non-finite normal draw " + v);
      sum += v;
      sumSq += (double) v * v;
      if (Math.abs(v) < 1) {
        withinOneSigma++;
      }
    }
    double mean = sum / N;
    double std = Math.sqrt(sumSq / N - mean * mean);
    assertEquals(0, mean, 0.015, "mean"); // standard error 0.003
    assertEquals(1, std, 0.015, "std"); // standard error ~0.0022
    // P(|X| < 1) = 0.6827 for a standard normal; standard error ~0.0015
    assertEquals(0.6827, withinOneSigma / (double) N, 0.008, "fraction within one sigma");
  }

  @Test
  void normalScalesByStd() {
    float[] p = new float[N];
    Init.normal(p, 0, N, 0.05f, new SplittableRandom(8));
    double sumSq = 0;
    for (float v : p) {
      sumSq += (double) v * v;
    }
    assertEquals(0.05, Math.sqrt(sumSq / N), 0.05 * 0.015);
  }

  @Test
  void constantAndAdd() {
    float[] p = {1, 2, 3, 4, 5};
    Init.constant(p, 1, 2, 7f);
    assertTrue(Arrays.equals(new float[] {1, 7, 7, 4, 5}, p), Arrays.toString(p));
    Init.add(p, 2, 3, 0.5f);
    assertTrue(Arrays.equals(new float[] {1, 7, 7.5f, 4.5f, 5.5f}, p), Arrays.toString(p));
  }
}

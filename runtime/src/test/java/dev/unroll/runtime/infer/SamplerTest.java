package dev.unroll.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final float[] LOGITS = {0.5f, 2.0f, -1.0f, 1.5f, 0.0f, 1.9f, -3.0f, 0.7f};
  private static final int ARGMAX = 1;

  /** softmax(LOGITS / t), computed directly. */
  private static double[] softmax(float[] logits, double t) {
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] / t);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Test
  void distributionIsTheSoftmaxOfLogitsOverTemperature() {
    Sampler s = new Sampler(LOGITS.length);
    for (double t : new double[] {0.3, 1.0, 2.5}) {
      double[] p = new double[LOGITS.length];
      s.distribution(LOGITS, 0, t, 0, p);
      assertArrayEquals(softmax(LOGITS, t), p, 1e-12, "temperature " + t);
    }
  }

  @Test
  void lowTemperatureApproachesTheArgmax() {
    Sampler s = new Sampler(LOGITS.length);
    double[] p = new double[LOGITS.length];
    double previous = 0;
    for (double t : new double[] {1.0, 0.3, 0.1, 0.03, 0.01}) {
      s.distribution(LOGITS, 0, t, 0, p);
      assertTrue(p[ARGMAX] > previous, "p(argmax) grows as the temperature falls, at " + t);
      previous = p[ARGMAX];
    }
    assertTrue(previous > 1 - 1e-4, "p(argmax) at T = 0.01 is " + previous);
    // Far below any useful temperature nothing overflows: the arg-max takes everything.
    s.distribution(LOGITS, 0, 1e-300, 0, p);
    assertEquals(1.0, p[ARGMAX]);
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      assertEquals(ARGMAX, s.sample(LOGITS, 0, 1e-3, 0, r));
    }
  }

  @Test
  void topOneIsGreedy() {
    Sampler s = new Sampler(LOGITS.length);
    SplittableRandom r = new SplittableRandom(4);
    for (double t : new double[] {0.5, 1, 100}) {
      for (int i = 0; i < 200; i++) {
        assertEquals(ARGMAX, s.sample(LOGITS, 0, t, 1, r));
      }
    }
    assertEquals(ARGMAX, Sampler.argmax(LOGITS, 0, LOGITS.length));
  }

  @Test
  void frequenciesOverManyDrawsMatchTheSoftmax() {
    int n = 100_000;
    for (double t : new double[] {0.7, 1.0, 1.8}) {
      Sampler s = new Sampler(LOGITS.length);
      SplittableRandom r = new SplittableRandom(42);
      long[] counts = new long[LOGITS.length];
      for (int i = 0; i < n; i++) {
        counts[s.sample(LOGITS, 0, t, 0, r)]++;
      }
      double[] p = softmax(LOGITS, t);
      for (int i = 0; i < p.length; i++) {
        double se = Math.sqrt(p[i] * (1 - p[i]) / n);
        double f = (double) counts[i] / n;
        assertEquals(p[i], f, 4.5 * se + 1e-9, "frequency of " + i + " at T = " + t);
      }
    }
  }

  @Test
  void topKKeepsOnlyTheKLargestRenormalised() {
    Sampler s = new Sampler(LOGITS.length);
    double[] p = new double[LOGITS.length];
    s.distribution(LOGITS, 0, 1.0, 3, p);
    // The three largest logits are 2.0 (1), 1.9 (5) and 1.5 (3).
    double[] full = softmax(LOGITS, 1.0);
    double kept = full[1] + full[5] + full[3];
    for (int i = 0; i < p.length; i++) {
      double expected = i == 1 || i == 5 || i == 3 ? full[i] / kept : 0;
      assertEquals(expected, p[i], 1e-12, "probability of " + i);
    }
    SplittableRandom r = new SplittableRandom(5);
    long[] counts = new long[LOGITS.length];
    for (int i = 0; i < 20_000; i++) {
      counts[s.sample(LOGITS, 0, 1.0, 3, r)]++;
    }
    for (int i = 0; i < counts.length; i++) {
      assertEquals(i == 1 || i == 5 || i == 3, counts[i] > 0, "drawn " + counts[i] + " times: " + i);
    }
  }

  @Test
  void topKBreaksTiesTowardsTheLowerIndexAndWorksOnAnyOrder() {
    float[] ties = {1, 3, 3, 0, 3, 2};
    Sampler s = new Sampler(ties.length);
    double[] p = new double[ties.length];
    s.distribution(ties, 0, 1.0, 2, p);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0, 0, 0}, p, 1e-15);
    // Sorted, reversed and shuffled rows of many logits: always exactly the k largest.
    int n = 257;
    SplittableRandom r = new SplittableRandom(9);
    for (int trial = 0; trial < 30; trial++) {
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        x[i] = trial % 3 == 0 ? i : trial % 3 == 1 ? -i : (float) r.nextGaussian();
      }
      int k = 1 + r.nextInt(n - 1);
      Sampler big = new Sampler(n);
      double[] q = new double[n];
      big.distribution(x, 0, 1.0, k, q);
      float[] sorted = x.clone();
      Arrays.sort(sorted);
      float threshold = sorted[n - k];
      int nonZero = 0;
      for (int i = 0; i < n; i++) {
        if (q[i] > 0) {
          nonZero++;
          assertTrue(x[i] >= threshold, "kept " + x[i] + " below the k-th largest " + threshold);
        }
      }
      assertEquals(k, nonZero, "top-" + k + " of trial " + trial);
      assertEquals(1.0, Arrays.stream(q).sum(), 1e-9);
    }
  }

  @Test
  void sameSeedSameSequence() {
    int[] a = draws(7);
    assertArrayEquals(a, draws(7));
    assertNotEquals(Arrays.toString(a), Arrays.toString(draws(8)));
  }

  private static int[] draws(long seed) {
    Sampler s = new Sampler(LOGITS.length);
    SplittableRandom r = new SplittableRandom(seed);
    int[] out = new int[500];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.sample(LOGITS, 0, 1.2, i % 3 == 0 ? 4 : 0, r);
    }
    return out;
  }

  @Test
  void readsARowAtAnOffset() {
    float[] rows = new float[3 * LOGITS.length];
    System.arraycopy(LOGITS, 0, rows, LOGITS.length, LOGITS.length);
    Sampler s = new Sampler(LOGITS.length);
    double[] p = new double[LOGITS.length];
    s.distribution(rows, LOGITS.length, 1.0, 0, p);
    assertArrayEquals(softmax(LOGITS, 1.0), p, 1e-12);
  }

  @Test
  void rejectsBadTemperaturesAndNaNLogits() {
    Sampler s = new Sampler(LOGITS.length);
    SplittableRandom r = new SplittableRandom(1);
    for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sample(LOGITS, 0, t, 0, r));
      assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }
    float[] nan = LOGITS.clone();
    nan[2] = Float.NaN;
    assertThrows(IllegalStateException.class, () -> s.sample(nan, 0, 1, 0, r));
    assertThrows(IllegalArgumentException.class, () -> s.sample(LOGITS, 1, 1, 0, r));
  }
}

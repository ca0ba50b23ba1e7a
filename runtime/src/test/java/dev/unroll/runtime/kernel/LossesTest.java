package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossesTest {
  private static final float GARBAGE = 12345f;

  // ---------------------------------------------------------------- hand-computed values

  @Test
  void crossEntropyHandComputed() {
    // Row 0: logits [1, 2, 3], target 2: log(e^1 + e^2 + e^3) - 3 = 0.40760596
    //   softmax = [0.09003057, 0.24472847, 0.66524096]
    // Row 1: logits [0, 0, 0], target 0: log(3) - 0 = 1.09861229, softmax = 1/3 each
    // Mean = (0.40760596 + 1.09861229) / 2 = 0.75310912; gradient = (softmax - onehot) / 2.
    float[] logits = {1, 2, 3, 0, 0, 0};
    float[] d = new float[6];
    Arrays.fill(d, GARBAGE);
    float loss = Losses.crossEntropy(1, 2, true, 3, logits, new int[] {2, 0}, null, d);
    assertEquals(0.75310912f, loss, 1e-6f);
    float[] want = {
      0.09003057f / 2, 0.24472847f / 2, (0.66524096f - 1) / 2,
      (1f / 3 - 1) / 2, (1f / 3) / 2, (1f / 3) / 2};
    for (int j = 0; j < 6; j++) {
      assertEquals(want[j], d[j], 1e-6f, "dLogits[" + j + "]");
    }

    float single = Losses.crossEntropy(1, 1, true, 3, new float[] {1, 2, 3}, new int[] {2}, null,
        new float[3]);
    assertEquals(0.40760596f, single, 1e-6f);
  }

  @Test
  void crossEntropyIsStableForLargeLogits() {
    // logits [1000, 0], target 1: log(e^1000 + 1) - 0 = 1000 (to float precision)
    float[] d = new float[2];
    float loss = Losses.crossEntropy(1, 1, false, 2, new float[] {1000, 0}, new int[] {1}, null, d);
    assertEquals(1000f, loss, 1e-3f);
    assertEquals(1f, d[0], 1e-6f);
    assertEquals(-1f, d[1], 1e-6f);
    // logits [-1000, 1000, 0], target 1: loss = 0, gradient = 0
    float[] d3 = new float[3];
    float l3 = Losses.crossEntropy(1, 1, false, 3, new float[] {-1000, 1000, 0}, new int[] {1}, null, d3);
    assertEquals(0f, l3, 1e-6f);
    for (float v : d3) {
      assertTrue(Float.isFinite(v) && Math.abs(v) < 1e-6f, Arrays.toString(d3));
    }
  }

  @Test
  void meanSquaredErrorHandComputed() {
    // z = [[1, 2], [3, 4]], y = [[0, 2], [5, 3.5]]: z - y = [1, 0, -2, 0.5]
    // L = (1 + 0 + 4 + 0.25) / 4 = 1.3125; dz = 2 (z - y) / 4 = [0.5, 0, -1, 0.25]
    float[] d = new float[4];
    Arrays.fill(d, GARBAGE);
    float loss = Losses.meanSquaredError(1, 2, true, 2,
        new float[] {1, 2, 3, 4}, new float[] {0, 2, 5, 3.5f}, null, d);
    assertEquals(1.3125f, loss, 1e-7f);
    assertEquals(0.5f, d[0], 1e-7f);
    assertEquals(0f, d[1], 1e-7f);
    assertEquals(-1f, d[2], 1e-7f);
    assertEquals(0.25f, d[3], 1e-7f);
  }

  @Test
  void binaryCrossEntropyHandComputed() {
    // L_k = max(z,0) - z y + log(1 + e^-|z|):
    //   z=0,  y=1:    0 - 0 + log 2                  = 0.69314718
    //   z=2,  y=0:    2 - 0 + log(1 + e^-2)          = 2.12692801
    //   z=-1, y=1:    0 + 1 + log(1 + e^-1)          = 1.31326169
    //   z=3,  y=0.25: 3 - 0.75 + log(1 + e^-3)       = 2.29858735
    // mean = 6.43192423 / 4 = 1.60798106
    // dz = (sigmoid(z) - y) / 4: sigmoid = [0.5, 0.88079708, 0.26894142, 0.95257413]
    float[] d = new float[4];
    Arrays.fill(d, GARBAGE);
    float loss = Losses.binaryCrossEntropy(1, 2, true, 2,
        new float[] {0, 2, -1, 3}, new float[] {1, 0, 1, 0.25f}, null, d);
    assertEquals(1.60798106f, loss, 1e-6f);
    assertEquals((0.5f - 1) / 4, d[0], 1e-7f);
    assertEquals(0.88079708f / 4, d[1], 1e-7f);
    assertEquals((0.26894142f - 1) / 4, d[2], 1e-7f);
    assertEquals((0.95257413f - 0.25f) / 4, d[3], 1e-7f);
  }

  @Test
  void binaryCrossEntropyIsStableForLargeLogits() {
    // z=100,y=0 -> 100; z=-100,y=1 -> 100; z=100,y=1 -> ~0; z=-100,y=0 -> ~0. Mean = 50.
    float[] z = {100, -100, 100, -100};
    float[] y = {0, 1, 1, 0};
    float[] d = new float[4];
    float loss = Losses.binaryCrossEntropy(1, 1, false, 4, z, y, null, d);
    assertTrue(Float.isFinite(loss), "loss " + loss);
    assertEquals(50f, loss, 1e-4f);
    for (float v : d) {
      assertTrue(Float.isFinite(v), Arrays.toString(d));
    }
    assertEquals(0.25f, d[0], 1e-7f);
    assertEquals(-0.25f, d[1], 1e-7f);
    assertEquals(0f, d[2], 1e-7f);
    assertEquals(0f, d[3], 1e-7f);

    float[] far = {1e4f, -1e4f};
    float[] dfar = new float[2];
    float lfar = Losses.binaryCrossEntropy(1, 1, false, 2, far, new float[] {0.5f, 0.5f}, null, dfar);
    // 1e4 - 5e3 + ~0 and 0 + 5e3 + ~0: mean 5000
    assertEquals(5000f, lfar, 1e-2f);
    assertTrue(Float.isFinite(dfar[0]) && Float.isFinite(dfar[1]), Arrays.toString(dfar));
  }

  // ---------------------------------------------------------------- double references + FD

  private static double refCrossEntropy(int rows, int classes, double[] z, int[] y, boolean[] on) {
    double total = 0;
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (!on[r]) {
        continue;
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        sum += Math.exp(z[r * classes + j]);
      }
      total += Math.log(sum) - z[r * classes + y[r]];
      n++;
    }
    return total / n;
  }

  private static double refMse(int rows, int outs, double[] z, float[] y, boolean[] on) {
    double total = 0;
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (!on[r]) {
        continue;
      }
      for (int j = 0; j < outs; j++) {
        double e = z[r * outs + j] - y[r * outs + j];
        total += e * e;
        n++;
      }
    }
    return total / n;
  }

  private static double refBce(int rows, int outs, double[] z, float[] y, boolean[] on) {
    double total = 0;
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (!on[r]) {
        continue;
      }
      for (int j = 0; j < outs; j++) {
        double p = 1 / (1 + Math.exp(-z[r * outs + j]));
        double t = y[r * outs + j];
        total += -(t * Math.log(p) + (1 - t) * Math.log(1 - p)); // the textbook (unstable) form
        n++;
      }
    }
    return total / n;
  }

  private interface Ref {
    double loss(double[] z);
  }

  /** Checks the kernel gradient against central differences of the double reference. */
  private static void assertGradientMatches(float[] logits, float[] grad, Ref ref, boolean[] scoredElem) {
    double[] z = new double[logits.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = logits[i];
    }
    double eps = 1e-6;
    for (int i = 0; i < z.length; i++) {
      if (!scoredElem[i]) {
        assertEquals(0f, grad[i], "padded element " + i + " must get a zero gradient");
        continue;
      }
      double keep = z[i];
      z[i] = keep + eps;
      double up = ref.loss(z);
      z[i] = keep - eps;
      double down = ref.loss(z);
      z[i] = keep;
      double fd = (up - down) / (2 * eps);
      assertEquals(fd, grad[i], 1e-6 + 1e-4 * Math.abs(fd), "d loss / d logits[" + i + "]");
    }
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static boolean[] scoredRows(int steps, int batch, boolean perStep, int[] lengths) {
    int rows = perStep ? steps * batch : batch;
    boolean[] on = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      on[r] = !perStep || lengths == null || r / batch < lengths[r % batch];
    }
    return on;
  }

  private static boolean[] perElement(boolean[] rows, int width) {
    boolean[] e = new boolean[rows.length * width];
    for (int i = 0; i < e.length; i++) {
      e[i] = rows[i / width];
    }
    return e;
  }

  /** T=3, B=2 per-step with lengths [3, 1]: rows 3 (t=1,b=1) and 5 (t=2,b=1) are padding. */
  private static final int T = 3;
  private static final int B = 2;
  private static final int[] LENGTHS = {3, 1};

  @Test
  void crossEntropyGradientAndMasking() {
    SplittableRandom rng = new SplittableRandom(7);
    int classes = 4;
    for (int[] lengths : new int[][] {null, LENGTHS}) {
      boolean[] on = scoredRows(T, B, true, lengths);
      float[] z = new float[T * B * classes];
      int[] y = new int[T * B];
      for (int r = 0; r < T * B; r++) {
        y[r] = on[r] ? rng.nextInt(classes) : -5; // padded targets are not even valid
        for (int j = 0; j < classes; j++) {
          z[r * classes + j] = on[r] ? (float) rng.nextDouble(-3, 3) : Float.NaN;
        }
      }
      float[] d = new float[z.length];
      Arrays.fill(d, GARBAGE);
      float loss = Losses.crossEntropy(T, B, true, classes, z, y, lengths, d);
      double want = refCrossEntropy(T * B, classes, toDouble(z), y, on);
      assertEquals(want, loss, 1e-6 * Math.max(1, want), "lengths " + Arrays.toString(lengths));
      assertGradientMatches(z, d, zz -> refCrossEntropy(T * B, classes, zz, y, on),
          perElement(on, classes));
    }
  }

  @Test
  void meanSquaredErrorGradientAndMasking() {
    SplittableRandom rng = new SplittableRandom(8);
    int outs = 3;
    for (int[] lengths : new int[][] {null, LENGTHS}) {
      boolean[] on = scoredRows(T, B, true, lengths);
      float[] z = new float[T * B * outs];
      float[] y = new float[T * B * outs];
      for (int i = 0; i < z.length; i++) {
        z[i] = on[i / outs] ? (float) rng.nextDouble(-2, 2) : Float.NaN;
        y[i] = on[i / outs] ? (float) rng.nextDouble(-2, 2) : Float.POSITIVE_INFINITY;
      }
      float[] d = new float[z.length];
      Arrays.fill(d, GARBAGE);
      float loss = Losses.meanSquaredError(T, B, true, outs, z, y, lengths, d);
      double want = refMse(T * B, outs, toDouble(z), y, on);
      assertEquals(want, loss, 1e-6 * Math.max(1, want), "lengths " + Arrays.toString(lengths));
      assertGradientMatches(z, d, zz -> refMse(T * B, outs, zz, y, on), perElement(on, outs));
    }
  }

  @Test
  void binaryCrossEntropyGradientAndMasking() {
    SplittableRandom rng = new SplittableRandom(9);
    int outs = 3;
    for (int[] lengths : new int[][] {null, LENGTHS}) {
      boolean[] on = scoredRows(T, B, true, lengths);
      float[] z = new float[T * B * outs];
      float[] y = new float[T * B * outs];
      for (int i = 0; i < z.length; i++) {
        z[i] = on[i / outs] ? (float) rng.nextDouble(-4, 4) : Float.NaN;
        y[i] = on[i / outs] ? (float) rng.nextDouble() : Float.NaN;
      }
      float[] d = new float[z.length];
      Arrays.fill(d, GARBAGE);
      float loss = Losses.binaryCrossEntropy(T, B, true, outs, z, y, lengths, d);
      double want = refBce(T * B, outs, toDouble(z), y, on);
      assertEquals(want, loss, 1e-6 * Math.max(1, want), "lengths " + Arrays.toString(lengths));
      assertGradientMatches(z, d, zz -> refBce(T * B, outs, zz, y, on), perElement(on, outs));
    }
  }

  /** The masked mean divides by the number of real steps (4 here), not by T * B (6). */
  @Test
  void maskedMeanDividesByRealSteps() {
    // Each real row has loss log 2 (logits [0, 0]); padded rows have huge losses if counted.
    float[] z = new float[T * B * 2];
    int[] y = new int[T * B];
    for (int r = 0; r < T * B; r++) {
      if (r == 3 || r == 5) {
        z[r * 2] = 50;
        y[r] = 1;
      }
    }
    float[] d = new float[z.length];
    float loss = Losses.crossEntropy(T, B, true, 2, z, y, LENGTHS, d);
    assertEquals(0.69314718f, loss, 1e-6f);
    // gradient of a real row: (softmax - onehot) / 4 = ([0.5, 0.5] - [1, 0]) / 4
    assertEquals(-0.125f, d[0], 1e-7f);
    assertEquals(0.125f, d[1], 1e-7f);
    assertEquals(0f, d[6]);
    assertEquals(0f, d[7]);
    assertEquals(0f, d[10]);
    assertEquals(0f, d[11]);
  }

  /** Many-to-one heads score every sequence once, whatever the lengths say. */
  @Test
  void manyToOneIgnoresLengths() {
    SplittableRandom rng = new SplittableRandom(10);
    int batch = 3;
    int width = 4;
    int[] lengths = {1, 5, 2};
    float[] z = new float[batch * width];
    float[] yv = new float[batch * width];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) rng.nextDouble(-2, 2);
      yv[i] = (float) rng.nextDouble();
    }
    int[] yc = {3, 0, 2};

    float[] d1 = new float[z.length];
    float[] d2 = new float[z.length];
    assertEquals(
        Losses.crossEntropy(5, batch, false, width, z, yc, null, d1),
        Losses.crossEntropy(5, batch, false, width, z, yc, lengths, d2));
    assertTrue(Arrays.equals(d1, d2));
    boolean[] all = {true, true, true};
    assertEquals(refCrossEntropy(batch, width, toDouble(z), yc, all), Losses.crossEntropy(
        5, batch, false, width, z, yc, lengths, d2), 1e-6);
    assertGradientMatches(z, d2, zz -> refCrossEntropy(batch, width, zz, yc, all),
        perElement(all, width));

    assertEquals(
        Losses.meanSquaredError(5, batch, false, width, z, yv, null, d1),
        Losses.meanSquaredError(5, batch, false, width, z, yv, lengths, d2));
    assertTrue(Arrays.equals(d1, d2));
    assertEquals(refMse(batch, width, toDouble(z), yv, all), Losses.meanSquaredError(
        5, batch, false, width, z, yv, lengths, d2), 1e-6);

    assertEquals(
        Losses.binaryCrossEntropy(5, batch, false, width, z, yv, null, d1),
        Losses.binaryCrossEntropy(5, batch, false, width, z, yv, lengths, d2));
    assertTrue(Arrays.equals(d1, d2));
    assertEquals(refBce(batch, width, toDouble(z), yv, all), Losses.binaryCrossEntropy(
        5, batch, false, width, z, yv, lengths, d2), 1e-6);
    assertGradientMatches(z, d2, zz -> refBce(batch, width, zz, yv, all), perElement(all, width));
  }

  @Test
  void outOfRangeClassTargetIsRejectedNamingTheTarget() {
    float[] z = new float[2 * 3];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.crossEntropy(1, 2, true, 3, z, new int[] {0, 3}, null, new float[6]));
    assertTrue(e.getMessage().contains("target 3"), e.getMessage());
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Losses.crossEntropy(1, 2, false, 3, z, new int[] {-1, 0}, null, new float[6]));
    assertTrue(e.getMessage().contains("target -1"), e.getMessage());
  }
}

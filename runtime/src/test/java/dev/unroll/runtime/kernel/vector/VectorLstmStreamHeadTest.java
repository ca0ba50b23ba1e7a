package dev.unroll.runtime.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming head ({@link VectorLstmStream#head}) agrees with a double-precision sum to float
 * rounding for row counts with whole panels of four groups of L, a narrower last panel, rows after
 * the last whole group and fewer rows than one group; and where its order of operations is the
 * packed product's ({@code C += x W^T} through {@link VectorPackedGemm}, which the generated
 * network uses: rows in whole 4L-row panels by FMA, fewer than L rows after them by a float sum,
 * up to 256 inputs), it gives the same bits, so generation does not depend on the path.
 */
class VectorLstmStreamHeadTest {
  private static final int L = VectorLstmStream.L;
  private static final int[] ROWS = {1, L - 1, L, L + 1, 3 * L, 4 * L, 4 * L + 1, 6 * L + 3, 9 * L};
  /** Row counts where the packed product and the head sum every row in the same order. */
  private static final int[] SAME_ORDER_ROWS = {1, L - 1, 4 * L, 4 * L + 1, 5 * L - 1, 8 * L + 2};
  private static final int[] INNER = {2, 7, 256};

  @Test
  void logitsAreTheBitsOfThePackedProduct() {
    SplittableRandom rng = new SplittableRandom(21);
    for (int n : SAME_ORDER_ROWS) {
      for (int k : INNER) {
        float[] w = random(n * k, rng);
        float[] bias = random(n, rng);
        float[] x = random(k + 5, rng);
        float[] packed = new float[VectorPackedGemm.packedSize(n, k)];
        VectorPackedGemm.pack(n, k, w, 0, packed);
        float[] expected = bias.clone();
        VectorPackedGemm.gemmPacked(1, n, k, x, 5, k, packed, expected, 0, n);
        float[] actual = head(n, k, w, bias, x, 5);
        for (int j = 0; j < n; j++) {
          assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(actual[j]),
              "n=" + n + " k=" + k + " row " + j + ": " + expected[j] + " vs " + actual[j]);
        }
      }
    }
  }

  @Test
  void logitsAgreeWithADoubleSum() {
    SplittableRandom rng = new SplittableRandom(22);
    for (int n : ROWS) {
      for (int k : new int[] {7, 256, 600}) {
        checkAgainstDoubleSum(n, k, rng);
      }
    }
  }

  private static void checkAgainstDoubleSum(int n, int k, SplittableRandom rng) {
    float[] w = random(n * k, rng);
      float[] bias = random(n, rng);
      float[] x = random(k, rng);
      float[] actual = head(n, k, w, bias, x, 0);
      for (int j = 0; j < n; j++) {
        double sum = bias[j];
        double magnitude = Math.abs(bias[j]);
        for (int p = 0; p < k; p++) {
          sum += (double) w[j * k + p] * x[p];
          magnitude += Math.abs((double) w[j * k + p] * x[p]);
        }
        assertEquals(sum, actual[j], 1e-5 * magnitude, "n=" + n + " k=" + k + " row " + j);
      }
  }

  private static float[] head(int n, int k, float[] w, float[] bias, float[] x, int xOff) {
    float[] packed = new float[VectorLstmStream.headSize(n, k)];
    VectorLstmStream.packHead(n, k, w, 0, packed);
    float[] out = new float[n];
    VectorLstmStream.head(n, k, packed, bias, x, xOff, out);
    return out;
  }

  private static float[] random(int n, SplittableRandom rng) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return a;
  }
}

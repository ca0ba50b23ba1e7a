package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.runtime.kernel.vector.VectorKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels' product by packed weights ({@code C += A W^T}) gives every row of C the
 * same bits however many rows the call has: batch inference splits a batch over the cores, and
 * the kernel cuts the rows into strips of 6, 4 and 1, so a sequence's outputs must not depend on
 * which strip its row falls in. Also checked against the portable dot products (float rounding
 * only) on strided slices of A and C, whose elements outside the slices must stay untouched.
 */
class PackedGemmRowsTest {
  private static final Kernels VECTOR = new VectorKernels();
  private static final Kernels PORTABLE = new PortableKernels();
  /** Row counts either side of the 6- and 4-row strips, and the halves of batch inference's 128. */
  private static final int[] ROWS = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 64, 70};
  /** Columns within, at and past one 64-column panel (16-lane vectors), and a padded last panel. */
  private static final int[] COLUMNS = {5, 64, 65, 130};
  /** Inner sizes either side of the 256-wide k-blocks. */
  private static final int[] INNER = {1, 7, 256, 300};
  private static final float UNTOUCHED = -7777.25f;

  @Test
  void everyRowGetsTheBitsOfItsOwnOneRowProduct() {
    SplittableRandom rng = new SplittableRandom(14);
    for (int m : ROWS) {
      for (int n : COLUMNS) {
        for (int k : INNER) {
          check(m, n, k, rng);
        }
      }
    }
  }

  private static void check(int m, int n, int k, SplittableRandom rng) {
    String what = "m=" + m + " n=" + n + " k=" + k;
    int lda = k + 3;
    int ldc = n + 5;
    float[] a = random(m * lda, rng);
    float[] w = random(n * k, rng);
    float[] c0 = random(m * ldc, rng);
    for (int i = 0; i < m; i++) {
      for (int j = k; j < lda; j++) {
        a[i * lda + j] = Float.NaN; // between A's rows: reading one would poison C
      }
      for (int j = n; j < ldc; j++) {
        c0[i * ldc + j] = UNTOUCHED;
      }
    }
    float[] packed = new float[VECTOR.packedSize(n, k)];
    VECTOR.pack(n, k, w, 0, packed);
    float[] all = c0.clone();
    VECTOR.gemmPacked(m, n, k, a, 0, lda, packed, all, 0, ldc);
    float[] reference = c0.clone();
    PORTABLE.gemmDot(m, n, k, a, 0, lda, w, 0, k, reference, 0, ldc);
    for (int i = 0; i < m; i++) {
      float[] one = new float[n];
      System.arraycopy(c0, i * ldc, one, 0, n);
      VECTOR.gemmPacked(1, n, k, a, i * lda, lda, packed, one, 0, n);
      for (int j = 0; j < ldc; j++) {
        float got = all[i * ldc + j];
        if (j >= n) {
          if (Float.floatToRawIntBits(got) != Float.floatToRawIntBits(UNTOUCHED)) {
            fail(what + ": wrote " + got + " outside C at row " + i + ", column " + j);
          }
          continue;
        }
        if (Float.floatToRawIntBits(got) != Float.floatToRawIntBits(one[j])) {
          fail(what + ": C[" + i + "][" + j + "] = " + got + " in the " + m + "-row product, " + one[j] + " alone");
        }
        double scale = Math.abs(c0[i * ldc + j]);
        for (int p = 0; p < k; p++) {
          scale += Math.abs(a[i * lda + p] * w[j * k + p]);
        }
        if (!(Math.abs(got - reference[i * ldc + j]) <= 2e-6 * scale + 1e-30)) {
          fail(what + ": C[" + i + "][" + j + "] = " + got + ", portable " + reference[i * ldc + j]);
        }
      }
    }
  }

  private static float[] random(int size, SplittableRandom rng) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    return x;
  }
}

package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The edges of the blocked products: the columns of C that no whole vector or panel covers (the
 * zero-padded last panel of packed weights, a product of one or a few columns such as a weight
 * gradient of a one-feature input). Each element of C gains the plain loop's sum: products
 * rounded, then added from zero in k order, then added into C ({@code c += s}, not fused); the
 * vector kernels used here ({@link MicroKernels}' {@code sum} tiles) do exactly that lane by lane
 * (multiply, then add), so they give the scalar loop's bits while running vectors across columns
 * (or across rows, for an A read transposed) and several independent sums at a time (a single
 * scalar sum waits for each add to finish).
 */
final class VectorEdgeGemm {
  private VectorEdgeGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Four rows of one vector each: where a kernel's partial vector is summed, C's lanes copied in and out. */
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[4 * L]);

  /**
   * {@code C[m x n] += A B} with {@code A[i][p] = a[a0 + i*ars + p*acs]} and {@code B} row-major,
   * every element summed as the plain loop does. With {@code padded}, B's rows can be read up to the
   * next multiple of the vector length past n (a zero-padded packed panel), so the last columns
   * take a partial vector too; otherwise the columns past the whole vectors take sums across rows
   * when A's rows are adjacent ({@code ars == 1}), else scalar sums, four rows at a time.
   */
  static void gemm(int m, int n, int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc, boolean padded) {
    int whole = n - n % L;
    int j = 0;
    for (; j + 2 * L <= whole; j += 2 * L) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        MicroKernels.sumRows4x2(k, a, a0 + i * ars, ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j, ldc);
      }
      for (; i < m; i++) {
        MicroKernels.sumRow1x1(k, a, a0 + i * ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j);
        MicroKernels.sumRow1x1(k, a, a0 + i * ars, acs, b, b0 + j + L, ldb, c, c0 + i * ldc + j + L);
      }
    }
    for (; j < whole; j += L) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        MicroKernels.sumRows4x1(k, a, a0 + i * ars, ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j, ldc);
      }
      for (; i < m; i++) {
        MicroKernels.sumRow1x1(k, a, a0 + i * ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j);
      }
    }
    if (j == n) {
      return;
    }
    if (padded) {
      partialVector(m, n - j, k, a, a0, ars, acs, b, b0 + j, ldb, c, c0 + j, ldc);
    } else if (ars == 1) {
      acrossRows(m, n - j, k, a, a0, acs, b, b0 + j, ldb, c, c0 + j, ldc);
    } else {
      scalar(0, m, n - j, k, a, a0, ars, acs, b, b0 + j, ldb, c, c0 + j, ldc);
    }
  }

  /**
   * The last {@code w < L} columns through one vector over a zero-padded B: C's w lanes are copied
   * into a scratch row, the kernel adds its sums there, and the w lanes are copied back.
   */
  private static void partialVector(int m, int w, int k, float[] a, int a0, int ars, int acs, float[] b, int b0,
      int ldb, float[] c, int c0, int ldc) {
    float[] t = SCRATCH.get();
    int i = 0;
    for (; i < m; i += 4) {
      int rows = Math.min(4, m - i);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(c, c0 + (i + r) * ldc, t, r * L, w);
      }
      if (rows == 4) {
        MicroKernels.sumRows4x1(k, a, a0 + i * ars, ars, acs, b, b0, ldb, t, 0, L);
      } else {
        for (int r = 0; r < rows; r++) {
          MicroKernels.sumRow1x1(k, a, a0 + (i + r) * ars, acs, b, b0, ldb, t, r * L);
        }
      }
      for (int r = 0; r < rows; r++) {
        System.arraycopy(t, r * L, c, c0 + (i + r) * ldc, w);
      }
    }
  }

  /**
   * The last {@code w < L} columns of an A whose rows are adjacent (A^T read as stored: a weight
   * gradient {@code dY^T X}): vectors run down a column of C, L rows at a time, each lane summing
   * its own row; C's column is copied into scratch and back. Rows past the whole vectors: scalar.
   */
  private static void acrossRows(int m, int w, int k, float[] a, int a0, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    float[] t = SCRATCH.get();
    int i = 0;
    for (; i + 2 * L <= m; i += 2 * L) {
      for (int j = 0; j < w; j++) {
        int cj = c0 + i * ldc + j;
        for (int r = 0; r < 2 * L; r++) {
          t[r] = c[cj + r * ldc];
        }
        // the column as a row of C^T = B^T A^T: B's element broadcast, A^T's row (adjacent) the vectors
        MicroKernels.sumRow1x2(k, b, b0 + j, ldb, a, a0 + i, acs, t, 0);
        for (int r = 0; r < 2 * L; r++) {
          c[cj + r * ldc] = t[r];
        }
      }
    }
    scalar(i, m, w, k, a, a0, 1, acs, b, b0, ldb, c, c0, ldc);
  }

  /**
   * Rows {@code [from, m)} of {@code C[m x n]}, scalar: four rows' sums at a time, so that four
   * chains of adds overlap instead of each add waiting for the one before.
   */
  static void scalar(int from, int m, int n, int k, float[] a, int a0, int ars, int acs, float[] b, int b0,
      int ldb, float[] c, int c0, int ldc) {
    int i = from;
    for (; i + 4 <= m; i += 4) {
      int ai = a0 + i * ars;
      for (int j = 0; j < n; j++) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int p = 0; p < k; p++) {
          float v = b[b0 + p * ldb + j];
          int ap = ai + p * acs;
          s0 += a[ap] * v;
          s1 += a[ap + ars] * v;
          s2 += a[ap + 2 * ars] * v;
          s3 += a[ap + 3 * ars] * v;
        }
        int ci = c0 + i * ldc + j;
        c[ci] += s0;
        c[ci + ldc] += s1;
        c[ci + 2 * ldc] += s2;
        c[ci + 3 * ldc] += s3;
      }
    }
    for (; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s += a[a0 + i * ars + p * acs] * b[b0 + p * ldb + j];
        }
        c[c0 + i * ldc + j] += s;
      }
    }
  }
}

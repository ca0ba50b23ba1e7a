package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The edges of the blocked products: the columns of C that no whole vector or panel covers (the
 * zero-padded last panel of packed weights, a product of one or a few columns such as a weight
 * gradient of a one-feature input). Each element of C gains the plain loop's sum: products
 * rounded, then added from zero in k order, then added into C ({@code c += s}, not fused); the
 * vector kernels here do exactly that lane by lane (multiply, then add), so they give the scalar
 * loop's bits while running vectors across columns (or across rows, for an A read transposed) and
 * several independent sums at a time (a single scalar sum waits for each add to finish).
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
        rows4x2(k, a, a0 + i * ars, ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j, ldc);
      }
      for (; i < m; i++) {
        row1x1(k, a, a0 + i * ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j);
        row1x1(k, a, a0 + i * ars, acs, b, b0 + j + L, ldb, c, c0 + i * ldc + j + L);
      }
    }
    for (; j < whole; j += L) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        rows4x1(k, a, a0 + i * ars, ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j, ldc);
      }
      for (; i < m; i++) {
        row1x1(k, a, a0 + i * ars, acs, b, b0 + j, ldb, c, c0 + i * ldc + j);
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
        rows4x1(k, a, a0 + i * ars, ars, acs, b, b0, ldb, t, 0, L);
      } else {
        for (int r = 0; r < rows; r++) {
          row1x1(k, a, a0 + (i + r) * ars, acs, b, b0, ldb, t, r * L);
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
        columns2(k, a, a0 + i, acs, b, b0 + j, ldb, t);
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

  /*
   * The kernels. Each accumulator starts from its own zero vector and every step is a multiply
   * then an add (never fma), which is the scalar loop's rounding lane by lane.
   */

  /** {@code C[4 x 2L] += sums of A[4 x k] B[k x 2L]}. */
  private static void rows4x2(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    FloatVector s00 = FloatVector.zero(S);
    FloatVector s01 = FloatVector.zero(S);
    FloatVector s10 = FloatVector.zero(S);
    FloatVector s11 = FloatVector.zero(S);
    FloatVector s20 = FloatVector.zero(S);
    FloatVector s21 = FloatVector.zero(S);
    FloatVector s30 = FloatVector.zero(S);
    FloatVector s31 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      FloatVector v0 = FloatVector.fromArray(S, b, bp);
      FloatVector v1 = FloatVector.fromArray(S, b, bp + L);
      int ap = a0 + p * acs;
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      s00 = s00.add(v0.mul(x));
      s01 = s01.add(v1.mul(x));
      x = FloatVector.broadcast(S, a[ap + ars]);
      s10 = s10.add(v0.mul(x));
      s11 = s11.add(v1.mul(x));
      x = FloatVector.broadcast(S, a[ap + 2 * ars]);
      s20 = s20.add(v0.mul(x));
      s21 = s21.add(v1.mul(x));
      x = FloatVector.broadcast(S, a[ap + 3 * ars]);
      s30 = s30.add(v0.mul(x));
      s31 = s31.add(v1.mul(x));
    }
    int r1 = c0 + ldc;
    int r2 = c0 + 2 * ldc;
    int r3 = c0 + 3 * ldc;
    FloatVector.fromArray(S, c, c0).add(s00).intoArray(c, c0);
    FloatVector.fromArray(S, c, c0 + L).add(s01).intoArray(c, c0 + L);
    FloatVector.fromArray(S, c, r1).add(s10).intoArray(c, r1);
    FloatVector.fromArray(S, c, r1 + L).add(s11).intoArray(c, r1 + L);
    FloatVector.fromArray(S, c, r2).add(s20).intoArray(c, r2);
    FloatVector.fromArray(S, c, r2 + L).add(s21).intoArray(c, r2 + L);
    FloatVector.fromArray(S, c, r3).add(s30).intoArray(c, r3);
    FloatVector.fromArray(S, c, r3 + L).add(s31).intoArray(c, r3 + L);
  }

  /** {@code C[4 x L] += sums of A[4 x k] B[k x L]}. */
  private static void rows4x1(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      FloatVector v = FloatVector.fromArray(S, b, b0 + p * ldb);
      int ap = a0 + p * acs;
      s0 = s0.add(v.mul(FloatVector.broadcast(S, a[ap])));
      s1 = s1.add(v.mul(FloatVector.broadcast(S, a[ap + ars])));
      s2 = s2.add(v.mul(FloatVector.broadcast(S, a[ap + 2 * ars])));
      s3 = s3.add(v.mul(FloatVector.broadcast(S, a[ap + 3 * ars])));
    }
    FloatVector.fromArray(S, c, c0).add(s0).intoArray(c, c0);
    FloatVector.fromArray(S, c, c0 + ldc).add(s1).intoArray(c, c0 + ldc);
    FloatVector.fromArray(S, c, c0 + 2 * ldc).add(s2).intoArray(c, c0 + 2 * ldc);
    FloatVector.fromArray(S, c, c0 + 3 * ldc).add(s3).intoArray(c, c0 + 3 * ldc);
  }

  /** {@code C[1 x L] += sums of A[1 x k] B[k x L]}. */
  private static void row1x1(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
    FloatVector s = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      s = s.add(FloatVector.fromArray(S, b, b0 + p * ldb).mul(FloatVector.broadcast(S, a[a0 + p * acs])));
    }
    FloatVector.fromArray(S, c, c0).add(s).intoArray(c, c0);
  }

  /**
   * {@code t[0, 2L) += sums over p of A[p][0, 2L) b[p]}: one column of C for 2L rows whose elements
   * of A are adjacent ({@code a[a0 + i + p*acs]}), with B's column {@code b[b0 + p*ldb]}.
   */
  private static void columns2(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] t) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      FloatVector x = FloatVector.broadcast(S, b[b0 + p * ldb]);
      int ap = a0 + p * acs;
      s0 = s0.add(FloatVector.fromArray(S, a, ap).mul(x));
      s1 = s1.add(FloatVector.fromArray(S, a, ap + L).mul(x));
    }
    FloatVector.fromArray(S, t, 0).add(s0).intoArray(t, 0);
    FloatVector.fromArray(S, t, L).add(s1).intoArray(t, L);
  }
}

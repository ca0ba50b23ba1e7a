package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked matrix products on the Vector API. The core computes {@code C += A B} for a
 * row-major B and an A read through (row stride, column stride), which covers both {@code A B}
 * and {@code A^T B}: 4 rows of C times two vectors of columns stay in 8 registers while the k
 * loop streams one row of B and broadcasts one element of A per row (the tiles are generated, see
 * {@link MicroKernels}). The k and n dimensions are blocked so that the panel of B being reused
 * stays in L2.
 */
final class VectorGemm {
  private VectorGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** k-block: rows of B per panel (also the packed products' k-block). */
  static final int KC = 256;
  /** n-block: columns of B per panel (KC x NC floats = 256 KiB, well inside a 1 MiB L2). */
  private static final int NC = 256;

  /** {@code C[m x n] += A B} with {@code A[i][p] = a[aOff + i*ars + p*acs]} and {@code B} row-major. */
  static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int jc = 0; jc < n; jc += NC) {
        int nc = Math.min(NC, n - jc);
        block(m, nc, kc, a, aOff + pc * acs, ars, acs, b, bOff + pc * ldb + jc, ldb, c, cOff + jc, ldc);
      }
    }
  }

  private static void block(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    int whole = n - n % L;
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int j = 0;
      for (; j + 2 * L <= whole; j += 2 * L) {
        MicroKernels.rows4x2(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
      if (j < whole) {
        MicroKernels.rows4x1(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
    }
    for (; i < m; i++) {
      int j = 0;
      for (; j + 4 * L <= whole; j += 4 * L) {
        MicroKernels.row1x4(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
      for (; j < whole; j += L) {
        MicroKernels.row1x1(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
    }
    if (whole < n) {
      VectorEdgeGemm.gemm(m, n - whole, k, a, aOff, ars, acs, b, bOff + whole, ldb, c, cOff + whole, ldc, false);
    }
  }

  /**
   * {@code C[m x n] += A[m x k] B[n x k]^T} by dot products along k (both operands read along
   * their rows), four columns of C at a time. Suits few rows of A, where transposing B first
   * would cost more than it saves (one-step streaming).
   */
  static void gemmDot(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    int kv = k - k % L;
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      int j = 0;
      for (; j + 4 <= n; j += 4) {
        int b0 = bOff + j * ldb;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
          FloatVector x = FloatVector.fromArray(S, a, ai + p);
          s0 = FloatVector.fromArray(S, b, b0 + p).fma(x, s0);
          s1 = FloatVector.fromArray(S, b, b0 + ldb + p).fma(x, s1);
          s2 = FloatVector.fromArray(S, b, b0 + 2 * ldb + p).fma(x, s2);
          s3 = FloatVector.fromArray(S, b, b0 + 3 * ldb + p).fma(x, s3);
        }
        float t0 = VectorMath.sum(s0);
        float t1 = VectorMath.sum(s1);
        float t2 = VectorMath.sum(s2);
        float t3 = VectorMath.sum(s3);
        for (int p = kv; p < k; p++) {
          float x = a[ai + p];
          t0 += x * b[b0 + p];
          t1 += x * b[b0 + ldb + p];
          t2 += x * b[b0 + 2 * ldb + p];
          t3 += x * b[b0 + 3 * ldb + p];
        }
        c[ci + j] += t0;
        c[ci + j + 1] += t1;
        c[ci + j + 2] += t2;
        c[ci + j + 3] += t3;
      }
      for (; j < n; j++) {
        int bj = bOff + j * ldb;
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
          s = FloatVector.fromArray(S, b, bj + p).fma(FloatVector.fromArray(S, a, ai + p), s);
        }
        float t = VectorMath.sum(s);
        for (int p = kv; p < k; p++) {
          t += a[ai + p] * b[bj + p];
        }
        c[ci + j] += t;
      }
    }
  }
}

package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked matrix products on the Vector API. The core computes {@code C += A B} for a
 * row-major B and an A read through (row stride, column stride), which covers both {@code A B}
 * and {@code A^T B}: 4 rows of C times two vectors of columns stay in 8 registers while the k
 * loop streams one row of B and broadcasts one element of A per row. The k and n dimensions are
 * blocked so that the panel of B being reused stays in L2.
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
        rows4x2(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
      if (j < whole) {
        rows4x1(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
    }
    for (; i < m; i++) {
      int j = 0;
      for (; j + 4 * L <= whole; j += 4 * L) {
        row1x4(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
      for (; j < whole; j += L) {
        row1x1(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
    }
    if (whole < n) {
      VectorEdgeGemm.gemm(m, n - whole, k, a, aOff, ars, acs, b, bOff + whole, ldb, c, cOff + whole, ldc, false);
    }
  }

  /*
   * Why 4 rows and not 8: C2 stops inlining a method once its graph passes a node budget and
   * leaves the remaining Vector API calls for late inlining, where the species of their vectors is
   * no longer a constant; those calls then run the Java fallbacks and box every vector (tens of
   * megabytes per training step, in about half of the JVM runs, depending on profiles). An 8 x 2
   * kernel sat at that budget; 4 x 2, with C loaded into the accumulators (no separate add), needs
   * about half as many calls. Same reason for reading A through a broadcast per row: one call each.
   */

  /** {@code C[4 x 2L] += A[4 x k] B[k x 2L]}: eight accumulators, two loads of B and four broadcasts per k. */
  static void rows4x2(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    int at1 = c0 + ldc;
    int at2 = c0 + 2 * ldc;
    int at3 = c0 + 3 * ldc;
    FloatVector c00 = FloatVector.fromArray(S, c, c0);
    FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector c10 = FloatVector.fromArray(S, c, at1);
    FloatVector c11 = FloatVector.fromArray(S, c, at1 + L);
    FloatVector c20 = FloatVector.fromArray(S, c, at2);
    FloatVector c21 = FloatVector.fromArray(S, c, at2 + L);
    FloatVector c30 = FloatVector.fromArray(S, c, at3);
    FloatVector c31 = FloatVector.fromArray(S, c, at3 + L);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      FloatVector v0 = FloatVector.fromArray(S, b, bp);
      FloatVector v1 = FloatVector.fromArray(S, b, bp + L);
      int ap = a0 + p * acs;
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = v0.fma(x, c00);
      c01 = v1.fma(x, c01);
      x = FloatVector.broadcast(S, a[ap + ars]);
      c10 = v0.fma(x, c10);
      c11 = v1.fma(x, c11);
      x = FloatVector.broadcast(S, a[ap + 2 * ars]);
      c20 = v0.fma(x, c20);
      c21 = v1.fma(x, c21);
      x = FloatVector.broadcast(S, a[ap + 3 * ars]);
      c30 = v0.fma(x, c30);
      c31 = v1.fma(x, c31);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c10.intoArray(c, at1);
    c11.intoArray(c, at1 + L);
    c20.intoArray(c, at2);
    c21.intoArray(c, at2 + L);
    c30.intoArray(c, at3);
    c31.intoArray(c, at3 + L);
  }

  /** {@code C[4 x L] += A[4 x k] B[k x L]}. */
  private static void rows4x1(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    FloatVector c0v = FloatVector.fromArray(S, c, c0);
    FloatVector c1v = FloatVector.fromArray(S, c, c0 + ldc);
    FloatVector c2v = FloatVector.fromArray(S, c, c0 + 2 * ldc);
    FloatVector c3v = FloatVector.fromArray(S, c, c0 + 3 * ldc);
    for (int p = 0; p < k; p++) {
      FloatVector v = FloatVector.fromArray(S, b, b0 + p * ldb);
      int ap = a0 + p * acs;
      c0v = v.fma(FloatVector.broadcast(S, a[ap]), c0v);
      c1v = v.fma(FloatVector.broadcast(S, a[ap + ars]), c1v);
      c2v = v.fma(FloatVector.broadcast(S, a[ap + 2 * ars]), c2v);
      c3v = v.fma(FloatVector.broadcast(S, a[ap + 3 * ars]), c3v);
    }
    c0v.intoArray(c, c0);
    c1v.intoArray(c, c0 + ldc);
    c2v.intoArray(c, c0 + 2 * ldc);
    c3v.intoArray(c, c0 + 3 * ldc);
  }

  /**
   * One row of C times four vectors: four independent FMA chains hide the FMA latency (streaming).
   * Each accumulator starts from its own load of C (as in {@link #rows4x2}): four accumulators
   * started from one shared zero vector made C2 box them in every JVM run.
   */
  static void row1x4(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
    FloatVector s0 = FloatVector.fromArray(S, c, c0);
    FloatVector s1 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector s2 = FloatVector.fromArray(S, c, c0 + 2 * L);
    FloatVector s3 = FloatVector.fromArray(S, c, c0 + 3 * L);
    for (int p = 0; p < k; p++) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * acs]);
      int bp = b0 + p * ldb;
      s0 = FloatVector.fromArray(S, b, bp).fma(x, s0);
      s1 = FloatVector.fromArray(S, b, bp + L).fma(x, s1);
      s2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(x, s2);
      s3 = FloatVector.fromArray(S, b, bp + 3 * L).fma(x, s3);
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + L);
    s2.intoArray(c, c0 + 2 * L);
    s3.intoArray(c, c0 + 3 * L);
  }

  /** One row of C times one vector: one FMA chain (the narrow edges, the streaming head's last groups). */
  static void row1x1(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
    FloatVector acc = FloatVector.fromArray(S, c, c0);
    for (int p = 0; p < k; p++) {
      acc = FloatVector.fromArray(S, b, b0 + p * ldb).fma(FloatVector.broadcast(S, a[a0 + p * acs]), acc);
    }
    acc.intoArray(c, c0);
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

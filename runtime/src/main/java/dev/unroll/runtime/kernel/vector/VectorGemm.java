package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked matrix products on the Vector API. The core computes {@code C += A B} for a
 * row-major B and an A read through (row stride, column stride), which covers both {@code A B}
 * and {@code A^T B}: 8 rows of C times two vectors of columns stay in 16 registers while the k
 * loop streams one row of B and broadcasts one element of A per row. The k and n dimensions are
 * blocked so that the panel of B being reused stays in L2.
 */
final class VectorGemm {
  private VectorGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** k-block: rows of B per panel. */
  private static final int KC = 256;
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
    int i = 0;
    for (; i + 8 <= m; i += 8) {
      int j = 0;
      for (; j + 2 * L <= n; j += 2 * L) {
        rows8x2(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
      for (; j + L <= n; j += L) {
        rows8x1(k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
      if (j < n) {
        scalar(8, n - j, k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
    }
    for (; i < m; i++) {
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        row1x4(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
      for (; j + L <= n; j += L) {
        row1x1(k, a, aOff + i * ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
      if (j < n) {
        scalar(1, n - j, k, a, aOff + i * ars, ars, acs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
    }
  }

  private static void rows8x2(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      FloatVector v0 = FloatVector.fromArray(S, b, bp);
      FloatVector v1 = FloatVector.fromArray(S, b, bp + L);
      int ap = a0 + p * acs;
      FloatVector x;
      x = FloatVector.broadcast(S, a[ap]);
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
      x = FloatVector.broadcast(S, a[ap + 4 * ars]);
      c40 = v0.fma(x, c40);
      c41 = v1.fma(x, c41);
      x = FloatVector.broadcast(S, a[ap + 5 * ars]);
      c50 = v0.fma(x, c50);
      c51 = v1.fma(x, c51);
      x = FloatVector.broadcast(S, a[ap + 6 * ars]);
      c60 = v0.fma(x, c60);
      c61 = v1.fma(x, c61);
      x = FloatVector.broadcast(S, a[ap + 7 * ars]);
      c70 = v0.fma(x, c70);
      c71 = v1.fma(x, c71);
    }
    int at0 = c0;
    c00.add(FloatVector.fromArray(S, c, at0)).intoArray(c, at0);
    c01.add(FloatVector.fromArray(S, c, at0 + L)).intoArray(c, at0 + L);
    int at1 = c0 + ldc;
    c10.add(FloatVector.fromArray(S, c, at1)).intoArray(c, at1);
    c11.add(FloatVector.fromArray(S, c, at1 + L)).intoArray(c, at1 + L);
    int at2 = c0 + 2 * ldc;
    c20.add(FloatVector.fromArray(S, c, at2)).intoArray(c, at2);
    c21.add(FloatVector.fromArray(S, c, at2 + L)).intoArray(c, at2 + L);
    int at3 = c0 + 3 * ldc;
    c30.add(FloatVector.fromArray(S, c, at3)).intoArray(c, at3);
    c31.add(FloatVector.fromArray(S, c, at3 + L)).intoArray(c, at3 + L);
    int at4 = c0 + 4 * ldc;
    c40.add(FloatVector.fromArray(S, c, at4)).intoArray(c, at4);
    c41.add(FloatVector.fromArray(S, c, at4 + L)).intoArray(c, at4 + L);
    int at5 = c0 + 5 * ldc;
    c50.add(FloatVector.fromArray(S, c, at5)).intoArray(c, at5);
    c51.add(FloatVector.fromArray(S, c, at5 + L)).intoArray(c, at5 + L);
    int at6 = c0 + 6 * ldc;
    c60.add(FloatVector.fromArray(S, c, at6)).intoArray(c, at6);
    c61.add(FloatVector.fromArray(S, c, at6 + L)).intoArray(c, at6 + L);
    int at7 = c0 + 7 * ldc;
    c70.add(FloatVector.fromArray(S, c, at7)).intoArray(c, at7);
    c71.add(FloatVector.fromArray(S, c, at7 + L)).intoArray(c, at7 + L);
  }

  private static void rows8x1(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c0v = z, c1v = z, c2v = z, c3v = z, c4v = z, c5v = z, c6v = z, c7v = z;
    for (int p = 0; p < k; p++) {
      FloatVector v = FloatVector.fromArray(S, b, b0 + p * ldb);
      int ap = a0 + p * acs;
      c0v = v.fma(FloatVector.broadcast(S, a[ap]), c0v);
      c1v = v.fma(FloatVector.broadcast(S, a[ap + ars]), c1v);
      c2v = v.fma(FloatVector.broadcast(S, a[ap + 2 * ars]), c2v);
      c3v = v.fma(FloatVector.broadcast(S, a[ap + 3 * ars]), c3v);
      c4v = v.fma(FloatVector.broadcast(S, a[ap + 4 * ars]), c4v);
      c5v = v.fma(FloatVector.broadcast(S, a[ap + 5 * ars]), c5v);
      c6v = v.fma(FloatVector.broadcast(S, a[ap + 6 * ars]), c6v);
      c7v = v.fma(FloatVector.broadcast(S, a[ap + 7 * ars]), c7v);
    }
    c0v.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
    c1v.add(FloatVector.fromArray(S, c, c0 + ldc)).intoArray(c, c0 + ldc);
    c2v.add(FloatVector.fromArray(S, c, c0 + 2 * ldc)).intoArray(c, c0 + 2 * ldc);
    c3v.add(FloatVector.fromArray(S, c, c0 + 3 * ldc)).intoArray(c, c0 + 3 * ldc);
    c4v.add(FloatVector.fromArray(S, c, c0 + 4 * ldc)).intoArray(c, c0 + 4 * ldc);
    c5v.add(FloatVector.fromArray(S, c, c0 + 5 * ldc)).intoArray(c, c0 + 5 * ldc);
    c6v.add(FloatVector.fromArray(S, c, c0 + 6 * ldc)).intoArray(c, c0 + 6 * ldc);
    c7v.add(FloatVector.fromArray(S, c, c0 + 7 * ldc)).intoArray(c, c0 + 7 * ldc);
  }

  /** One row of C times four vectors: four independent FMA chains hide the FMA latency (streaming). */
  private static void row1x4(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
    for (int p = 0; p < k; p++) {
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * acs]);
      int bp = b0 + p * ldb;
      s0 = FloatVector.fromArray(S, b, bp).fma(x, s0);
      s1 = FloatVector.fromArray(S, b, bp + L).fma(x, s1);
      s2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(x, s2);
      s3 = FloatVector.fromArray(S, b, bp + 3 * L).fma(x, s3);
    }
    s0.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
    s1.add(FloatVector.fromArray(S, c, c0 + L)).intoArray(c, c0 + L);
    s2.add(FloatVector.fromArray(S, c, c0 + 2 * L)).intoArray(c, c0 + 2 * L);
    s3.add(FloatVector.fromArray(S, c, c0 + 3 * L)).intoArray(c, c0 + 3 * L);
  }

  private static void row1x1(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
    FloatVector acc = FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      acc = FloatVector.fromArray(S, b, b0 + p * ldb).fma(FloatVector.broadcast(S, a[a0 + p * acs]), acc);
    }
    acc.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
  }

  private static void scalar(int m, int n, int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
      float[] c, int c0, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s += a[a0 + i * ars + p * acs] * b[b0 + p * ldb + j];
        }
        c[c0 + i * ldc + j] += s;
      }
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
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
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

  // ------------------------------------------------------------------ packed weights

  /** Columns of W^T per panel: four vectors, what {@link #row1x4} and two {@link #rows8x2} cover. */
  private static final int P = 4 * L;

  /**
   * Floats of the packed form of {@code W [n, k]}: W^T cut into panels of {@link #P} columns
   * (the last one zero-padded), each panel stored row after row, so that every micro-kernel
   * streams its panel sequentially: {@code packed[(j / P) * P * k + p * P + j % P] = W[j][p]}.
   */
  static int packedSize(int n, int k) {
    return (n + P - 1) / P * P * k;
  }

  static void pack(int n, int k, float[] w, int wOff, float[] out) {
    int panels = (n + P - 1) / P;
    for (int jp = 0; jp < panels; jp++) {
      int base = jp * P * k;
      for (int jj = 0; jj < P; jj++) {
        int j = jp * P + jj;
        if (j < n) {
          int wj = wOff + j * k;
          for (int p = 0; p < k; p++) {
            out[base + p * P + jj] = w[wj + p];
          }
        } else {
          for (int p = 0; p < k; p++) {
            out[base + p * P + jj] = 0f;
          }
        }
      }
    }
  }

  /** {@code C[m x n] += A[m x k] W^T} with W packed by {@link #pack}. */
  static void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, float[] c, int cOff,
      int ldc) {
    panelRange(m, n, k, a, aOff, lda, packed, c, cOff, ldc, 0, (n + P - 1) / P);
  }

  private static void panelRange(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, float[] c,
      int cOff, int ldc, int firstPanel, int endPanel) {
    int full = n / P;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int jp = firstPanel; jp < endPanel; jp++) {
        int b0 = jp * P * k + pc * P;
        int j0 = jp * P;
        if (jp < full) {
          int i = 0;
          for (; i + 8 <= m; i += 8) {
            int ai = aOff + i * lda + pc;
            int ci = cOff + i * ldc + j0;
            rows8x2(kc, a, ai, lda, 1, packed, b0, P, c, ci, ldc);
            rows8x2(kc, a, ai, lda, 1, packed, b0 + 2 * L, P, c, ci + 2 * L, ldc);
          }
          for (; i < m; i++) {
            row1x4(kc, a, aOff + i * lda + pc, 1, packed, b0, P, c, cOff + i * ldc + j0);
          }
        } else {
          // the zero-padded last panel: only n - j0 of its columns exist in C
          scalar(m, n - j0, kc, a, aOff + pc, lda, 1, packed, b0, P, c, cOff + j0, ldc);
        }
      }
    }
  }

  /** {@code C[r] += W[:, symbols[r]]}: row {@code symbols[r]} of the packed transpose, panel by panel. */
  static void addPackedColumns(int m, int n, int k, int[] symbols, float[] packed, float[] c, int cOff, int ldc) {
    int panels = (n + P - 1) / P;
    for (int r = 0; r < m; r++) {
      int row = symbols[r] * P;
      int ci = cOff + r * ldc;
      for (int jp = 0; jp < panels; jp++) {
        int src = jp * P * k + row;
        int dst = ci + jp * P;
        int width = Math.min(P, n - jp * P);
        for (int jj = 0; jj < width; jj += L) {
          if (jj + L <= width) {
            FloatVector.fromArray(S, packed, src + jj).add(FloatVector.fromArray(S, c, dst + jj)).intoArray(c, dst + jj);
          } else {
            for (int q = jj; q < width; q++) {
              c[dst + q] += packed[src + q];
            }
          }
        }
      }
    }
  }
}

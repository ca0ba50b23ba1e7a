package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C += A B} for a row-major B given as it is (the backward products {@code dX = dY W} and
 * {@code dW += dY^T X}), on the packed products' 4 x 4 micro-kernel: each call copies blocks of B
 * into panels of {@link #P} columns in a buffer of its thread, reused across calls (allocated once
 * per thread), so the micro-kernel streams each panel sequentially from L1.
 *
 * <p>Why: read as it is, a row of B is a few cache lines {@code ldb} floats apart, and with {@code
 * ldb} a multiple of 512 floats those lines fall into a handful of L1 sets, so the block being
 * reused was read again from L2 for every strip of rows (JFR: the unpacked kernel took half of T2's
 * samples). Copying a block costs one pass over it per call; it is then reused by every strip.
 *
 * <p>Same bits as {@link VectorGemm#gemm}: every element of C is one chain of fused multiply-adds
 * along k, started from C, whatever the blocking; the columns past the last whole panel go through
 * {@link VectorGemm#gemm} itself (its scalar tail sums per k-block).
 */
final class VectorPanelGemm {
  private VectorPanelGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Columns per panel: the micro-kernel's width. */
  static final int P = 4 * L;
  /**
   * k-block: rows of B per panel; KC x P floats = 32 KiB with 16 floats per vector, inside a 48 KiB
   * L1 (64, 96, 128 and 256 measured within the noise of a loaded machine on T2's shapes).
   */
  static final int KC = 128;
  /** n-block: columns of B packed at once; KC x NC floats = 256 KiB, inside a 2 MiB L2. */
  private static final int NC = 512;
  /** m-block: rows of A that pass over one packed block while it stays in L2. */
  private static final int MC = 256;
  /** Below this many rows the copy of B costs more than it saves. */
  static final int MIN_ROWS = 4;

  private static final ThreadLocal<float[]> BUFFERS = ThreadLocal.withInitial(() -> new float[KC * NC]);

  /** Whether {@link #gemm} suits a product of this shape (else {@link VectorGemm#gemm} is used). */
  static boolean suits(int m, int n) {
    return m >= MIN_ROWS && n >= P;
  }

  /** {@code C[m x n] += A B} with {@code A[i][p] = a[aOff + i*ars + p*acs]} and {@code B} row-major. */
  static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    int full = n - n % P;
    float[] buffer = BUFFERS.get();
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int jc = 0; jc < full; jc += NC) {
        int nc = Math.min(NC, full - jc);
        pack(kc, nc, b, bOff + pc * ldb + jc, ldb, buffer);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          block(mc, nc, kc, a, aOff + ic * ars + pc * acs, ars, acs, buffer, c, cOff + ic * ldc + jc, ldc);
        }
      }
    }
    if (full < n) {
      VectorGemm.gemm(m, n - full, k, a, aOff, ars, acs, b, bOff + full, ldb, c, cOff + full, ldc);
    }
  }

  /** Copies {@code B[kc x nc]} (nc a multiple of P) into panels: {@code out[(j/P)*P*kc + p*P + j%P]}. */
  private static void pack(int kc, int nc, float[] b, int b0, int ldb, float[] out) {
    for (int jp = 0; jp < nc; jp += P) {
      int base = jp * kc;
      for (int p = 0; p < kc; p++) {
        int src = b0 + p * ldb + jp;
        int dst = base + p * P;
        FloatVector.fromArray(S, b, src).intoArray(out, dst);
        FloatVector.fromArray(S, b, src + L).intoArray(out, dst + L);
        FloatVector.fromArray(S, b, src + 2 * L).intoArray(out, dst + 2 * L);
        FloatVector.fromArray(S, b, src + 3 * L).intoArray(out, dst + 3 * L);
      }
    }
  }

  /** Panels outermost, so that each stays in L1 while every strip of four rows of A passes over it. */
  private static void block(int m, int nc, int kc, float[] a, int a0, int ars, int acs, float[] packed, float[] c,
      int c0, int ldc) {
    for (int jp = 0; jp < nc; jp += P) {
      int panel = jp * kc;
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        VectorPackedGemm.panel4x4(kc, a, a0 + i * ars, ars, acs, packed, panel, c, c0 + i * ldc + jp, ldc);
      }
      for (; i < m; i++) {
        VectorGemm.row1x4(kc, a, a0 + i * ars, acs, packed, panel, P, c, c0 + i * ldc + jp);
      }
    }
  }
}

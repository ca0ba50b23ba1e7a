package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products by packed weights: {@code W [n, k]} transposed once and cut into panels of {@link #P}
 * columns, each stored row after row, so that the micro-kernels stream a panel sequentially.
 * Inference keeps weights packed for good; training packs them once per step for the forward
 * products. The unpacked products and the shared micro-kernels are in {@link VectorGemm}.
 */
final class VectorPackedGemm {
  private VectorPackedGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int KC = VectorGemm.KC;
  /** m-block: rows of A reused across all panels (MC x KC floats = 256 KiB). */
  static final int MC = 256;

  /** Columns of W^T per panel: four vectors, what {@link VectorGemm#row1x4} and {@link #panel4x4} cover. */
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

  /**
   * Loops, outermost first: k-blocks of {@link #KC}, row blocks of {@link #MC} (copied into 6-row
   * strips, see {@link VectorPanelGemm#packRows}), panels, strips. The row block keeps the A being
   * reused (MC x KC floats) in L2 while every panel passes over it; without it, A was read again
   * from L3 (or memory) for each of the panels once it outgrew L2 (thousands of rows: batch
   * inference's and training's input projections).
   * Every element of C still sums its k-blocks in the same order, so the results are unchanged.
   */
  private static void panelRange(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, float[] c,
      int cOff, int ldc, int firstPanel, int endPanel) {
    int full = n / P;
    // Copying A into strips pays only when at least two whole panels reuse them: products of few
    // columns (a GRU of 32 units has one whole panel; a thread's share of the panels may be one)
    // spent as long copying A as multiplying. One-row products (streaming) have no whole strip.
    int wholePanels = Math.min(endPanel, full) - firstPanel;
    float[] strips = m >= VectorPanelGemm.MR && wholePanels >= 2 ? VectorPanelGemm.rowBuffer() : null;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int ic = 0; ic < m; ic += MC) {
        int mc = Math.min(MC, m - ic);
        int aBlock = aOff + ic * lda + pc;
        int cBlock = cOff + ic * ldc;
        if (strips != null) {
          VectorPanelGemm.packRows(mc, kc, a, aBlock, lda, 1, strips);
        }
        for (int jp = firstPanel; jp < endPanel; jp++) {
          int b0 = jp * P * k + pc * P;
          int j0 = jp * P;
          if (jp < full) {
            VectorPanelGemm.panel(mc, kc, strips, a, aBlock, lda, 1, packed, b0, c, cBlock + j0, ldc);
          } else {
            // the zero-padded last panel: only n - j0 of its columns exist in C
            VectorEdgeGemm.gemm(mc, n - j0, kc, a, aBlock, lda, 1, packed, b0, P, c, cBlock + j0, ldc, true);
          }
        }
      }
    }
  }

  /**
   * {@code C[4 x P] += A[4 x k] panel[k x P]} with {@code A[i][p] = a[a0 + i*ars + p*acs]} (so A or
   * A^T): a whole packed panel for four rows of A, sixteen accumulators, four loads of the panel and
   * four broadcasts per k (half a load per FMA, where {@link VectorGemm#rows4x2} needs three
   * quarters).
   */
  static void panel4x4(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, float[] c, int c0,
      int ldc) {
    int r1 = c0 + ldc;
    int r2 = c0 + 2 * ldc;
    int r3 = c0 + 3 * ldc;
    FloatVector c00 = FloatVector.fromArray(S, c, c0);
    FloatVector c01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector c02 = FloatVector.fromArray(S, c, c0 + 2 * L);
    FloatVector c03 = FloatVector.fromArray(S, c, c0 + 3 * L);
    FloatVector c10 = FloatVector.fromArray(S, c, r1);
    FloatVector c11 = FloatVector.fromArray(S, c, r1 + L);
    FloatVector c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
    FloatVector c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
    FloatVector c20 = FloatVector.fromArray(S, c, r2);
    FloatVector c21 = FloatVector.fromArray(S, c, r2 + L);
    FloatVector c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
    FloatVector c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
    FloatVector c30 = FloatVector.fromArray(S, c, r3);
    FloatVector c31 = FloatVector.fromArray(S, c, r3 + L);
    FloatVector c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
    FloatVector c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * P;
      FloatVector v0 = FloatVector.fromArray(S, b, bp);
      FloatVector v1 = FloatVector.fromArray(S, b, bp + L);
      FloatVector v2 = FloatVector.fromArray(S, b, bp + 2 * L);
      FloatVector v3 = FloatVector.fromArray(S, b, bp + 3 * L);
      int ap = a0 + p * acs;
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = v0.fma(x, c00);
      c01 = v1.fma(x, c01);
      c02 = v2.fma(x, c02);
      c03 = v3.fma(x, c03);
      x = FloatVector.broadcast(S, a[ap + ars]);
      c10 = v0.fma(x, c10);
      c11 = v1.fma(x, c11);
      c12 = v2.fma(x, c12);
      c13 = v3.fma(x, c13);
      x = FloatVector.broadcast(S, a[ap + 2 * ars]);
      c20 = v0.fma(x, c20);
      c21 = v1.fma(x, c21);
      c22 = v2.fma(x, c22);
      c23 = v3.fma(x, c23);
      x = FloatVector.broadcast(S, a[ap + 3 * ars]);
      c30 = v0.fma(x, c30);
      c31 = v1.fma(x, c31);
      c32 = v2.fma(x, c32);
      c33 = v3.fma(x, c33);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + L);
    c02.intoArray(c, c0 + 2 * L);
    c03.intoArray(c, c0 + 3 * L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c12.intoArray(c, r1 + 2 * L);
    c13.intoArray(c, r1 + 3 * L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c22.intoArray(c, r2 + 2 * L);
    c23.intoArray(c, r2 + 3 * L);
    c30.intoArray(c, r3);
    c31.intoArray(c, r3 + L);
    c32.intoArray(c, r3 + 2 * L);
    c33.intoArray(c, r3 + 3 * L);
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

package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products by packed weights: {@code W [n, k]} transposed once and cut into panels of {@link #P}
 * columns, each stored row after row, so that the micro-kernels stream a panel sequentially.
 * Inference keeps weights packed for good; training packs them once per step for the forward
 * products. The unpacked products are in {@link VectorGemm}, the micro-kernels in
 * {@link MicroKernels}.
 */
final class VectorPackedGemm {
  private VectorPackedGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int KC = VectorGemm.KC;
  /** m-block: rows of A reused across all panels (MC x KC floats = 256 KiB). */
  static final int MC = 256;

  /** Columns of W^T per panel: four vectors, what {@link MicroKernels#row1x4} and {@link MicroKernels#rows4x4} span. */
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

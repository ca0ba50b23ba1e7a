package dev.unroll.runtime.kernel.vector;

import dev.unroll.runtime.kernel.Kernels;

/**
 * The kernels on the incubating Vector API ({@code jdk.incubator.vector}): register-blocked GEMM
 * ({@link VectorGemm}) and fused gate kernels ({@link VectorCells}). Only loaded when that module
 * is present; see {@code KernelSelection}.
 */
public final class VectorKernels implements Kernels {

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public void gemmDot(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    VectorGemm.gemmDot(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  @Override
  public void gemmNN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    if (VectorPanelGemm.suits(m, n, k)) {
      VectorPanelGemm.gemm(m, n, k, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc);
    } else {
      VectorGemm.gemm(m, n, k, a, aOff, lda, 1, b, bOff, ldb, c, cOff, ldc);
    }
  }

  @Override
  public void gemmTN(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    if (VectorPanelGemm.suits(m, n, k)) {
      VectorPanelGemm.gemm(m, n, k, a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc);
    } else {
      VectorGemm.gemm(m, n, k, a, aOff, 1, lda, b, bOff, ldb, c, cOff, ldc);
    }
  }

  @Override
  public void lstmForwardRow(int h, float[] p, int bhh, int peep, float[] proj, int px, float[] rec, int ph,
      float[] cPrev, int cp, float[] gates, int go, float[] c, int co, float[] hOut, int ho) {
    VectorCells.lstmForwardRow(h, p, bhh, peep, proj, px, rec, ph, cPrev, cp, gates, go, c, co, hOut, ho);
  }

  @Override
  public void lstmOutputGradientsRow(int h, float[] p, int peep, float[] gates, int o0, float[] c, int co,
      float[] dOut, int dOutRow, float[] dh, float[] dc, int r, float[] dGates, int d0, float[] grad, int gPeep) {
    VectorCells.lstmOutputGradientsRow(h, p, peep, gates, o0, c, co, dOut, dOutRow, dh, dc, r, dGates, d0, grad,
        gPeep);
  }

  @Override
  public void lstmGateGradientsRow(int h, float[] p, int peep, float[] gates, int go, float[] cPrev, int cp,
      float[] dc, int r, float[] dGates, int dg, float[] grad, int gPeep) {
    VectorCells.lstmGateGradientsRow(h, p, peep, gates, go, cPrev, cp, dc, r, dGates, dg, grad, gPeep);
  }

  @Override
  public void gruForwardRow(int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph, float[] hPrev,
      int hp, float[] gates, int go, float[] hn, int hno, float[] hOut, int ho) {
    VectorCells.gruForwardRow(h, p, bhh, proj, px, rec, ph, hPrev, hp, gates, go, hn, hno, hOut, ho);
  }

  @Override
  public void gruBackwardRow(int h, float[] gates, int go, float[] hn, int hno, float[] hPrev, int hp, float[] dOut,
      int dOutRow, float[] dh, int r, float[] dGates, int dg, float[] dGatesHH, int dgh) {
    VectorCells.gruBackwardRow(h, gates, go, hn, hno, hPrev, hp, dOut, dOutRow, dh, r, dGates, dg, dGatesHH, dgh);
  }

  @Override
  public void rnnForwardRow(boolean relu, int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph,
      float[] hOut, int ho) {
    VectorCells.rnnForwardRow(relu, h, p, bhh, proj, px, rec, ph, hOut, ho);
  }

  @Override
  public void rnnBackwardRow(boolean relu, int h, float[] hOut, int ho, float[] dOut, int dOutRow, float[] dh, int r,
      float[] dGates, int dg) {
    VectorCells.rnnBackwardRow(relu, h, hOut, ho, dOut, dOutRow, dh, r, dGates, dg);
  }

  @Override
  public int packedSize(int rows, int cols) {
    return VectorPackedGemm.packedSize(rows, cols);
  }

  @Override
  public void pack(int rows, int cols, float[] w, int wOff, float[] out) {
    VectorPackedGemm.pack(rows, cols, w, wOff, out);
  }

  @Override
  public void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, float[] c, int cOff,
      int ldc) {
    VectorPackedGemm.gemmPacked(m, n, k, a, aOff, lda, packed, c, cOff, ldc);
  }

  @Override
  public void addPackedColumns(int m, int n, int k, int[] symbols, float[] packed, float[] c, int cOff, int ldc) {
    VectorPackedGemm.addPackedColumns(m, n, k, symbols, packed, c, cOff, ldc);
  }
}

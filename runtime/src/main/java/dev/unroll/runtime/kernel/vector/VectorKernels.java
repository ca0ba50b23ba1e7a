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
  public void lstmForward(int batch, int h, float[] p, int bhh, int peep, float[] proj, int projOff, float[] rec,
      float[] cPrev, int cPrevOff, float[] hPrev, int hPrevOff, int ldPrev, float[] gates, int gOff, float[] c,
      int cOff, float[] hOut, int hOff, int ldh, int[] lengths, int t) {
    VectorCells.lstmForward(batch, h, p, bhh, peep, proj, projOff, rec, cPrev, cPrevOff, hPrev, hPrevOff, ldPrev,
        gates, gOff, c, cOff, hOut, hOff, ldh, lengths, t);
  }

  @Override
  public void lstmBackward(int batch, int h, float[] p, int peep, float[] gates, int gOff, float[] cPrev,
      int cPrevOff, float[] c, int cOff, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc,
      float[] dGates, int dgOff, float[] grad, int gPeep, int[] lengths, int t) {
    VectorCells.lstmBackward(batch, h, p, peep, gates, gOff, cPrev, cPrevOff, c, cOff, dOut, dOutOff, ldOut, dh, dc,
        dGates, dgOff, grad, gPeep, lengths, t);
  }

  @Override
  public void gruForward(int batch, int h, float[] p, int bhh, float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev, float[] gates, int gOff, float[] hn, int hnOff, float[] hOut,
      int hOff, int ldh, int[] lengths, int t) {
    VectorCells.gruForward(batch, h, p, bhh, proj, projOff, rec, hPrev, hPrevOff, ldPrev, gates, gOff, hn, hnOff,
        hOut, hOff, ldh, lengths, t);
  }

  @Override
  public void gruBackward(int batch, int h, float[] gates, int gOff, float[] hn, int hnOff, float[] hPrev,
      int hPrevOff, int ldPrev, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff,
      float[] dGatesHH, int dghOff, int[] lengths, int t) {
    VectorCells.gruBackward(batch, h, gates, gOff, hn, hnOff, hPrev, hPrevOff, ldPrev, dOut, dOutOff, ldOut, dh,
        dGates, dgOff, dGatesHH, dghOff, lengths, t);
  }

  @Override
  public void rnnForward(boolean relu, int batch, int h, float[] p, int bhh, float[] proj, int projOff,
      float[] rec, float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh, int[] lengths, int t) {
    VectorCells.rnnForward(relu, batch, h, p, bhh, proj, projOff, rec, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh,
        lengths, t);
  }

  @Override
  public void rnnBackward(boolean relu, int batch, int h, float[] hOut, int hOff, int ldh, float[] dOut,
      int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff, int[] lengths, int t) {
    VectorCells.rnnBackward(relu, batch, h, hOut, hOff, ldh, dOut, dOutOff, ldOut, dh, dGates, dgOff, lengths, t);
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

package dev.unroll.runtime.kernel;

import static dev.unroll.runtime.kernel.Activations.sigmoid;
import static dev.unroll.runtime.kernel.Activations.tanh;

/**
 * The kernels in plain Java: always available, no flags. Loops run over contiguous rows of
 * distinct arrays so that C2 can vectorise the inner ones; the equations are documented on the
 * façades ({@link Gemm}, {@link LstmCell}, {@link GruCell}, {@link RnnCell}).
 */
public final class PortableKernels implements Kernels {

  @Override
  public String name() {
    return "portable";
  }

  @Override
  public void gemmDot(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        int bj = bOff + j * ldb;
        // Four partial sums break the dependency chain of one long float sum.
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int p = 0;
        for (; p + 3 < k; p += 4) {
          s0 += a[ai + p] * b[bj + p];
          s1 += a[ai + p + 1] * b[bj + p + 1];
          s2 += a[ai + p + 2] * b[bj + p + 2];
          s3 += a[ai + p + 3] * b[bj + p + 3];
        }
        for (; p < k; p++) {
          s0 += a[ai + p] * b[bj + p];
        }
        c[ci + j] += (s0 + s1) + (s2 + s3);
      }
    }
  }

  @Override
  public void gemmNN(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      for (int p = 0; p < k; p++) {
        Rows.addScaled(n, a[ai + p], b, bOff + p * ldb, c, ci);
      }
    }
  }

  /** p runs outermost so that each row of B is read once, into every row of C in turn. */
  @Override
  public void gemmTN(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int p = 0; p < k; p++) {
      int ap = aOff + p * lda;
      int bp = bOff + p * ldb;
      for (int i = 0; i < m; i++) {
        Rows.addScaled(n, a[ap + i], b, bp, c, cOff + i * ldc);
      }
    }
  }

  @Override
  public void lstmForwardRow(int h, float[] p, int bhh, int peep, float[] proj, int px, float[] rec, int ph,
      float[] cPrev, int cp, float[] gates, int go, float[] c, int co, float[] hOut, int ho) {
    CellSteps.lstmGates(h, p, bhh, peep, proj, px, rec, ph, cPrev, cp, gates, go, c, co);
    for (int j = 0; j < h; j++) {
      hOut[ho + j] = gates[go + 3 * h + j] * tanh(c[co + j]);
    }
  }

  @Override
  public void lstmOutputGradientsRow(int h, float[] p, int peep, float[] gates, int o0, float[] c, int co,
      float[] dOut, int dOutRow, float[] dh, float[] dc, int r, float[] dGates, int d0, float[] grad, int gPeep) {
    for (int j = 0; j < h; j++) {
      dGates[d0 + j] = tanh(c[co + j]);
    }
    CellSteps.lstmOutputGradients(0, h, gates, o0, dOut, dOutRow, dh, r, dGates, d0, dc);
    java.util.Arrays.fill(dh, r, r + h, 0f);
    if (peep >= 0) {
      // dc_t += dâo p_o; dP_o += dâo c_t
      for (int j = 0; j < h; j++) {
        float dao = dGates[d0 + j];
        dc[r + j] += dao * p[peep + 2 * h + j];
        grad[gPeep + 2 * h + j] += dao * c[co + j];
      }
    }
  }

  @Override
  public void lstmGateGradientsRow(int h, float[] p, int peep, float[] gates, int go, float[] cPrev, int cp,
      float[] dc, int r, float[] dGates, int dg, float[] grad, int gPeep) {
    CellSteps.lstmGateGradients(0, h, gates, go, cPrev, cp, dc, r, dGates, dg);
    if (peep >= 0) {
      // dc_{t-1} += dâi p_i + dâf p_f; dP_i += dâi c_{t-1}; dP_f += dâf c_{t-1}
      for (int j = 0; j < h; j++) {
        float dai = dGates[dg + j];
        float daf = dGates[dg + h + j];
        float cj = cPrev[cp + j];
        dc[r + j] += dai * p[peep + j] + daf * p[peep + h + j];
        grad[gPeep + j] += dai * cj;
        grad[gPeep + h + j] += daf * cj;
      }
    }
  }

  @Override
  public void gruForwardRow(int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph, float[] hPrev,
      int hp, float[] gates, int go, float[] hn, int hno, float[] hOut, int ho) {
    for (int j = 0; j < h; j++) {
      float r = sigmoid(proj[px + j] + rec[ph + j] + p[bhh + j]);
      float z = sigmoid(proj[px + h + j] + rec[ph + h + j] + p[bhh + h + j]);
      float hnj = rec[ph + 2 * h + j] + p[bhh + 2 * h + j];
      float n = tanh(proj[px + 2 * h + j] + r * hnj);
      gates[go + j] = r;
      gates[go + h + j] = z;
      gates[go + 2 * h + j] = n;
      hn[hno + j] = hnj;
      hOut[ho + j] = (1f - z) * n + z * hPrev[hp + j];
    }
  }

  @Override
  public void gruBackwardRow(int h, float[] gates, int go, float[] hn, int hno, float[] hPrev, int hp, float[] dOut,
      int dOutRow, float[] dh, int r, float[] dGates, int dg, float[] dGatesHH, int dgh) {
    CellSteps.gruGateGradients(0, h, gates, go, hn, hno, hPrev, hp, dOut, dOutRow, dh, r, dGates, dg, dGatesHH, dgh);
  }

  @Override
  public void rnnForwardRow(boolean relu, int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph,
      float[] hOut, int ho) {
    for (int j = 0; j < h; j++) {
      float a = proj[px + j] + rec[ph + j] + p[bhh + j];
      hOut[ho + j] = relu ? Math.max(a, 0f) : tanh(a);
    }
  }

  @Override
  public void rnnBackwardRow(boolean relu, int h, float[] hOut, int ho, float[] dOut, int dOutRow, float[] dh, int r,
      float[] dGates, int dg) {
    for (int j = 0; j < h; j++) {
      float y = hOut[ho + j];
      float d = dOut[dOutRow + j] + dh[r + j];
      dGates[dg + j] = relu ? (y > 0f ? d : 0f) : d * (1f - y * y);
      dh[r + j] = 0f;
    }
  }

  @Override
  public int packedSize(int rows, int cols) {
    return rows * cols;
  }

  /** The plain transpose: {@code out[c * rows + r] = W[r][c]}. */
  @Override
  public void pack(int rows, int cols, float[] w, int wOff, float[] out) {
    for (int r = 0; r < rows; r++) {
      int wr = wOff + r * cols;
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = w[wr + c];
      }
    }
  }

  @Override
  public void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packed, float[] c, int cOff,
      int ldc) {
    gemmNN(m, n, k, a, aOff, lda, packed, 0, n, c, cOff, ldc);
  }

  @Override
  public void addPackedColumns(int m, int n, int k, int[] symbols, float[] packed, float[] c, int cOff, int ldc) {
    for (int r = 0; r < m; r++) {
      int src = symbols[r] * n;
      int dst = cOff + r * ldc;
      for (int j = 0; j < n; j++) {
        c[dst + j] += packed[src + j];
      }
    }
  }
}

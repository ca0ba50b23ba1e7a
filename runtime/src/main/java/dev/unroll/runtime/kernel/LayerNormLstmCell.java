package dev.unroll.runtime.kernel;

import static dev.unroll.runtime.kernel.Activations.tanh;

/**
 * The pointwise part of one layer-normalised LSTM timestep for a whole batch, forward and
 * backward (reference/FORMAT-v2.md): the gates as in {@link LstmCell} from projections that were
 * already normalised, then {@code h_t = o ⊙ tanh(LN(c_t; ln_c))}; the carried cell state is the
 * un-normalised {@code c_t}. Rows whose sequence has ended ({@code t >= lengths[b]}) carry their
 * state through unchanged and pass their gradient straight back, as in {@link LstmCell}.
 */
public final class LayerNormLstmCell {
  private LayerNormLstmCell() {}

  /**
   * <pre>
   * i, f, g, o = σ, σ, tanh, σ (proj + rec + b_hh);  c_t = f ⊙ c_{t-1} + i ⊙ g
   * ĉ = (c_t - mean(c_t)) rstd;  h_t = o ⊙ tanh(ĉ ⊙ p[lnc..] + p[lnc + H..])
   * </pre>
   * Writes gates, c, {@code cHat [B, H]}, {@code cRstd [B]} and h.
   *
   * @param lnc offset of the cell-state layer norm's gain in {@code p}; its bias follows at {@code lnc + h}
   */
  public static void forward(
      int batch, int h, float[] p, int bhh, int lnc,
      float[] proj, int projOff, float[] rec,
      float[] cPrev, int cPrevOff, float[] hPrev, int hPrevOff, int ldPrev,
      float[] gates, int gOff, float[] c, int cOff, float[] cHat, float[] cRstd, int rstdOff,
      float[] hOut, int hOff, int ldh, int[] lengths, int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      int co = cOff + b * h;
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.carryLstm(b, h, cPrev, cPrevOff, c, cOff, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh, gates, gOff);
        java.util.Arrays.fill(cHat, co, co + h, 0f);
        cRstd[rstdOff + b] = 0f;
        continue;
      }
      int go = gOff + b * g4;
      int ho = hOff + b * ldh;
      CellSteps.lstmGates(h, p, bhh, -1, proj, projOff + b * g4, rec, b * g4, cPrev, cPrevOff + b * h, gates, go, c,
          co);
      // h_t = o ⊙ tanh(LN(c_t)): the layer norm's output goes into h_t's row first
      java.util.Arrays.fill(hOut, ho, ho + h, 0f);
      LayerNorm.forward(1, h, c, co, p, lnc, lnc + h, cHat, co, cRstd, rstdOff + b, hOut, ho);
      for (int j = 0; j < h; j++) {
        hOut[ho + j] = gates[go + 3 * h + j] * tanh(hOut[ho + j]);
      }
    }
  }

  /**
   * Backward through one step, given {@code dh_t = dOut + dh} and {@code dc} from step t+1:
   * <pre>
   * y = ĉ ⊙ γ + β;  dâo = dh ⊙ tanh(y) ⊙ o(1-o);  dy = dh ⊙ o ⊙ (1 - tanh²y)
   * dγ += dy ⊙ ĉ;  dβ += dy;  dc += LN backward(dy)
   * dâi = dc ⊙ g ⊙ i(1-i);  dâf = dc ⊙ c_{t-1} ⊙ f(1-f);  dâg = dc ⊙ i ⊙ (1-g²);  dc_{t-1} = dc ⊙ f
   * </pre>
   * Writes {@code dGates [B, 4H]}; on return {@code dh} holds the part of {@code dh_{t-1}} that does
   * not go through {@code W_hh} and {@code dc} holds {@code dc_{t-1}}. {@code scratch [B, H]} is
   * overwritten.
   */
  public static void backward(
      int batch, int h, float[] p, int lnc,
      float[] gates, int gOff, float[] cPrev, int cPrevOff, float[] cHat, int cOff, float[] cRstd, int rstdOff,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc, float[] scratch,
      float[] dGates, int dgOff, float[] grad, int gLnc,
      int[] lengths, int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(b, h, dOut, dOutOff, ldOut, dh, dGates, dgOff, g4);
        continue;
      }
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * g4;
      int go = gOff + b * g4;
      int co = cOff + r;
      for (int j = 0; j < h; j++) {
        float o = gates[go + 3 * h + j];
        float ty = tanh(cHat[co + j] * p[lnc + j] + p[lnc + h + j]);
        float dht = dOut[dOutRow + j] + dh[r + j];
        dGates[dg + 3 * h + j] = dht * ty * o * (1f - o);
        scratch[r + j] = dht * o * (1f - ty * ty); // d loss / d LN(c_t)
        dh[r + j] = 0f;
      }
      // scratch becomes d loss / d c_t through the layer norm
      LayerNorm.backward(1, h, scratch, r, cHat, co, cRstd, rstdOff + b, p, lnc, grad, gLnc, gLnc + h, scratch, r);
      for (int j = 0; j < h; j++) {
        dc[r + j] = dc[r + j] + scratch[r + j]; // dc_t complete
      }
    }
    // No peepholes (grad is not read); the vector lanes do the scalar operations in the same order.
    LstmCell.gateGradients(Kernels.ACTIVE, batch, h, p, -1, gates, gOff, cPrev, cPrevOff, dc, dGates, dgOff, grad, 0,
        lengths, t);
  }
}

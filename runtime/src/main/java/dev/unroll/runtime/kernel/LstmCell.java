package dev.unroll.runtime.kernel;

import static dev.unroll.runtime.kernel.Activations.sigmoid;
import static dev.unroll.runtime.kernel.Activations.tanh;

/**
 * The pointwise part of one LSTM timestep for a whole batch, forward and backward. Gate order i,
 * f, g, o (PyTorch). With peepholes (ONNX semantics, {@code P [3, H]} rows i, f, o) the input and
 * forget gates read {@code c_{t-1}} and the output gate reads {@code c_t}.
 *
 * <p>Rows whose sequence has ended ({@code t >= lengths[b]}) carry their state through unchanged
 * and pass their gradient straight back.
 */
public final class LstmCell {
  private LstmCell() {}

  /**
   * <pre>
   * i = σ(px_i + ph_i + b_hi [+ p_i ⊙ c_{t-1}])   f = σ(px_f + ph_f + b_hf [+ p_f ⊙ c_{t-1}])
   * g = tanh(px_g + ph_g + b_hg)                 c_t = f ⊙ c_{t-1} + i ⊙ g
   * o = σ(px_o + ph_o + b_ho [+ p_o ⊙ c_t])        h_t = o ⊙ tanh(c_t)
   * </pre>
   * where {@code px = x W_ih^T + b_ih} ({@code proj}) and {@code ph = h_{t-1} W_hh^T} ({@code rec}).
   * Writes gates (i, f, g, o activations), c and h.
   *
   * @param peep offset of the peephole weights in {@code p}, or -1 for a plain LSTM
   */
  public static void forward(
      int batch, int h, float[] p, int bhh, int peep,
      float[] proj, int projOff, float[] rec,
      float[] cPrev, int cPrevOff, float[] hPrev, int hPrevOff, int ldPrev,
      float[] gates, int gOff, float[] c, int cOff, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      int cp = cPrevOff + b * h;
      int co = cOff + b * h;
      int ho = hOff + b * ldh;
      if (lengths != null && t >= lengths[b]) {
        System.arraycopy(cPrev, cp, c, co, h);
        System.arraycopy(hPrev, hPrevOff + b * ldPrev, hOut, ho, h);
        java.util.Arrays.fill(gates, gOff + b * g4, gOff + (b + 1) * g4, 0f);
        continue;
      }
      int px = projOff + b * g4;
      int ph = b * g4;
      int go = gOff + b * g4;
      for (int j = 0; j < h; j++) {
        float cj = cPrev[cp + j];
        float ai = proj[px + j] + rec[ph + j] + p[bhh + j];
        float af = proj[px + h + j] + rec[ph + h + j] + p[bhh + h + j];
        float ag = proj[px + 2 * h + j] + rec[ph + 2 * h + j] + p[bhh + 2 * h + j];
        float ao = proj[px + 3 * h + j] + rec[ph + 3 * h + j] + p[bhh + 3 * h + j];
        if (peep >= 0) {
          ai += p[peep + j] * cj;
          af += p[peep + h + j] * cj;
        }
        float i = sigmoid(ai);
        float f = sigmoid(af);
        float g = tanh(ag);
        float cn = f * cj + i * g;
        if (peep >= 0) {
          ao += p[peep + 2 * h + j] * cn;
        }
        float o = sigmoid(ao);
        gates[go + j] = i;
        gates[go + h + j] = f;
        gates[go + 2 * h + j] = g;
        gates[go + 3 * h + j] = o;
        c[co + j] = cn;
        hOut[ho + j] = o * tanh(cn);
      }
    }
  }

  /**
   * Backward through one step, given {@code dh_t = dOut + dh} and {@code dc} from step t+1:
   * <pre>
   * do = dh ⊙ tanh(c_t);  dâo = do ⊙ o(1-o);  dc += dh ⊙ o ⊙ (1 - tanh²c_t) [+ dâo ⊙ p_o]
   * dâi = dc ⊙ g ⊙ i(1-i);  dâf = dc ⊙ c_{t-1} ⊙ f(1-f);  dâg = dc ⊙ i ⊙ (1-g²)
   * dc_{t-1} = dc ⊙ f [+ dâi ⊙ p_i + dâf ⊙ p_f];  dP += (dâi ⊙ c_{t-1}, dâf ⊙ c_{t-1}, dâo ⊙ c_t)
   * </pre>
   * Writes the pre-activation gradients {@code dGates [B, 4H]}; on return {@code dh} holds the
   * part of {@code dh_{t-1}} that does not go through {@code W_hh} (zero, or everything for ended
   * rows) and {@code dc} holds {@code dc_{t-1}}.
   */
  public static void backward(
      int batch, int h, float[] p, int peep,
      float[] gates, int gOff, float[] cPrev, int cPrevOff, float[] c, int cOff,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc,
      float[] dGates, int dgOff, float[] grad, int gPeep,
      int[] lengths, int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * g4;
      if (lengths != null && t >= lengths[b]) {
        for (int j = 0; j < h; j++) {
          dh[r + j] += dOut[dOutRow + j];
        }
        java.util.Arrays.fill(dGates, dg, dg + g4, 0f);
        continue;
      }
      int go = gOff + b * g4;
      int cp = cPrevOff + r;
      int co = cOff + r;
      for (int j = 0; j < h; j++) {
        float i = gates[go + j];
        float f = gates[go + h + j];
        float g = gates[go + 2 * h + j];
        float o = gates[go + 3 * h + j];
        float ct = c[co + j];
        float cj = cPrev[cp + j];
        float tc = tanh(ct);
        float dht = dOut[dOutRow + j] + dh[r + j];
        float dao = dht * tc * o * (1f - o);
        float dct = dc[r + j] + dht * o * (1f - tc * tc);
        if (peep >= 0) {
          dct += dao * p[peep + 2 * h + j];
        }
        float dai = dct * g * i * (1f - i);
        float daf = dct * cj * f * (1f - f);
        float dag = dct * i * (1f - g * g);
        float dcPrev = dct * f;
        if (peep >= 0) {
          dcPrev += dai * p[peep + j] + daf * p[peep + h + j];
          grad[gPeep + j] += dai * cj;
          grad[gPeep + h + j] += daf * cj;
          grad[gPeep + 2 * h + j] += dao * ct;
        }
        dGates[dg + j] = dai;
        dGates[dg + h + j] = daf;
        dGates[dg + 2 * h + j] = dag;
        dGates[dg + 3 * h + j] = dao;
        dc[r + j] = dcPrev;
        dh[r + j] = 0f;
      }
    }
  }
}

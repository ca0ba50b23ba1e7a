package dev.unroll.runtime.kernel;

import static dev.unroll.runtime.kernel.Activations.sigmoid;
import static dev.unroll.runtime.kernel.Activations.tanh;

/**
 * The pointwise part of one GRU timestep for a whole batch (PyTorch's formulation: gates r, z, n,
 * the reset gate applied to {@code W_hn h + b_hn}). Rows whose sequence has ended carry their
 * state through unchanged and pass their gradient straight back.
 */
public final class GruCell {
  private GruCell() {}

  /**
   * <pre>
   * r = σ(px_r + ph_r + b_hr)   z = σ(px_z + ph_z + b_hz)   hn = ph_n + b_hn
   * n = tanh(px_n + r ⊙ hn)     h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
   * </pre>
   * where {@code px = x W_ih^T + b_ih} ({@code proj}) and {@code ph = h_{t-1} W_hh^T} ({@code rec}).
   * Writes gates (r, z, n), hn and h.
   */
  public static void forward(
      int batch, int h, float[] p, int bhh,
      float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev,
      float[] gates, int gOff, float[] hn, int hnOff, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    int g3 = 3 * h;
    for (int b = 0; b < batch; b++) {
      int hp = hPrevOff + b * ldPrev;
      int ho = hOff + b * ldh;
      int go = gOff + b * g3;
      int hno = hnOff + b * h;
      if (lengths != null && t >= lengths[b]) {
        System.arraycopy(hPrev, hp, hOut, ho, h);
        java.util.Arrays.fill(gates, go, go + g3, 0f);
        java.util.Arrays.fill(hn, hno, hno + h, 0f);
        continue;
      }
      int px = projOff + b * g3;
      int ph = b * g3;
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
  }

  /**
   * Backward through one step, given {@code dh_t = dOut + dh}:
   * <pre>
   * dn = dh_t ⊙ (1-z);  dz = dh_t ⊙ (h_{t-1} - n);  dân = dn ⊙ (1-n²)
   * dhn = dân ⊙ r;  dâr = dân ⊙ hn ⊙ r(1-r);  dâz = dz ⊙ z(1-z)
   * </pre>
   * Writes {@code dGates = (dâr, dâz, dân)} (the gradient of {@code x W_ih^T + b_ih}) and
   * {@code dGatesHH = (dâr, dâz, dhn)} (of {@code h W_hh^T + b_hh}); on return {@code dh} holds
   * {@code dh_t ⊙ z}, the part of {@code dh_{t-1}} that does not go through {@code W_hh}.
   */
  public static void backward(
      int batch, int h,
      float[] gates, int gOff, float[] hn, int hnOff, float[] hPrev, int hPrevOff, int ldPrev,
      float[] dOut, int dOutOff, int ldOut, float[] dh,
      float[] dGates, int dgOff, float[] dGatesHH, int dghOff,
      int[] lengths, int t) {
    int g3 = 3 * h;
    for (int b = 0; b < batch; b++) {
      int r0 = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * g3;
      int dgh = dghOff + b * g3;
      if (lengths != null && t >= lengths[b]) {
        for (int j = 0; j < h; j++) {
          dh[r0 + j] += dOut[dOutRow + j];
        }
        java.util.Arrays.fill(dGates, dg, dg + g3, 0f);
        java.util.Arrays.fill(dGatesHH, dgh, dgh + g3, 0f);
        continue;
      }
      int go = gOff + b * g3;
      int hp = hPrevOff + b * ldPrev;
      int hno = hnOff + r0;
      for (int j = 0; j < h; j++) {
        float r = gates[go + j];
        float z = gates[go + h + j];
        float n = gates[go + 2 * h + j];
        float dht = dOut[dOutRow + j] + dh[r0 + j];
        float dan = dht * (1f - z) * (1f - n * n);
        float dar = dan * hn[hno + j] * r * (1f - r);
        float daz = dht * (hPrev[hp + j] - n) * z * (1f - z);
        dGates[dg + j] = dar;
        dGates[dg + h + j] = daz;
        dGates[dg + 2 * h + j] = dan;
        dGatesHH[dgh + j] = dar;
        dGatesHH[dgh + h + j] = daz;
        dGatesHH[dgh + 2 * h + j] = dan * r;
        dh[r0 + j] = dht * z;
      }
    }
  }
}

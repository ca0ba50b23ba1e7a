package dev.unroll.runtime.kernel;

/**
 * The pointwise part of one Elman RNN timestep for a whole batch, with tanh or ReLU. Rows whose
 * sequence has ended carry their state through unchanged and pass their gradient straight back.
 */
public final class RnnCell {
  private RnnCell() {}

  /**
   * {@code h_t = act(px + ph + b_hh)} where {@code px = x W_ih^T + b_ih} ({@code proj}) and
   * {@code ph = h_{t-1} W_hh^T} ({@code rec}); act is ReLU when {@code relu}, else tanh. Writes h.
   */
  public static void forward(
      boolean relu, int batch, int h, float[] p, int bhh,
      float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      int ho = hOff + b * ldh;
      if (lengths != null && t >= lengths[b]) {
        System.arraycopy(hPrev, hPrevOff + b * ldPrev, hOut, ho, h);
        continue;
      }
      int px = projOff + b * h;
      int ph = b * h;
      for (int j = 0; j < h; j++) {
        float a = proj[px + j] + rec[ph + j] + p[bhh + j];
        hOut[ho + j] = relu ? Math.max(a, 0f) : (float) Math.tanh(a);
      }
    }
  }

  /**
   * Backward through one step: {@code dâ = (dOut + dh) ⊙ act'(h_t)} with {@code tanh' = 1 - h²}
   * and {@code relu' = [h > 0]}. Writes {@code dGates [B, H]}; on return {@code dh} is zero (or
   * the whole gradient, for ended rows).
   */
  public static void backward(
      boolean relu, int batch, int h, float[] hOut, int hOff, int ldh,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * h;
      if (lengths != null && t >= lengths[b]) {
        for (int j = 0; j < h; j++) {
          dh[r + j] += dOut[dOutRow + j];
        }
        java.util.Arrays.fill(dGates, dg, dg + h, 0f);
        continue;
      }
      int ho = hOff + b * ldh;
      for (int j = 0; j < h; j++) {
        float y = hOut[ho + j];
        float d = dOut[dOutRow + j] + dh[r + j];
        dGates[dg + j] = relu ? (y > 0f ? d : 0f) : d * (1f - y * y);
        dh[r + j] = 0f;
      }
    }
  }
}

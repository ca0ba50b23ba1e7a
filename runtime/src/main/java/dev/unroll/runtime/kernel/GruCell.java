package dev.unroll.runtime.kernel;

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
    forward(Kernels.ACTIVE, batch, h, p, bhh, proj, projOff, rec, hPrev, hPrevOff, ldPrev, gates, gOff, hn, hnOff,
        hOut, hOff, ldh, lengths, t);
  }

  /** {@link #forward} on the given kernels (the test compares both implementations through it). */
  static void forward(
      Kernels k, int batch, int h, float[] p, int bhh,
      float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev,
      float[] gates, int gOff, float[] hn, int hnOff, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    int g3 = 3 * h;
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.carryGru(b, h, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh, gates, gOff, hn, hnOff);
      } else {
        k.gruForwardRow(h, p, bhh, proj, projOff + b * g3, rec, b * g3, hPrev, hPrevOff + b * ldPrev, gates,
            gOff + b * g3, hn, hnOff + b * h, hOut, hOff + b * ldh);
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
    backward(Kernels.ACTIVE, batch, h, gates, gOff, hn, hnOff, hPrev, hPrevOff, ldPrev, dOut, dOutOff, ldOut, dh,
        dGates, dgOff, dGatesHH, dghOff, lengths, t);
  }

  /** {@link #backward} on the given kernels (the test compares both implementations through it). */
  static void backward(
      Kernels k, int batch, int h,
      float[] gates, int gOff, float[] hn, int hnOff, float[] hPrev, int hPrevOff, int ldPrev,
      float[] dOut, int dOutOff, int ldOut, float[] dh,
      float[] dGates, int dgOff, float[] dGatesHH, int dghOff,
      int[] lengths, int t) {
    int g3 = 3 * h;
    for (int b = 0; b < batch; b++) {
      int dgh = dghOff + b * g3;
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(b, h, dOut, dOutOff, ldOut, dh, dGates, dgOff, g3);
        java.util.Arrays.fill(dGatesHH, dgh, dgh + g3, 0f);
      } else {
        k.gruBackwardRow(h, gates, gOff + b * g3, hn, hnOff + b * h, hPrev, hPrevOff + b * ldPrev, dOut,
            dOutOff + b * ldOut, dh, b * h, dGates, dgOff + b * g3, dGatesHH, dgh);
      }
    }
  }
}

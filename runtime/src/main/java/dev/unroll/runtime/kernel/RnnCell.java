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
    forward(Kernels.ACTIVE, relu, batch, h, p, bhh, proj, projOff, rec, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh,
        lengths, t);
  }

  /** {@link #forward} on the given kernels (the test compares both implementations through it). */
  static void forward(
      Kernels k, boolean relu, int batch, int h, float[] p, int bhh,
      float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.carry(b, h, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh);
      } else {
        k.rnnForwardRow(relu, h, p, bhh, proj, projOff + b * h, rec, b * h, hOut, hOff + b * ldh);
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
    backward(Kernels.ACTIVE, relu, batch, h, hOut, hOff, ldh, dOut, dOutOff, ldOut, dh, dGates, dgOff, lengths, t);
  }

  /** {@link #backward} on the given kernels (the test compares both implementations through it). */
  static void backward(
      Kernels k, boolean relu, int batch, int h, float[] hOut, int hOff, int ldh,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(b, h, dOut, dOutOff, ldOut, dh, dGates, dgOff, h);
      } else {
        k.rnnBackwardRow(relu, h, hOut, hOff + b * ldh, dOut, dOutOff + b * ldOut, dh, b * h, dGates, dgOff + b * h);
      }
    }
  }
}

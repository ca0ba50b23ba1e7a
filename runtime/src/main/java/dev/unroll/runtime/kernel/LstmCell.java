package dev.unroll.runtime.kernel;

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
    forward(Kernels.ACTIVE, batch, h, p, bhh, peep, proj, projOff, rec, cPrev, cPrevOff, hPrev, hPrevOff, ldPrev,
        gates, gOff, c, cOff, hOut, hOff, ldh, lengths, t);
  }

  /** {@link #forward} on the given kernels (the test compares both implementations through it). */
  static void forward(
      Kernels k, int batch, int h, float[] p, int bhh, int peep,
      float[] proj, int projOff, float[] rec,
      float[] cPrev, int cPrevOff, float[] hPrev, int hPrevOff, int ldPrev,
      float[] gates, int gOff, float[] c, int cOff, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.carryLstm(b, h, cPrev, cPrevOff, c, cOff, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh, gates, gOff);
      } else {
        k.lstmForwardRow(h, p, bhh, peep, proj, projOff + b * g4, rec, b * g4, cPrev, cPrevOff + b * h, gates,
            gOff + b * g4, c, cOff + b * h, hOut, hOff + b * ldh);
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
    backward(Kernels.ACTIVE, batch, h, p, peep, gates, gOff, cPrev, cPrevOff, c, cOff, dOut, dOutOff, ldOut, dh, dc,
        dGates, dgOff, grad, gPeep, lengths, t);
  }

  /**
   * {@link #backward} on the given kernels (the test compares both implementations through it): two
   * passes over the batch, one row kernel each, because the Vector API kernels must not be compiled
   * into one (see {@code VectorCells}). Rows are independent and each peephole gradient element is
   * added to by one pass only, rows in order, so the two passes give the bits of one loop.
   */
  static void backward(
      Kernels k, int batch, int h, float[] p, int peep,
      float[] gates, int gOff, float[] cPrev, int cPrevOff, float[] c, int cOff,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc,
      float[] dGates, int dgOff, float[] grad, int gPeep,
      int[] lengths, int t) {
    outputGradients(k, batch, h, p, peep, gates, gOff, c, cOff, dOut, dOutOff, ldOut, dh, dc, dGates, dgOff, grad,
        gPeep, lengths, t);
    gateGradients(k, batch, h, p, peep, gates, gOff, cPrev, cPrevOff, dc, dGates, dgOff, grad, gPeep, lengths, t);
  }

  /** The first pass of {@link #backward}: ended rows pass their gradient through, live rows get dâo and dc_t. */
  private static void outputGradients(Kernels k, int batch, int h, float[] p, int peep, float[] gates, int gOff,
      float[] c, int cOff, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc, float[] dGates, int dgOff,
      float[] grad, int gPeep, int[] lengths, int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(b, h, dOut, dOutOff, ldOut, dh, dGates, dgOff, g4);
      } else {
        k.lstmOutputGradientsRow(h, p, peep, gates, gOff + b * g4 + 3 * h, c, cOff + b * h, dOut, dOutOff + b * ldOut,
            dh, dc, b * h, dGates, dgOff + b * g4 + 3 * h, grad, gPeep);
      }
    }
  }

  /**
   * The second pass of {@link #backward}, from the complete {@code dc_t} of every live row: dâi,
   * dâf, dâg and dc_{t-1}. {@link LayerNormLstmCell} shares it (without peepholes).
   */
  static void gateGradients(Kernels k, int batch, int h, float[] p, int peep, float[] gates, int gOff,
      float[] cPrev, int cPrevOff, float[] dc, float[] dGates, int dgOff, float[] grad, int gPeep, int[] lengths,
      int t) {
    int g4 = 4 * h;
    for (int b = 0; b < batch; b++) {
      if (!CellSteps.ended(lengths, b, t)) {
        k.lstmGateGradientsRow(h, p, peep, gates, gOff + b * g4, cPrev, cPrevOff + b * h, dc, b * h, dGates,
            dgOff + b * g4, grad, gPeep);
      }
    }
  }
}

package dev.unroll.runtime.kernel;

/**
 * The batch loops of the cell kernels, written once for every implementation: for each row
 * {@code b} of one timestep, the offsets of its slices, and for a row whose sequence has ended
 * ({@code t >= lengths[b]}) the carry forward and the straight pass back of {@link CellSteps}. A
 * live row goes to the implementation's one-row math, which sees only that row's slices.
 *
 * <p>The row call is a virtual call per row, not per element: one implementation is active in a
 * run ({@link Kernels#ACTIVE}), so the call site stays monomorphic and C2 inlines it.
 */
public abstract class BatchedCells implements Kernels {

  @Override
  public final void lstmForward(
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
      int go = gOff + b * g4;
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.carryLstm(h, cPrev, cp, c, co, hPrev, hPrevOff + b * ldPrev, hOut, ho, gates, go);
      } else {
        lstmForwardRow(h, p, bhh, peep, proj, projOff + b * g4, rec, b * g4, cPrev, cp, gates, go, c, co, hOut, ho);
      }
    }
  }

  /**
   * One live row of {@link #lstmForward}: {@code proj} at {@code px} and {@code rec} at {@code ph}
   * hold its 4H pre-activations, the rest its H-wide slices of {@code cPrev}, gates, c and h.
   */
  protected abstract void lstmForwardRow(int h, float[] p, int bhh, int peep, float[] proj, int px, float[] rec,
      int ph, float[] cPrev, int cp, float[] gates, int go, float[] c, int co, float[] hOut, int ho);

  @Override
  public final void lstmBackward(
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
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(h, dOut, dOutRow, dh, r, dGates, dg, g4);
      } else {
        lstmBackwardRow(h, p, peep, gates, gOff + b * g4, cPrev, cPrevOff + r, c, cOff + r, dOut, dOutRow, dh, dc, r,
            dGates, dg, grad, gPeep);
      }
    }
  }

  /** One live row of {@link #lstmBackward}; {@code r} is the row's offset in {@code dh} and {@code dc}. */
  protected abstract void lstmBackwardRow(int h, float[] p, int peep, float[] gates, int go, float[] cPrev, int cp,
      float[] c, int co, float[] dOut, int dOutRow, float[] dh, float[] dc, int r, float[] dGates, int dg,
      float[] grad, int gPeep);

  @Override
  public final void gruForward(
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
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.carryGru(h, hPrev, hp, hOut, ho, gates, go, hn, hno);
      } else {
        gruForwardRow(h, p, bhh, proj, projOff + b * g3, rec, b * g3, hPrev, hp, gates, go, hn, hno, hOut, ho);
      }
    }
  }

  /** One live row of {@link #gruForward}, as {@link #lstmForwardRow} with 3H pre-activations. */
  protected abstract void gruForwardRow(int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph,
      float[] hPrev, int hp, float[] gates, int go, float[] hn, int hno, float[] hOut, int ho);

  @Override
  public final void gruBackward(
      int batch, int h,
      float[] gates, int gOff, float[] hn, int hnOff, float[] hPrev, int hPrevOff, int ldPrev,
      float[] dOut, int dOutOff, int ldOut, float[] dh,
      float[] dGates, int dgOff, float[] dGatesHH, int dghOff,
      int[] lengths, int t) {
    int g3 = 3 * h;
    for (int b = 0; b < batch; b++) {
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * g3;
      int dgh = dghOff + b * g3;
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(h, dOut, dOutRow, dh, r, dGates, dg, g3);
        java.util.Arrays.fill(dGatesHH, dgh, dgh + g3, 0f);
      } else {
        gruBackwardRow(h, gates, gOff + b * g3, hn, hnOff + r, hPrev, hPrevOff + b * ldPrev, dOut, dOutRow, dh, r,
            dGates, dg, dGatesHH, dgh);
      }
    }
  }

  /** One live row of {@link #gruBackward}; {@code r} is the row's offset in {@code dh}. */
  protected abstract void gruBackwardRow(int h, float[] gates, int go, float[] hn, int hno, float[] hPrev, int hp,
      float[] dOut, int dOutRow, float[] dh, int r, float[] dGates, int dg, float[] dGatesHH, int dgh);

  @Override
  public final void rnnForward(
      boolean relu, int batch, int h, float[] p, int bhh,
      float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      int ho = hOff + b * ldh;
      if (CellSteps.ended(lengths, b, t)) {
        System.arraycopy(hPrev, hPrevOff + b * ldPrev, hOut, ho, h);
      } else {
        rnnForwardRow(relu, h, p, bhh, proj, projOff + b * h, rec, b * h, hOut, ho);
      }
    }
  }

  /** One live row of {@link #rnnForward}: {@code h = act(px + ph + b_hh)}. */
  protected abstract void rnnForwardRow(boolean relu, int h, float[] p, int bhh, float[] proj, int px, float[] rec,
      int ph, float[] hOut, int ho);

  @Override
  public final void rnnBackward(
      boolean relu, int batch, int h, float[] hOut, int hOff, int ldh,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * h;
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(h, dOut, dOutRow, dh, r, dGates, dg, h);
      } else {
        rnnBackwardRow(relu, h, hOut, hOff + b * ldh, dOut, dOutRow, dh, r, dGates, dg);
      }
    }
  }

  /** One live row of {@link #rnnBackward}; {@code r} is the row's offset in {@code dh}. */
  protected abstract void rnnBackwardRow(boolean relu, int h, float[] hOut, int ho, float[] dOut, int dOutRow,
      float[] dh, int r, float[] dGates, int dg);
}

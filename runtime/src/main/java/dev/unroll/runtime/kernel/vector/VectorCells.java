package dev.unroll.runtime.kernel.vector;

import dev.unroll.runtime.kernel.CellSteps;
import dev.unroll.runtime.kernel.vector.VectorMath.Kind;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused gate kernels on the Vector API: one timestep of one row of the batch (the façades
 * {@code LstmCell}, {@code GruCell}, {@code RnnCell} loop over the rows and handle those whose
 * sequence has ended; the LSTM's backward step alone takes the whole batch, see below), the same
 * equations as the portable kernels, documented on the façades. A row is computed in a few short
 * passes over its hidden units: vector lanes for the multiples of the vector length, scalar code
 * for the rest, and activations through {@link VectorMath} on whole slices. Short loops keep every
 * Vector API call inlined (a vector that crosses a call is boxed on the heap).
 */
final class VectorCells {
  private VectorCells() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private static FloatVector v(float[] a, int i) {
    return FloatVector.fromArray(S, a, i);
  }

  // ------------------------------------------------------------------ elementwise passes

  /** {@code out = a + b + c} over n. */
  private static void add3(float[] a, int ai, float[] b, int bi, float[] c, int ci, float[] out, int oi, int n) {
    int j = 0;
    for (; j + L <= n; j += L) {
      v(a, ai + j).add(v(b, bi + j)).add(v(c, ci + j)).intoArray(out, oi + j);
    }
    for (; j < n; j++) {
      out[oi + j] = a[ai + j] + b[bi + j] + c[ci + j];
    }
  }

  /** {@code out += a * b} over n. */
  private static void addProduct(float[] a, int ai, float[] b, int bi, float[] out, int oi, int n) {
    int j = 0;
    for (; j + L <= n; j += L) {
      v(a, ai + j).fma(v(b, bi + j), v(out, oi + j)).intoArray(out, oi + j);
    }
    for (; j < n; j++) {
      out[oi + j] = Math.fma(a[ai + j], b[bi + j], out[oi + j]);
    }
  }

  /** {@code out += a} over n. */
  private static void addInto(float[] a, int ai, float[] out, int oi, int n) {
    int j = 0;
    for (; j + L <= n; j += L) {
      v(a, ai + j).add(v(out, oi + j)).intoArray(out, oi + j);
    }
    for (; j < n; j++) {
      out[oi + j] = a[ai + j] + out[oi + j];
    }
  }

  /** {@code out *= a} over n. */
  private static void multiply(float[] a, int ai, float[] out, int oi, int n) {
    int j = 0;
    for (; j + L <= n; j += L) {
      v(a, ai + j).mul(v(out, oi + j)).intoArray(out, oi + j);
    }
    for (; j < n; j++) {
      out[oi + j] = a[ai + j] * out[oi + j];
    }
  }

  // ------------------------------------------------------------------ LSTM

  static void lstmForwardRow(int h, float[] p, int bhh, int peep, float[] proj, int px, float[] rec, int ph,
      float[] cPrev, int cp, float[] gates, int go, float[] c, int co, float[] hOut, int ho) {
    add3(proj, px, rec, ph, p, bhh, gates, go, 4 * h);
    if (peep >= 0) {
      addProduct(p, peep, cPrev, cp, gates, go, h);
      addProduct(p, peep + h, cPrev, cp, gates, go + h, h);
    }
    VectorMath.apply(Kind.SIGMOID, gates, go, 2 * h);
    VectorMath.apply(Kind.TANH, gates, go + 2 * h, h);
    cellUpdate(gates, go, cPrev, cp, c, co, h);
    if (peep >= 0) {
      addProduct(p, peep + 2 * h, c, co, gates, go + 3 * h, h);
    }
    VectorMath.apply(Kind.SIGMOID, gates, go + 3 * h, h);
    VectorMath.apply(Kind.TANH, c, co, hOut, ho, h);
    multiply(gates, go + 3 * h, hOut, ho, h);
  }

  /** {@code c = f * cPrev + i * g} for gates i, f, g at {@code go, go + h, go + 2h}. */
  private static void cellUpdate(float[] gates, int go, float[] cPrev, int cp, float[] c, int co, int h) {
    int j = 0;
    for (; j + L <= h; j += L) {
      v(gates, go + h + j).mul(v(cPrev, cp + j)).add(v(gates, go + j).mul(v(gates, go + 2 * h + j)))
          .intoArray(c, co + j);
    }
    for (; j < h; j++) {
      c[co + j] = gates[go + h + j] * cPrev[cp + j] + gates[go + j] * gates[go + 2 * h + j];
    }
  }

  /*
   * Why the backward step is two passes over the batch rather than one loop over rows: C2 stops
   * inlining once a compilation's graph passes a node budget (NodeCountInliningCutoff) and leaves
   * the remaining calls to late inlining, where Vector API calls lose their constant species and
   * box every vector. One row loop with the output-gate and inner-gate loops inlined held 51
   * Vector API intrinsics (81 with peepholes) and sat at that budget: in about 1 JVM run of 10 it
   * went over and a T1 step allocated 7.7 MB. Each pass holds one gate loop (and its peephole
   * terms) and is too large (bytecode) for C2 to inline into lstmBackward (FreqInlineSize, 325
   * bytes), so each is its own compilation, well under the budget. Every element sees the same
   * operations in the same order as before (peephole gradients still add the rows in order), so
   * the bits are unchanged.
   */

  static void lstmBackward(
      int batch, int h, float[] p, int peep,
      float[] gates, int gOff, float[] cPrev, int cPrevOff, float[] c, int cOff,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc,
      float[] dGates, int dgOff, float[] grad, int gPeep,
      int[] lengths, int t) {
    lstmOutputGates(batch, h, p, peep, gates, gOff, c, cOff, dOut, dOutOff, ldOut, dh, dc, dGates, dgOff, grad,
        gPeep, lengths, t);
    lstmInnerGates(batch, h, p, peep, gates, gOff, cPrev, cPrevOff, dc, dGates, dgOff, grad, gPeep, lengths, t);
  }

  /**
   * Per row: ended rows pass their gradient through ({@code dh += dOut}, gate gradients 0); live
   * rows get {@code dh_t = dOut + dh}, {@code dâo = dh_t tanh(c) o (1 - o)} (tanh(c) parked in the
   * dâo slot first) and {@code dc += dh_t o (1 - tanh²c)}, dh is cleared; with peepholes {@code dc
   * += dâo p_o} and {@code dP_o += dâo c}.
   */
  private static void lstmOutputGates(int batch, int h, float[] p, int peep, float[] gates, int gOff, float[] c,
      int cOff, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dc, float[] dGates, int dgOff,
      float[] grad, int gPeep, int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        CellSteps.passEnded(b, h, dOut, dOutOff, ldOut, dh, dGates, dgOff, 4 * h);
        continue;
      }
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * 4 * h;
      int o0 = gOff + b * 4 * h + 3 * h;
      int d0 = dg + 3 * h;
      VectorMath.apply(Kind.TANH, c, cOff + r, dGates, d0, h);
      int j = 0;
      for (; j + L <= h; j += L) {
        FloatVector o = v(gates, o0 + j);
        FloatVector tc = v(dGates, d0 + j);
        FloatVector dht = v(dOut, dOutRow + j).add(v(dh, r + j));
        FloatVector oneMinusO = o.neg().add(1f);
        dht.mul(tc).mul(o).mul(oneMinusO).intoArray(dGates, d0 + j);
        dht.mul(o).mul(tc.mul(tc).neg().add(1f)).add(v(dc, r + j)).intoArray(dc, r + j);
      }
      CellSteps.lstmOutputGradients(j, h, gates, o0, dOut, dOutRow, dh, r, dGates, d0, dc);
      java.util.Arrays.fill(dh, r, r + h, 0f);
      if (peep >= 0) {
        // dc_t += dâo * p_o; dP_o += dâo * c_t
        addProduct(dGates, d0, p, peep + 2 * h, dc, r, h);
        addProduct(dGates, d0, c, cOff + r, grad, gPeep + 2 * h, h);
      }
    }
  }

  /**
   * Per live row: {@code dâi = dc g i(1-i)}, {@code dâf = dc c_{t-1} f(1-f)}, {@code dâg = dc i
   * (1-g²)}, then {@code dc = dc f}; with peepholes {@code dc += dâi p_i + dâf p_f}, {@code dP_i +=
   * dâi c_{t-1}} and {@code dP_f += dâf c_{t-1}}.
   */
  private static void lstmInnerGates(int batch, int h, float[] p, int peep, float[] gates, int gOff, float[] cPrev,
      int cPrevOff, float[] dc, float[] dGates, int dgOff, float[] grad, int gPeep, int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      if (CellSteps.ended(lengths, b, t)) {
        continue;
      }
      int r = b * h;
      int go = gOff + b * 4 * h;
      int cp = cPrevOff + r;
      int dg = dgOff + b * 4 * h;
      int j = 0;
      for (; j + L <= h; j += L) {
        FloatVector i = v(gates, go + j);
        FloatVector f = v(gates, go + h + j);
        FloatVector g = v(gates, go + 2 * h + j);
        FloatVector dct = v(dc, r + j);
        dct.mul(g).mul(i).mul(i.neg().add(1f)).intoArray(dGates, dg + j);
        dct.mul(v(cPrev, cp + j)).mul(f).mul(f.neg().add(1f)).intoArray(dGates, dg + h + j);
        dct.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(dGates, dg + 2 * h + j);
        dct.mul(f).intoArray(dc, r + j);
      }
      CellSteps.lstmGateGradients(j, h, gates, go, cPrev, cp, dc, r, dGates, dg);
      if (peep >= 0) {
        // dc_{t-1} += dâi p_i + dâf p_f; dP_i += dâi c_{t-1}; dP_f += dâf c_{t-1}
        addProduct(dGates, dg, p, peep, dc, r, h);
        addProduct(dGates, dg + h, p, peep + h, dc, r, h);
        addProduct(dGates, dg, cPrev, cp, grad, gPeep, h);
        addProduct(dGates, dg + h, cPrev, cp, grad, gPeep + h, h);
      }
    }
  }

  // ------------------------------------------------------------------ GRU

  static void gruForwardRow(int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph, float[] hPrev,
      int hp, float[] gates, int go, float[] hn, int hno, float[] hOut, int ho) {
    // r, z pre-activations; hn = ph_n + b_hn
    add3(proj, px, rec, ph, p, bhh, gates, go, 2 * h);
    VectorMath.apply(Kind.SIGMOID, gates, go, 2 * h);
    gruCandidate(proj, px + 2 * h, rec, ph + 2 * h, p, bhh + 2 * h, gates, go, hn, hno, h);
    VectorMath.apply(Kind.TANH, gates, go + 2 * h, h);
    gruBlend(gates, go, hPrev, hp, hOut, ho, h);
  }

  /** {@code hn = ph_n + b_hn}; the n slot gets {@code px_n + r * hn} (tanh follows). */
  private static void gruCandidate(float[] proj, int pn, float[] rec, int rn, float[] p, int bn, float[] gates, int go,
      float[] hn, int hno, int h) {
    int j = 0;
    for (; j + L <= h; j += L) {
      FloatVector hnj = v(rec, rn + j).add(v(p, bn + j));
      hnj.intoArray(hn, hno + j);
      v(gates, go + j).fma(hnj, v(proj, pn + j)).intoArray(gates, go + 2 * h + j);
    }
    for (; j < h; j++) {
      float hnj = rec[rn + j] + p[bn + j];
      hn[hno + j] = hnj;
      gates[go + 2 * h + j] = Math.fma(gates[go + j], hnj, proj[pn + j]);
    }
  }

  /** {@code h = (1 - z) n + z h_{t-1} = n + z (h_{t-1} - n)}. */
  private static void gruBlend(float[] gates, int go, float[] hPrev, int hp, float[] hOut, int ho, int h) {
    int j = 0;
    for (; j + L <= h; j += L) {
      FloatVector n = v(gates, go + 2 * h + j);
      v(gates, go + h + j).fma(v(hPrev, hp + j).sub(n), n).intoArray(hOut, ho + j);
    }
    for (; j < h; j++) {
      float n = gates[go + 2 * h + j];
      hOut[ho + j] = Math.fma(gates[go + h + j], hPrev[hp + j] - n, n);
    }
  }

  static void gruBackwardRow(int h, float[] gates, int go, float[] hn, int hno, float[] hPrev, int hp, float[] dOut,
      int dOutRow, float[] dh, int r0, float[] dGates, int dg, float[] dGatesHH, int dgh) {
    int j = 0;
    for (; j + L <= h; j += L) {
      FloatVector r = v(gates, go + j);
      FloatVector z = v(gates, go + h + j);
      FloatVector n = v(gates, go + 2 * h + j);
      FloatVector dht = v(dOut, dOutRow + j).add(v(dh, r0 + j));
      FloatVector oneMinusZ = z.neg().add(1f);
      FloatVector dan = dht.mul(oneMinusZ).mul(n.mul(n).neg().add(1f));
      FloatVector dar = dan.mul(v(hn, hno + j)).mul(r).mul(r.neg().add(1f));
      FloatVector daz = dht.mul(v(hPrev, hp + j).sub(n)).mul(z).mul(oneMinusZ);
      dar.intoArray(dGates, dg + j);
      daz.intoArray(dGates, dg + h + j);
      dan.intoArray(dGates, dg + 2 * h + j);
      dar.intoArray(dGatesHH, dgh + j);
      daz.intoArray(dGatesHH, dgh + h + j);
      dan.mul(r).intoArray(dGatesHH, dgh + 2 * h + j);
      dht.mul(z).intoArray(dh, r0 + j);
    }
    CellSteps.gruGateGradients(j, h, gates, go, hn, hno, hPrev, hp, dOut, dOutRow, dh, r0, dGates, dg, dGatesHH, dgh);
  }

  // ------------------------------------------------------------------ Elman RNN

  static void rnnForwardRow(boolean relu, int h, float[] p, int bhh, float[] proj, int px, float[] rec, int ph,
      float[] hOut, int ho) {
    add3(proj, px, rec, ph, p, bhh, hOut, ho, h);
    if (relu) {
      int j = 0;
      for (; j + L <= h; j += L) {
        v(hOut, ho + j).max(0f).intoArray(hOut, ho + j);
      }
      for (; j < h; j++) {
        hOut[ho + j] = Math.max(hOut[ho + j], 0f);
      }
    } else {
      VectorMath.apply(Kind.TANH, hOut, ho, h);
    }
  }

  static void rnnBackwardRow(boolean relu, int h, float[] hOut, int ho, float[] dOut, int dOutRow, float[] dh, int r,
      float[] dGates, int dg) {
    addInto(dOut, dOutRow, dh, r, h);
    int j = 0;
    for (; j + L <= h; j += L) {
      FloatVector y = v(hOut, ho + j);
      FloatVector d = v(dh, r + j);
      FloatVector da = relu ? d.blend(0f, y.compare(VectorOperators.LE, 0f)) : d.mul(y.mul(y).neg().add(1f));
      da.intoArray(dGates, dg + j);
    }
    for (; j < h; j++) {
      float y = hOut[ho + j];
      float d = dh[r + j];
      dGates[dg + j] = relu ? (y > 0f ? d : 0f) : d * (1f - y * y);
    }
    java.util.Arrays.fill(dh, r, r + h, 0f);
  }
}

package dev.unroll.runtime.kernel.vector;

import dev.unroll.runtime.kernel.CellSteps;
import dev.unroll.runtime.kernel.vector.VectorMath.Kind;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused gate kernels on the Vector API: one timestep of one row of the batch (the façades
 * {@code LstmCell}, {@code GruCell}, {@code RnnCell} loop over the rows and handle those whose
 * sequence has ended; the LSTM's backward step is two row kernels, see below), the same
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
   * The backward step is two row kernels, which no C2 compilation may hold together: C2 stops
   * inlining once a compilation's graph passes a node budget (NodeCountInliningCutoff) and leaves
   * the remaining calls to late inlining, where Vector API calls lose their constant species and
   * box every vector. One row loop with both gate loops inlined held 51 Vector API intrinsics (81
   * with peepholes) and sat at that budget: in about 1 JVM run of 10 it went over and a T1 step
   * allocated 7.7 MB. LstmCell's two passes over the batch are not enough on their own: whether C2
   * inlines them into one compilation depends on which was compiled first. lstmGateGradientsRow is
   * larger (bytecode) than C2 inlines (FreqInlineSize, 325 bytes), so it is always a compilation
   * of its own, whatever the order; lstmOutputGradientsRow, smaller, may be inlined into its pass.
   */

  /**
   * {@code dh_t = dOut + dh}, {@code dâo = dh_t tanh(c) o (1 - o)} (tanh(c) parked in the dâo
   * slot first) and {@code dc += dh_t o (1 - tanh²c)}, dh is cleared; with peepholes {@code dc +=
   * dâo p_o} and {@code dP_o += dâo c}.
   */
  static void lstmOutputGradientsRow(int h, float[] p, int peep, float[] gates, int o0, float[] c, int co,
      float[] dOut, int dOutRow, float[] dh, float[] dc, int r, float[] dGates, int d0, float[] grad, int gPeep) {
    VectorMath.apply(Kind.TANH, c, co, dGates, d0, h);
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
      addProduct(dGates, d0, c, co, grad, gPeep + 2 * h, h);
    }
  }

  /**
   * {@code dâi = dc g i(1-i)}, {@code dâf = dc c_{t-1} f(1-f)}, {@code dâg = dc i (1-g²)}, then
   * {@code dc = dc f}; with peepholes {@code dc += dâi p_i + dâf p_f}, {@code dP_i += dâi c_{t-1}}
   * and {@code dP_f += dâf c_{t-1}}.
   */
  static void lstmGateGradientsRow(int h, float[] p, int peep, float[] gates, int go, float[] cPrev, int cp,
      float[] dc, int r, float[] dGates, int dg, float[] grad, int gPeep) {
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
      // dc_{t-1} += dâi p_i + dâf p_f; dP_i += dâi c_{t-1}; dP_f += dâf c_{t-1}: one pass, the
      // fused multiply-adds of each element in the order of four addProduct passes
      j = 0;
      for (; j + L <= h; j += L) {
        FloatVector dai = v(dGates, dg + j);
        FloatVector daf = v(dGates, dg + h + j);
        FloatVector cj = v(cPrev, cp + j);
        daf.fma(v(p, peep + h + j), dai.fma(v(p, peep + j), v(dc, r + j))).intoArray(dc, r + j);
        dai.fma(cj, v(grad, gPeep + j)).intoArray(grad, gPeep + j);
        daf.fma(cj, v(grad, gPeep + h + j)).intoArray(grad, gPeep + h + j);
      }
      for (; j < h; j++) {
        float dai = dGates[dg + j];
        float daf = dGates[dg + h + j];
        float cj = cPrev[cp + j];
        dc[r + j] = Math.fma(daf, p[peep + h + j], Math.fma(dai, p[peep + j], dc[r + j]));
        grad[gPeep + j] = Math.fma(dai, cj, grad[gPeep + j]);
        grad[gPeep + h + j] = Math.fma(daf, cj, grad[gPeep + h + j]);
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

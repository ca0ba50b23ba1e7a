package dev.unroll.runtime.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused gate kernels on the Vector API: one timestep of a whole batch, vectorised along the
 * hidden units, the same equations as the portable kernels (documented on the façades {@code
 * LstmCell}, {@code GruCell}, {@code RnnCell}). Rows whose sequence has ended carry their state and
 * pass their gradient straight through, as in the portable kernels.
 */
final class VectorCells {
  private VectorCells() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private static FloatVector load(float[] a, int i, VectorMask<Float> m) {
    return FloatVector.fromArray(S, a, i, m);
  }

  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

  private static FloatVector sigmoid(FloatVector x) {
    return VectorMath.sigmoid(x);
  }

  private static FloatVector tanh(FloatVector x) {
    return VectorMath.tanh(x);
  }

  private static boolean ended(int[] lengths, int b, int t) {
    return lengths != null && t >= lengths[b];
  }

  static void lstmForward(
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
      if (ended(lengths, b, t)) {
        System.arraycopy(cPrev, cp, c, co, h);
        System.arraycopy(hPrev, hPrevOff + b * ldPrev, hOut, ho, h);
        java.util.Arrays.fill(gates, gOff + b * g4, gOff + (b + 1) * g4, 0f);
        continue;
      }
      int px = projOff + b * g4;
      int ph = b * g4;
      int go = gOff + b * g4;
      for (int j = 0; j < h; j += L) {
        VectorMask<Float> m = S.indexInRange(j, h);
        FloatVector cj = load(cPrev, cp + j, m);
        FloatVector ai = load(proj, px + j, m).add(load(rec, ph + j, m)).add(load(p, bhh + j, m));
        FloatVector af = load(proj, px + h + j, m).add(load(rec, ph + h + j, m)).add(load(p, bhh + h + j, m));
        FloatVector ag = load(proj, px + 2 * h + j, m).add(load(rec, ph + 2 * h + j, m)).add(load(p, bhh + 2 * h + j, m));
        FloatVector ao = load(proj, px + 3 * h + j, m).add(load(rec, ph + 3 * h + j, m)).add(load(p, bhh + 3 * h + j, m));
        if (peep >= 0) {
          ai = load(p, peep + j, m).fma(cj, ai);
          af = load(p, peep + h + j, m).fma(cj, af);
        }
        FloatVector i = sigmoid(ai);
        FloatVector f = sigmoid(af);
        FloatVector g = tanh(ag);
        FloatVector cn = f.mul(cj).add(i.mul(g));
        if (peep >= 0) {
          ao = load(p, peep + 2 * h + j, m).fma(cn, ao);
        }
        FloatVector o = sigmoid(ao);
        i.intoArray(gates, go + j, m);
        f.intoArray(gates, go + h + j, m);
        g.intoArray(gates, go + 2 * h + j, m);
        o.intoArray(gates, go + 3 * h + j, m);
        cn.intoArray(c, co + j, m);
        o.mul(tanh(cn)).intoArray(hOut, ho + j, m);
      }
    }
  }

  static void lstmBackward(
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
      if (ended(lengths, b, t)) {
        for (int j = 0; j < h; j++) {
          dh[r + j] += dOut[dOutRow + j];
        }
        java.util.Arrays.fill(dGates, dg, dg + g4, 0f);
        continue;
      }
      int go = gOff + b * g4;
      int cp = cPrevOff + r;
      int co = cOff + r;
      for (int j = 0; j < h; j += L) {
        VectorMask<Float> m = S.indexInRange(j, h);
        FloatVector i = load(gates, go + j, m);
        FloatVector f = load(gates, go + h + j, m);
        FloatVector g = load(gates, go + 2 * h + j, m);
        FloatVector o = load(gates, go + 3 * h + j, m);
        FloatVector ct = load(c, co + j, m);
        FloatVector cj = load(cPrev, cp + j, m);
        FloatVector tc = tanh(ct);
        FloatVector dht = load(dOut, dOutRow + j, m).add(load(dh, r + j, m));
        FloatVector dao = dht.mul(tc).mul(o).mul(ONE.sub(o));
        FloatVector dct = load(dc, r + j, m).add(dht.mul(o).mul(ONE.sub(tc.mul(tc))));
        if (peep >= 0) {
          dct = dao.fma(load(p, peep + 2 * h + j, m), dct);
        }
        FloatVector dai = dct.mul(g).mul(i).mul(ONE.sub(i));
        FloatVector daf = dct.mul(cj).mul(f).mul(ONE.sub(f));
        FloatVector dag = dct.mul(i).mul(ONE.sub(g.mul(g)));
        FloatVector dcPrev = dct.mul(f);
        if (peep >= 0) {
          dcPrev = dai.fma(load(p, peep + j, m), dcPrev);
          dcPrev = daf.fma(load(p, peep + h + j, m), dcPrev);
          dai.fma(cj, load(grad, gPeep + j, m)).intoArray(grad, gPeep + j, m);
          daf.fma(cj, load(grad, gPeep + h + j, m)).intoArray(grad, gPeep + h + j, m);
          dao.fma(ct, load(grad, gPeep + 2 * h + j, m)).intoArray(grad, gPeep + 2 * h + j, m);
        }
        dai.intoArray(dGates, dg + j, m);
        daf.intoArray(dGates, dg + h + j, m);
        dag.intoArray(dGates, dg + 2 * h + j, m);
        dao.intoArray(dGates, dg + 3 * h + j, m);
        dcPrev.intoArray(dc, r + j, m);
        FloatVector.zero(S).intoArray(dh, r + j, m);
      }
    }
  }

  static void gruForward(
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
      if (ended(lengths, b, t)) {
        System.arraycopy(hPrev, hp, hOut, ho, h);
        java.util.Arrays.fill(gates, go, go + g3, 0f);
        java.util.Arrays.fill(hn, hno, hno + h, 0f);
        continue;
      }
      int px = projOff + b * g3;
      int ph = b * g3;
      for (int j = 0; j < h; j += L) {
        VectorMask<Float> m = S.indexInRange(j, h);
        FloatVector r = sigmoid(load(proj, px + j, m).add(load(rec, ph + j, m)).add(load(p, bhh + j, m)));
        FloatVector z = sigmoid(load(proj, px + h + j, m).add(load(rec, ph + h + j, m)).add(load(p, bhh + h + j, m)));
        FloatVector hnj = load(rec, ph + 2 * h + j, m).add(load(p, bhh + 2 * h + j, m));
        FloatVector n = tanh(r.fma(hnj, load(proj, px + 2 * h + j, m)));
        r.intoArray(gates, go + j, m);
        z.intoArray(gates, go + h + j, m);
        n.intoArray(gates, go + 2 * h + j, m);
        hnj.intoArray(hn, hno + j, m);
        // (1 - z) n + z h = n + z (h - n)
        z.fma(load(hPrev, hp + j, m).sub(n), n).intoArray(hOut, ho + j, m);
      }
    }
  }

  static void gruBackward(
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
      if (ended(lengths, b, t)) {
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
      for (int j = 0; j < h; j += L) {
        VectorMask<Float> m = S.indexInRange(j, h);
        FloatVector r = load(gates, go + j, m);
        FloatVector z = load(gates, go + h + j, m);
        FloatVector n = load(gates, go + 2 * h + j, m);
        FloatVector dht = load(dOut, dOutRow + j, m).add(load(dh, r0 + j, m));
        FloatVector dan = dht.mul(ONE.sub(z)).mul(ONE.sub(n.mul(n)));
        FloatVector dar = dan.mul(load(hn, hno + j, m)).mul(r).mul(ONE.sub(r));
        FloatVector daz = dht.mul(load(hPrev, hp + j, m).sub(n)).mul(z).mul(ONE.sub(z));
        dar.intoArray(dGates, dg + j, m);
        daz.intoArray(dGates, dg + h + j, m);
        dan.intoArray(dGates, dg + 2 * h + j, m);
        dar.intoArray(dGatesHH, dgh + j, m);
        daz.intoArray(dGatesHH, dgh + h + j, m);
        dan.mul(r).intoArray(dGatesHH, dgh + 2 * h + j, m);
        dht.mul(z).intoArray(dh, r0 + j, m);
      }
    }
  }

  static void rnnForward(
      boolean relu, int batch, int h, float[] p, int bhh,
      float[] proj, int projOff, float[] rec,
      float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      int ho = hOff + b * ldh;
      if (ended(lengths, b, t)) {
        System.arraycopy(hPrev, hPrevOff + b * ldPrev, hOut, ho, h);
        continue;
      }
      int px = projOff + b * h;
      int ph = b * h;
      for (int j = 0; j < h; j += L) {
        VectorMask<Float> m = S.indexInRange(j, h);
        FloatVector a = load(proj, px + j, m).add(load(rec, ph + j, m)).add(load(p, bhh + j, m));
        (relu ? a.max(0f) : tanh(a)).intoArray(hOut, ho + j, m);
      }
    }
  }

  static void rnnBackward(
      boolean relu, int batch, int h, float[] hOut, int hOff, int ldh,
      float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates, int dgOff,
      int[] lengths, int t) {
    for (int b = 0; b < batch; b++) {
      int r = b * h;
      int dOutRow = dOutOff + b * ldOut;
      int dg = dgOff + b * h;
      if (ended(lengths, b, t)) {
        for (int j = 0; j < h; j++) {
          dh[r + j] += dOut[dOutRow + j];
        }
        java.util.Arrays.fill(dGates, dg, dg + h, 0f);
        continue;
      }
      int ho = hOff + b * ldh;
      for (int j = 0; j < h; j += L) {
        VectorMask<Float> m = S.indexInRange(j, h);
        FloatVector y = load(hOut, ho + j, m);
        FloatVector d = load(dOut, dOutRow + j, m).add(load(dh, r + j, m));
        FloatVector da = relu ? FloatVector.zero(S).blend(d, y.compare(VectorOperators.GT, 0f)) : d.mul(ONE.sub(y.mul(y)));
        da.intoArray(dGates, dg + j, m);
        FloatVector.zero(S).intoArray(dh, r + j, m);
      }
    }
  }
}

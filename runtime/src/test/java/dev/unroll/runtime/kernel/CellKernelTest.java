package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The cell kernels against a direct scalar re-implementation in double of the equations in their
 * Javadoc (forward), and against central finite differences in double of that re-implementation
 * (backward). The backward pass is checked for the scalar {@code L = <wh, h_t> [+ <wc, c_t>]}, with
 * {@code wh = dOut + dh} (the two parts of dh_t) and {@code wc = dc} from step t+1: then
 * dGates = dL/dproj, the returned dh = dL/dh_{t-1} with rec held fixed, dc = dL/dc_{t-1}, and the
 * peephole gradient = dL/dP.
 *
 * <p>All state buffers are strided the way a bidirectional layer uses them: h_{t-1}, h_t and dOut
 * are the second half of rows of a [B, 2H] buffer.
 */
class CellKernelTest {
  private static final int B = 3;
  private static final int H = 4;
  private static final int LD = 2 * H; // leading dimension of the [B, 2H] output buffers
  private static final int HOFF = H; // the second direction's columns [H, 2H)
  private static final float GARBAGE = 4242.5f;
  private static final double EPS = 1e-6;

  // ------------------------------------------------------------------------------ helpers

  private static float[] random(SplittableRandom rng, int len, double lo, double hi) {
    float[] a = new float[len];
    for (int i = 0; i < len; i++) {
      a[i] = (float) rng.nextDouble(lo, hi);
    }
    return a;
  }

  private static float[] garbage(int len) {
    float[] a = new float[len];
    Arrays.fill(a, GARBAGE);
    return a;
  }

  private static double[] toDouble(float[] a, int off, int len) {
    double[] d = new double[len];
    for (int i = 0; i < len; i++) {
      d[i] = a[off + i];
    }
    return d;
  }

  /** Rows of a strided buffer as a dense [B, H] double array. */
  private static double[] rows(float[] a, int off, int ld) {
    double[] d = new double[B * H];
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        d[b * H + j] = a[off + b * ld + j];
      }
    }
    return d;
  }

  /** Central differences of f at x (x is perturbed in place and restored). */
  private static double[] fd(double[] x, ToDoubleFunction<double[]> f) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double keep = x[i];
      x[i] = keep + EPS;
      double up = f.applyAsDouble(x);
      x[i] = keep - EPS;
      double down = f.applyAsDouble(x);
      x[i] = keep;
      g[i] = (up - down) / (2 * EPS);
    }
    return g;
  }

  private static void assertClose(double want, double got, double tol, String what) {
    assertTrue(Math.abs(want - got) <= tol, what + ": want " + want + ", got " + got);
  }

  private static void assertGrad(double[] fd, float[] got, int off, String what) {
    for (int i = 0; i < fd.length; i++) {
      assertClose(fd[i], got[off + i], 2e-5 + 1e-4 * Math.abs(fd[i]), what + "[" + i + "]");
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  // ------------------------------------------------------------------------------ LSTM

  /** Double re-implementation of LstmCell.forward's equations: returns {h, c, gates}. */
  private static double[][] lstmRef(
      double[] proj, double[] rec, double[] bhh, double[] peep, double[] cPrev) {
    double[] h = new double[B * H];
    double[] c = new double[B * H];
    double[] gates = new double[B * 4 * H];
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        int g = b * 4 * H;
        double cj = cPrev[b * H + j];
        double ai = proj[g + j] + rec[g + j] + bhh[j];
        double af = proj[g + H + j] + rec[g + H + j] + bhh[H + j];
        double ag = proj[g + 2 * H + j] + rec[g + 2 * H + j] + bhh[2 * H + j];
        double ao = proj[g + 3 * H + j] + rec[g + 3 * H + j] + bhh[3 * H + j];
        if (peep != null) {
          ai += peep[j] * cj;
          af += peep[H + j] * cj;
        }
        double i = sigmoid(ai);
        double f = sigmoid(af);
        double gg = Math.tanh(ag);
        double cn = f * cj + i * gg;
        if (peep != null) {
          ao += peep[2 * H + j] * cn;
        }
        double o = sigmoid(ao);
        c[b * H + j] = cn;
        h[b * H + j] = o * Math.tanh(cn);
        gates[g + j] = i;
        gates[g + H + j] = f;
        gates[g + 2 * H + j] = gg;
        gates[g + 3 * H + j] = o;
      }
    }
    return new double[][] {h, c, gates};
  }

  /** Everything one LSTM step needs, laid out at awkward offsets. */
  private static final class Lstm {
    final boolean peephole;
    final int bhh = 3;
    final int peep;
    final float[] p;
    final int projOff = 2;
    final float[] proj;
    final float[] rec;
    final int cPrevOff = 1;
    final float[] cPrev;
    final float[] hPrev;
    final int gOff = 1;
    final float[] gates = garbage(1 + B * 4 * H);
    final int cOff = 2;
    final float[] c = garbage(2 + B * H);
    final int hOff = HOFF;
    final float[] hOut = garbage(B * LD);
    // backward
    final float[] dOut;
    final int dOutOff = HOFF;
    final float[] dhIn;
    final float[] dcIn;
    final float[] gradIn;
    final int gPeep = 5;

    Lstm(long seed, boolean peephole) {
      SplittableRandom rng = new SplittableRandom(seed);
      this.peephole = peephole;
      peep = peephole ? bhh + 4 * H : -1;
      p = random(rng, bhh + 4 * H + 3 * H + 2, -1, 1);
      proj = random(rng, projOff + B * 4 * H, -1.5, 1.5);
      rec = random(rng, B * 4 * H, -1, 1);
      cPrev = random(rng, cPrevOff + B * H, -2, 2);
      hPrev = random(rng, B * LD, -1, 1);
      dOut = random(rng, B * LD, -1, 1);
      dhIn = random(rng, B * H, -1, 1);
      dcIn = random(rng, B * H, -1, 1);
      gradIn = random(rng, gPeep + 3 * H + 1, -1, 1);
    }

    void forward(int[] lengths, int t) {
      LstmCell.forward(B, H, p, bhh, peep, proj, projOff, rec, cPrev, cPrevOff, hPrev, HOFF, LD,
          gates, gOff, c, cOff, hOut, hOff, LD, lengths, t);
    }

    /** Runs backward on copies; returns {dh, dc, dGates, grad}. */
    float[][] backward(int[] lengths, int t) {
      float[] dh = dhIn.clone();
      float[] dc = dcIn.clone();
      float[] dGates = garbage(3 + B * 4 * H);
      float[] grad = gradIn.clone();
      LstmCell.backward(B, H, p, peep, gates, gOff, cPrev, cPrevOff, c, cOff,
          dOut, dOutOff, LD, dh, dc, dGates, 3, grad, gPeep, lengths, t);
      return new float[][] {dh, dc, dGates, grad};
    }

    double[] peepD() {
      return peephole ? toDouble(p, peep, 3 * H) : null;
    }

    double[] wh() {
      double[] w = rows(dOut, dOutOff, LD);
      for (int i = 0; i < w.length; i++) {
        w[i] += dhIn[i];
      }
      return w;
    }
  }

  private static void checkLstm(boolean peephole) {
    Lstm s = new Lstm(peephole ? 11 : 12, peephole);
    s.forward(null, 0);

    double[] proj = toDouble(s.proj, s.projOff, B * 4 * H);
    double[] rec = toDouble(s.rec, 0, B * 4 * H);
    double[] bhh = toDouble(s.p, s.bhh, 4 * H);
    double[] peep = s.peepD();
    double[] cPrev = toDouble(s.cPrev, s.cPrevOff, B * H);
    double[][] ref = lstmRef(proj, rec, bhh, peep, cPrev);
    String tag = peephole ? "peephole LSTM " : "LSTM ";
    for (int i = 0; i < B * H; i++) {
      int b = i / H;
      int j = i % H;
      assertClose(ref[0][i], s.hOut[s.hOff + b * LD + j], 1e-6, tag + "h[" + i + "]");
      assertClose(ref[1][i], s.c[s.cOff + i], 1e-6, tag + "c[" + i + "]");
    }
    for (int i = 0; i < B * 4 * H; i++) {
      assertClose(ref[2][i], s.gates[s.gOff + i], 1e-6, tag + "gates[" + i + "]");
    }
    assertEquals(GARBAGE, s.gates[0]);
    assertEquals(GARBAGE, s.c[0]);
    assertEquals(GARBAGE, s.c[1]);
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        assertEquals(GARBAGE, s.hOut[b * LD + j], "first half of the h buffer must be untouched");
      }
    }

    float[][] out = s.backward(null, 0);
    double[] wh = s.wh();
    double[] wc = toDouble(s.dcIn, 0, B * H);
    ToDoubleFunction<double[][]> loss = in -> {
      double[][] r = lstmRef(in[0], rec, bhh, in[1], in[2]);
      return dot(wh, r[0]) + dot(wc, r[1]);
    };
    double[] dProj = fd(proj, x -> loss.applyAsDouble(new double[][] {x, peep, cPrev}));
    assertGrad(dProj, out[2], 3, tag + "dGates");
    double[] dBhh = fd(bhh, x -> {
      double[][] r = lstmRef(proj, rec, x, peep, cPrev);
      return dot(wh, r[0]) + dot(wc, r[1]);
    });
    for (int k = 0; k < 4 * H; k++) {
      double sum = 0;
      for (int b = 0; b < B; b++) {
        sum += out[2][3 + b * 4 * H + k];
      }
      assertClose(dBhh[k], sum, 2e-5 + 1e-4 * Math.abs(dBhh[k]), tag + "sum_b dGates = dL/db_hh");
    }
    double[] dcPrev = fd(cPrev, x -> loss.applyAsDouble(new double[][] {proj, peep, x}));
    assertGrad(dcPrev, out[1], 0, tag + "dc_{t-1}");
    for (int i = 0; i < B * H; i++) {
      // h_{t-1} reaches an LSTM step only through rec = h_{t-1} W_hh^T: no direct part.
      assertEquals(0f, out[0][i], tag + "direct dh_{t-1}");
    }
    if (peephole) {
      double[] dPeep = fd(peep, x -> loss.applyAsDouble(new double[][] {proj, x, cPrev}));
      for (int k = 0; k < 3 * H; k++) {
        assertClose(dPeep[k], out[3][s.gPeep + k] - s.gradIn[s.gPeep + k],
            2e-5 + 1e-4 * Math.abs(dPeep[k]), tag + "dP[" + k + "] (accumulated)");
      }
    } else {
      assertTrue(Arrays.equals(s.gradIn, out[3]), "plain LSTM must not touch the gradient array");
    }
    for (int k = 0; k < s.gPeep; k++) {
      assertEquals(s.gradIn[k], out[3][k], "gradient outside the peephole slot");
    }
  }

  @Test
  void lstmForwardAndBackward() {
    checkLstm(false);
  }

  @Test
  void peepholeLstmForwardAndBackward() {
    checkLstm(true);
  }

  @Test
  void lstmEndedRowsCarryStateAndGradientThrough() {
    for (boolean peephole : new boolean[] {false, true}) {
      int[] lengths = {2, 1, 3};
      int t = 1; // row 1 has ended
      Lstm full = new Lstm(21, peephole);
      full.forward(null, t);
      Lstm masked = new Lstm(21, peephole);
      masked.forward(lengths, t);
      for (int j = 0; j < H; j++) {
        assertEquals(masked.hPrev[HOFF + LD + j], masked.hOut[masked.hOff + LD + j], "h carried");
        assertEquals(masked.cPrev[masked.cPrevOff + H + j], masked.c[masked.cOff + H + j], "c carried");
      }
      for (int k = 0; k < 4 * H; k++) {
        assertEquals(0f, masked.gates[masked.gOff + 4 * H + k], "gates of an ended row");
      }
      for (int b : new int[] {0, 2}) {
        for (int j = 0; j < H; j++) {
          assertEquals(full.hOut[full.hOff + b * LD + j], masked.hOut[masked.hOff + b * LD + j]);
          assertEquals(full.c[full.cOff + b * H + j], masked.c[masked.cOff + b * H + j]);
        }
      }

      float[][] m = masked.backward(lengths, t);
      // Reference for the live rows: the unmasked backward with row 1's incoming gradients zeroed,
      // so row 1 contributes nothing to the shared peephole gradient.
      for (int j = 0; j < H; j++) {
        full.dOut[HOFF + LD + j] = 0;
        full.dhIn[H + j] = 0;
        full.dcIn[H + j] = 0;
      }
      float[][] f = full.backward(null, t);
      for (int j = 0; j < H; j++) {
        assertEquals(masked.dhIn[H + j] + masked.dOut[HOFF + LD + j], m[0][H + j], "dh passes through");
        assertEquals(masked.dcIn[H + j], m[1][H + j], "dc passes through");
      }
      for (int k = 0; k < 4 * H; k++) {
        assertEquals(0f, m[2][3 + 4 * H + k], "dGates of an ended row");
      }
      for (int b : new int[] {0, 2}) {
        for (int j = 0; j < H; j++) {
          assertEquals(f[0][b * H + j], m[0][b * H + j]);
          assertEquals(f[1][b * H + j], m[1][b * H + j]);
        }
        for (int k = 0; k < 4 * H; k++) {
          assertEquals(f[2][3 + b * 4 * H + k], m[2][3 + b * 4 * H + k]);
        }
      }
      for (int k = 0; k < f[3].length; k++) {
        assertEquals(f[3][k], m[3][k], 1e-7, "peephole gradient gets nothing from an ended row");
      }
    }
  }

  // ------------------------------------------------------------------------------ GRU

  /** Double re-implementation of GruCell.forward: returns {h, gates (r, z, n), hn}. */
  private static double[][] gruRef(double[] proj, double[] rec, double[] bhh, double[] hPrev) {
    double[] h = new double[B * H];
    double[] gates = new double[B * 3 * H];
    double[] hn = new double[B * H];
    for (int b = 0; b < B; b++) {
      int g = b * 3 * H;
      for (int j = 0; j < H; j++) {
        double r = sigmoid(proj[g + j] + rec[g + j] + bhh[j]);
        double z = sigmoid(proj[g + H + j] + rec[g + H + j] + bhh[H + j]);
        double hnj = rec[g + 2 * H + j] + bhh[2 * H + j];
        double n = Math.tanh(proj[g + 2 * H + j] + r * hnj);
        h[b * H + j] = (1 - z) * n + z * hPrev[b * H + j];
        gates[g + j] = r;
        gates[g + H + j] = z;
        gates[g + 2 * H + j] = n;
        hn[b * H + j] = hnj;
      }
    }
    return new double[][] {h, gates, hn};
  }

  private static final class Gru {
    final int bhh = 2;
    final float[] p;
    final int projOff = 1;
    final float[] proj;
    final float[] rec;
    final float[] hPrev;
    final int gOff = 2;
    final float[] gates = garbage(2 + B * 3 * H);
    final int hnOff = 1;
    final float[] hn = garbage(1 + B * H);
    final float[] hOut = garbage(B * LD);
    final float[] dOut;
    final float[] dhIn;

    Gru(long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      p = random(rng, bhh + 3 * H + 1, -1, 1);
      proj = random(rng, projOff + B * 3 * H, -1.5, 1.5);
      rec = random(rng, B * 3 * H, -1, 1);
      hPrev = random(rng, B * LD, -1, 1);
      dOut = random(rng, B * LD, -1, 1);
      dhIn = random(rng, B * H, -1, 1);
    }

    void forward(int[] lengths, int t) {
      GruCell.forward(B, H, p, bhh, proj, projOff, rec, hPrev, HOFF, LD,
          gates, gOff, hn, hnOff, hOut, HOFF, LD, lengths, t);
    }

    /** Returns {dh, dGates (offset 1), dGatesHH (offset 2)}. */
    float[][] backward(int[] lengths, int t) {
      float[] dh = dhIn.clone();
      float[] dGates = garbage(1 + B * 3 * H);
      float[] dGatesHH = garbage(2 + B * 3 * H);
      GruCell.backward(B, H, gates, gOff, hn, hnOff, hPrev, HOFF, LD, dOut, HOFF, LD, dh,
          dGates, 1, dGatesHH, 2, lengths, t);
      return new float[][] {dh, dGates, dGatesHH};
    }

    double[] wh() {
      double[] w = rows(dOut, HOFF, LD);
      for (int i = 0; i < w.length; i++) {
        w[i] += dhIn[i];
      }
      return w;
    }
  }

  @Test
  void gruForwardAndBackward() {
    Gru s = new Gru(31);
    s.forward(null, 0);
    double[] proj = toDouble(s.proj, s.projOff, B * 3 * H);
    double[] rec = toDouble(s.rec, 0, B * 3 * H);
    double[] bhh = toDouble(s.p, s.bhh, 3 * H);
    double[] hPrev = rows(s.hPrev, HOFF, LD);
    double[][] ref = gruRef(proj, rec, bhh, hPrev);
    for (int i = 0; i < B * H; i++) {
      assertClose(ref[0][i], s.hOut[HOFF + (i / H) * LD + i % H], 1e-6, "GRU h[" + i + "]");
      assertClose(ref[2][i], s.hn[s.hnOff + i], 1e-6, "GRU hn[" + i + "]");
    }
    for (int i = 0; i < B * 3 * H; i++) {
      assertClose(ref[1][i], s.gates[s.gOff + i], 1e-6, "GRU gates[" + i + "]");
    }
    assertEquals(GARBAGE, s.hn[0]);
    assertEquals(GARBAGE, s.gates[0]);
    assertEquals(GARBAGE, s.gates[1]);
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        assertEquals(GARBAGE, s.hOut[b * LD + j], "first half of the h buffer must be untouched");
      }
    }

    float[][] out = s.backward(null, 0);
    double[] wh = s.wh();
    double[] dProj = fd(proj, x -> dot(wh, gruRef(x, rec, bhh, hPrev)[0]));
    assertGrad(dProj, out[1], 1, "GRU dGates = dL/d(x W_ih^T + b_ih)");
    double[] dRec = fd(rec, x -> dot(wh, gruRef(proj, x, bhh, hPrev)[0]));
    assertGrad(dRec, out[2], 2, "GRU dGatesHH = dL/d(h W_hh^T)");
    double[] dBhh = fd(bhh, x -> dot(wh, gruRef(proj, rec, x, hPrev)[0]));
    for (int k = 0; k < 3 * H; k++) {
      double sum = 0;
      for (int b = 0; b < B; b++) {
        sum += out[2][2 + b * 3 * H + k];
      }
      assertClose(dBhh[k], sum, 2e-5 + 1e-4 * Math.abs(dBhh[k]), "GRU sum_b dGatesHH = dL/db_hh");
    }
    double[] dhPrev = fd(hPrev, x -> dot(wh, gruRef(proj, rec, bhh, x)[0]));
    assertGrad(dhPrev, out[0], 0, "GRU direct dh_{t-1} (z * dh_t)");
    assertEquals(GARBAGE, out[1][0]);
    assertEquals(GARBAGE, out[2][0]);
    assertEquals(GARBAGE, out[2][1]);
  }

  @Test
  void gruEndedRowsCarryStateAndGradientThrough() {
    int[] lengths = {3, 2, 1};
    int t = 1; // row 2 has ended
    Gru full = new Gru(41);
    full.forward(null, t);
    Gru masked = new Gru(41);
    masked.forward(lengths, t);
    for (int j = 0; j < H; j++) {
      assertEquals(masked.hPrev[HOFF + 2 * LD + j], masked.hOut[HOFF + 2 * LD + j], "h carried");
      assertEquals(0f, masked.hn[masked.hnOff + 2 * H + j], "hn of an ended row");
    }
    for (int k = 0; k < 3 * H; k++) {
      assertEquals(0f, masked.gates[masked.gOff + 2 * 3 * H + k], "gates of an ended row");
    }
    for (int b : new int[] {0, 1}) {
      for (int j = 0; j < H; j++) {
        assertEquals(full.hOut[HOFF + b * LD + j], masked.hOut[HOFF + b * LD + j]);
      }
    }

    float[][] m = masked.backward(lengths, t);
    float[][] f = full.backward(null, t);
    for (int j = 0; j < H; j++) {
      assertEquals(masked.dhIn[2 * H + j] + masked.dOut[HOFF + 2 * LD + j], m[0][2 * H + j],
          "dh passes through");
    }
    for (int k = 0; k < 3 * H; k++) {
      assertEquals(0f, m[1][1 + 2 * 3 * H + k], "dGates of an ended row");
      assertEquals(0f, m[2][2 + 2 * 3 * H + k], "dGatesHH of an ended row");
    }
    for (int b : new int[] {0, 1}) {
      for (int j = 0; j < H; j++) {
        assertEquals(f[0][b * H + j], m[0][b * H + j]);
      }
      for (int k = 0; k < 3 * H; k++) {
        assertEquals(f[1][1 + b * 3 * H + k], m[1][1 + b * 3 * H + k]);
        assertEquals(f[2][2 + b * 3 * H + k], m[2][2 + b * 3 * H + k]);
      }
    }
  }

  // ------------------------------------------------------------------------------ Elman RNN

  private static double[] rnnRef(boolean relu, double[] proj, double[] rec, double[] bhh) {
    double[] h = new double[B * H];
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        double a = proj[b * H + j] + rec[b * H + j] + bhh[j];
        h[b * H + j] = relu ? Math.max(a, 0) : Math.tanh(a);
      }
    }
    return h;
  }

  private static final class Rnn {
    final boolean relu;
    final int bhh = 1;
    final float[] p;
    final int projOff = 3;
    final float[] proj;
    final float[] rec;
    final float[] hPrev;
    final float[] hOut = garbage(B * LD);
    final float[] dOut;
    final float[] dhIn;

    Rnn(long seed, boolean relu) {
      SplittableRandom rng = new SplittableRandom(seed);
      this.relu = relu;
      p = random(rng, bhh + H, -1, 1);
      proj = random(rng, projOff + B * H, -1.5, 1.5);
      rec = random(rng, B * H, -1, 1);
      hPrev = random(rng, B * LD, -1, 1);
      dOut = random(rng, B * LD, -1, 1);
      dhIn = random(rng, B * H, -1, 1);
      // Keep pre-activations away from ReLU's kink so that finite differences are meaningful.
      for (int i = 0; i < B * H; i++) {
        double a = (double) proj[projOff + i] + rec[i] + p[bhh + i % H];
        if (Math.abs(a) < 0.05) {
          proj[projOff + i] += 0.2f;
        }
      }
    }

    void forward(int[] lengths, int t) {
      RnnCell.forward(relu, B, H, p, bhh, proj, projOff, rec, hPrev, HOFF, LD, hOut, HOFF, LD,
          lengths, t);
    }

    /** Returns {dh, dGates (offset 2)}. */
    float[][] backward(int[] lengths, int t) {
      float[] dh = dhIn.clone();
      float[] dGates = garbage(2 + B * H);
      RnnCell.backward(relu, B, H, hOut, HOFF, LD, dOut, HOFF, LD, dh, dGates, 2, lengths, t);
      return new float[][] {dh, dGates};
    }
  }

  private static void checkRnn(boolean relu) {
    Rnn s = new Rnn(relu ? 51 : 52, relu);
    s.forward(null, 0);
    double[] proj = toDouble(s.proj, s.projOff, B * H);
    double[] rec = toDouble(s.rec, 0, B * H);
    double[] bhh = toDouble(s.p, s.bhh, H);
    double[] ref = rnnRef(relu, proj, rec, bhh);
    String tag = relu ? "ReLU RNN " : "tanh RNN ";
    boolean sawZero = false;
    for (int i = 0; i < B * H; i++) {
      float got = s.hOut[HOFF + (i / H) * LD + i % H];
      assertClose(ref[i], got, 1e-6, tag + "h[" + i + "]");
      sawZero |= got == 0f;
    }
    assertTrue(!relu || sawZero, "the ReLU case should exercise some negative pre-activations");
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        assertEquals(GARBAGE, s.hOut[b * LD + j], "first half of the h buffer must be untouched");
      }
    }

    float[][] out = s.backward(null, 0);
    double[] wh = rows(s.dOut, HOFF, LD);
    for (int i = 0; i < wh.length; i++) {
      wh[i] += s.dhIn[i];
    }
    double[] dProj = fd(proj, x -> dot(wh, rnnRef(relu, x, rec, bhh)));
    assertGrad(dProj, out[1], 2, tag + "dGates");
    for (int i = 0; i < B * H; i++) {
      assertEquals(0f, out[0][i], tag + "direct dh_{t-1}");
    }
    assertEquals(GARBAGE, out[1][0]);
    assertEquals(GARBAGE, out[1][1]);
  }

  @Test
  void tanhRnnForwardAndBackward() {
    checkRnn(false);
  }

  @Test
  void reluRnnForwardAndBackward() {
    checkRnn(true);
  }

  @Test
  void rnnEndedRowsCarryStateAndGradientThrough() {
    for (boolean relu : new boolean[] {false, true}) {
      int[] lengths = {1, 4, 4};
      int t = 3; // row 0 has ended
      Rnn full = new Rnn(61, relu);
      full.forward(null, t);
      Rnn masked = new Rnn(61, relu);
      masked.forward(lengths, t);
      for (int j = 0; j < H; j++) {
        assertEquals(masked.hPrev[HOFF + j], masked.hOut[HOFF + j], "h carried");
      }
      for (int b : new int[] {1, 2}) {
        for (int j = 0; j < H; j++) {
          assertEquals(full.hOut[HOFF + b * LD + j], masked.hOut[HOFF + b * LD + j]);
        }
      }
      float[][] m = masked.backward(lengths, t);
      float[][] f = full.backward(null, t);
      for (int j = 0; j < H; j++) {
        assertEquals(masked.dhIn[j] + masked.dOut[HOFF + j], m[0][j], "dh passes through");
        assertEquals(0f, m[1][2 + j], "dGates of an ended row");
      }
      for (int i = H; i < B * H; i++) {
        assertEquals(f[0][i], m[0][i]);
        assertEquals(f[1][2 + i], m[1][2 + i]);
      }
    }
  }
}

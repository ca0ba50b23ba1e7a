package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerNorm}, {@link LayerNormLstmCell} and {@link ConditionedState} against hand-computed
 * values and against central finite differences in double of a direct re-implementation of the
 * equations in their Javadoc.
 */
class LayerNormKernelsTest {
  private static final double EPS = 1e-6;

  @Test
  void layerNormForwardByHand() {
    // x = (1, 2, 3, 6): mean 3, biased variance 14/4 = 3.5, rstd = 1/sqrt(3.5 + 1e-5) = 0.53452172
    float[] x = {99f, 1f, 2f, 3f, 6f};
    float[] p = {1f, 2f, 0.5f, 1f, 0f, 1f, 0f, -1f}; // gain, then bias
    float[] hat = new float[4];
    float[] rstd = new float[1];
    float[] y = {10f, 10f, 10f, 10f}; // forward accumulates
    LayerNorm.forward(1, 4, x, 1, p, 0, 4, hat, 0, rstd, 0, y, 0);
    assertEquals(0.53452172f, rstd[0], 1e-7f);
    assertArrayEquals(new float[] {-1.0690434f, -0.5345217f, 0f, 1.6035652f}, hat, 1e-6f);
    assertArrayEquals(new float[] {10f - 1.0690434f, 10f - 0.0690434f, 10f, 10.603565f}, y, 1e-5f);
  }

  @Test
  void layerNormOfAConstantRowIsItsBias() {
    float[] x = {5f, 5f, 5f};
    float[] p = {2f, 2f, 2f, 0.25f, -0.5f, 1f};
    float[] y = new float[3];
    LayerNorm.forward(1, 3, x, 0, p, 0, 3, new float[3], 0, new float[1], 0, y, 0);
    assertArrayEquals(new float[] {0.25f, -0.5f, 1f}, y, 0f);
  }

  /** L = Σ w ⊙ LN(x) over two rows; dx, dGain and dBias against finite differences. */
  @Test
  void layerNormBackwardMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    int rows = 2;
    int n = 5;
    float[] x = random(rng, rows * n, -2, 2);
    float[] p = random(rng, 2 * n, -1.5, 1.5);
    float[] w = random(rng, rows * n, -1, 1);
    float[] hat = new float[rows * n];
    float[] rstd = new float[rows];
    LayerNorm.forward(rows, n, x, 0, p, 0, n, hat, 0, rstd, 0, new float[rows * n], 0);
    float[] grad = new float[2 * n];
    float[] dx = new float[rows * n];
    LayerNorm.backward(rows, n, w, 0, hat, 0, rstd, 0, p, 0, grad, 0, n, dx, 0);

    ToDoubleFunction<double[]> loss = v -> {
      double[] xs = java.util.Arrays.copyOfRange(v, 0, rows * n);
      double l = 0;
      for (int r = 0; r < rows; r++) {
        double[] y = layerNorm(xs, r * n, n, v, rows * n, rows * n + n);
        for (int j = 0; j < n; j++) {
          l += w[r * n + j] * y[j];
        }
      }
      return l;
    };
    double[] all = new double[rows * n + 2 * n];
    for (int i = 0; i < rows * n; i++) {
      all[i] = x[i];
    }
    for (int i = 0; i < 2 * n; i++) {
      all[rows * n + i] = p[i];
    }
    for (int i = 0; i < all.length; i++) {
      double analytic = i < rows * n ? dx[i] : grad[i - rows * n];
      assertEquals(numeric(loss, all, i), analytic, 2e-5, "coordinate " + i);
    }
  }

  /** L = <wh, h_t> + <wc, c_t> of one layer-normalised LSTM step; every input against finite differences. */
  @Test
  void layerNormLstmBackwardMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(12);
    int b = 2;
    int h = 3;
    float[] proj = random(rng, b * 4 * h, -1.5, 1.5);
    float[] cPrev = random(rng, b * h, -1, 1);
    float[] p = random(rng, 4 * h + 2 * h, -1, 1); // b_hh, then ln_c gain and bias
    float[] wh = random(rng, b * h, -1, 1);
    float[] wc = random(rng, b * h, -1, 1);
    float[] gates = new float[b * 4 * h];
    float[] c = new float[b * h];
    float[] cHat = new float[b * h];
    float[] cRstd = new float[b];
    float[] hOut = new float[b * h];
    LayerNormLstmCell.forward(b, h, p, 0, 4 * h, proj, 0, new float[b * 4 * h], cPrev, 0, new float[b * h], 0, h,
        gates, 0, c, 0, cHat, cRstd, 0, hOut, 0, h, null, 0);

    // forward against the double re-implementation
    double[] all = concat(proj, cPrev, p);
    double[][] ref = lstmStep(all, b, h);
    for (int i = 0; i < b * h; i++) {
      assertEquals(ref[0][i], hOut[i], 1e-5, "h " + i);
      assertEquals(ref[1][i], c[i], 1e-5, "c " + i);
    }

    float[] dh = new float[b * h];
    float[] dc = wc.clone();
    float[] dGates = new float[b * 4 * h];
    float[] grad = new float[p.length];
    LayerNormLstmCell.backward(b, h, p, 4 * h, gates, 0, cPrev, 0, cHat, 0, cRstd, 0, wh, 0, h, dh, dc,
        new float[b * h], dGates, 0, grad, 4 * h, null, 0);

    ToDoubleFunction<double[]> loss = v -> {
      double[][] s = lstmStep(v, b, h);
      double l = 0;
      for (int i = 0; i < b * h; i++) {
        l += wh[i] * s[0][i] + wc[i] * s[1][i];
      }
      return l;
    };
    int np = proj.length;
    int nc = cPrev.length;
    for (int i = 0; i < np; i++) {
      assertEquals(numeric(loss, all, i), dGates[i], 2e-5, "dGates " + i);
    }
    for (int i = 0; i < nc; i++) {
      assertEquals(numeric(loss, all, np + i), dc[i], 2e-5, "dc_{t-1} " + i);
    }
    for (int i = 4 * h; i < p.length; i++) {
      assertEquals(numeric(loss, all, np + nc + i), grad[i], 2e-5, "ln_c " + (i - 4 * h));
    }
    assertArrayEquals(new float[b * h], dh, 0f, "all of dh_t went into the gates");
  }

  @Test
  void conditionedStateByHandAndItsGradients() {
    // W [2, 3], b [2], z [1, 3]: h0 = tanh(W z + b), c0 = W z + b
    float[] p = {0.5f, -1f, 0.25f, 1f, 0f, -0.5f, 0.1f, -0.2f};
    float[] z = {1f, 2f, 4f};
    float[] h0 = new float[2];
    float[] c0 = new float[2];
    ConditionedState.forward(1, 2, 3, z, p, 0, 6, true, h0);
    ConditionedState.forward(1, 2, 3, z, p, 0, 6, false, c0);
    // row 0: 0.5 - 2 + 1 + 0.1 = -0.4; row 1: 1 + 0 - 2 - 0.2 = -1.2
    assertArrayEquals(new float[] {-0.4f, -1.2f}, c0, 1e-6f);
    assertArrayEquals(new float[] {(float) Math.tanh(-0.4), (float) Math.tanh(-1.2)}, h0, 1e-6f);

    float[] dOut = {0.3f, -0.7f};
    float[] grad = new float[8];
    float[] dz = new float[3];
    ConditionedState.backward(1, 2, 3, z, p, 0, true, h0, dOut, grad, 0, 6, dz);
    double da0 = 0.3 * (1 - Math.tanh(-0.4) * Math.tanh(-0.4));
    double da1 = -0.7 * (1 - Math.tanh(-1.2) * Math.tanh(-1.2));
    assertEquals(da0, grad[6], 1e-6);
    assertEquals(da1, grad[7], 1e-6);
    assertEquals(da0 * 4, grad[2], 1e-6); // dW[0, 2] = da0 z[2]
    assertEquals(da1 * 2, grad[4], 1e-6); // dW[1, 1] = da1 z[1]
    assertEquals(da0 * 0.5 + da1 * 1, dz[0], 1e-6);
    assertEquals(da0 * -1 + da1 * 0, dz[1], 1e-6);
    assertEquals(da0 * 0.25 + da1 * -0.5, dz[2], 1e-6);
  }

  // ------------------------------------------------------------------------------ reference in double

  /** LN of {@code x[off, off + n)} with gain at {@code v[gain..]} and bias at {@code v[bias..]}. */
  private static double[] layerNorm(double[] x, int off, int n, double[] v, int gain, int bias) {
    double mean = 0;
    for (int j = 0; j < n; j++) {
      mean += x[off + j];
    }
    mean /= n;
    double var = 0;
    for (int j = 0; j < n; j++) {
      var += (x[off + j] - mean) * (x[off + j] - mean);
    }
    double rstd = 1 / Math.sqrt(var / n + LayerNorm.EPS);
    double[] y = new double[n];
    for (int j = 0; j < n; j++) {
      y[j] = (x[off + j] - mean) * rstd * v[gain + j] + v[bias + j];
    }
    return y;
  }

  /** One LN-LSTM step from {@code v = proj [B, 4H] ++ cPrev [B, H] ++ (b_hh [4H], gain [H], bias [H])}: {h, c}. */
  private static double[][] lstmStep(double[] v, int b, int h) {
    int cp = b * 4 * h;
    int pp = cp + b * h;
    double[] hs = new double[b * h];
    double[] cs = new double[b * h];
    for (int r = 0; r < b; r++) {
      double[] o = new double[h];
      for (int j = 0; j < h; j++) {
        int g = r * 4 * h;
        double i = sigmoid(v[g + j] + v[pp + j]);
        double f = sigmoid(v[g + h + j] + v[pp + h + j]);
        double gg = Math.tanh(v[g + 2 * h + j] + v[pp + 2 * h + j]);
        o[j] = sigmoid(v[g + 3 * h + j] + v[pp + 3 * h + j]);
        cs[r * h + j] = f * v[cp + r * h + j] + i * gg;
      }
      double[] y = layerNorm(cs, r * h, h, v, pp + 4 * h, pp + 5 * h);
      for (int j = 0; j < h; j++) {
        hs[r * h + j] = o[j] * Math.tanh(y[j]);
      }
    }
    return new double[][] {hs, cs};
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double numeric(ToDoubleFunction<double[]> f, double[] v, int i) {
    double keep = v[i];
    v[i] = keep + EPS;
    double up = f.applyAsDouble(v);
    v[i] = keep - EPS;
    double down = f.applyAsDouble(v);
    v[i] = keep;
    return (up - down) / (2 * EPS);
  }

  private static double[] concat(float[]... parts) {
    int n = 0;
    for (float[] a : parts) {
      n += a.length;
    }
    double[] out = new double[n];
    int at = 0;
    for (float[] a : parts) {
      for (float f : a) {
        out[at++] = f;
      }
    }
    return out;
  }

  private static float[] random(SplittableRandom rng, int len, double lo, double hi) {
    float[] a = new float[len];
    for (int i = 0; i < len; i++) {
      a[i] = (float) rng.nextDouble(lo, hi);
    }
    return a;
  }
}

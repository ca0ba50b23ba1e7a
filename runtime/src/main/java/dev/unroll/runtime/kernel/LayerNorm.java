package dev.unroll.runtime.kernel;

/**
 * Layer normalisation of contiguous rows (PyTorch's {@code F.layer_norm} over the last dimension,
 * biased variance, {@code eps = 1e-5}): {@code y = (x - mean(x)) / sqrt(var(x) + eps) * gain +
 * bias}. The forward pass keeps the normalised rows {@code x̂} and each row's {@code 1/sqrt(var +
 * eps)} for the backward pass. Row statistics are accumulated in double.
 */
public final class LayerNorm {
  private LayerNorm() {}

  /** PyTorch's default epsilon. */
  public static final double EPS = 1e-5;

  /**
   * For each of {@code rows} rows of width {@code n}: {@code x̂ = (x - mean) * rstd}, {@code y +=
   * x̂ ⊙ p[gain..] + p[bias..]}. Writes {@code hat [rows, n]} and {@code rstd [rows]}; accumulates
   * into y (callers put a bias or zeros there first).
   */
  public static void forward(int rows, int n, float[] x, int xOff, float[] p, int gain, int bias,
      float[] hat, int hatOff, float[] rstd, int rstdOff, float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      int xr = xOff + r * n;
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += x[xr + j];
      }
      double mean = sum / n;
      double squares = 0;
      for (int j = 0; j < n; j++) {
        double d = x[xr + j] - mean;
        squares += d * d;
      }
      float inv = (float) (1.0 / Math.sqrt(squares / n + EPS));
      rstd[rstdOff + r] = inv;
      int hr = hatOff + r * n;
      int yr = yOff + r * n;
      for (int j = 0; j < n; j++) {
        float xh = (float) ((x[xr + j] - mean) * inv);
        hat[hr + j] = xh;
        y[yr + j] += xh * p[gain + j] + p[bias + j];
      }
    }
  }

  /**
   * Backward through {@link #forward} given {@code dy [rows, n]}: accumulates {@code dGain +=
   * Σ dy ⊙ x̂} and {@code dBias += Σ dy} into {@code grad}, and <em>writes</em>
   * <pre>
   * dx = rstd (ĝ - mean(ĝ) - x̂ mean(ĝ ⊙ x̂)),  ĝ = dy ⊙ gain
   * </pre>
   * into {@code dx} (which may be {@code dy} itself).
   */
  public static void backward(int rows, int n, float[] dy, int dyOff, float[] hat, int hatOff, float[] rstd,
      int rstdOff, float[] p, int gain, float[] grad, int gGain, int gBias, float[] dx, int dxOff) {
    for (int r = 0; r < rows; r++) {
      int dr = dyOff + r * n;
      int hr = hatOff + r * n;
      double sumG = 0;
      double sumGHat = 0;
      for (int j = 0; j < n; j++) {
        float d = dy[dr + j];
        float xh = hat[hr + j];
        grad[gGain + j] += d * xh;
        grad[gBias + j] += d;
        double g = d * p[gain + j];
        sumG += g;
        sumGHat += g * xh;
      }
      double meanG = sumG / n;
      double meanGHat = sumGHat / n;
      double inv = rstd[rstdOff + r];
      int xr = dxOff + r * n;
      for (int j = 0; j < n; j++) {
        double g = dy[dr + j] * p[gain + j];
        dx[xr + j] = (float) (inv * (g - meanG - hat[hr + j] * meanGHat));
      }
    }
  }
}

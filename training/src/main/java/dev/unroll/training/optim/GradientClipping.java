package dev.unroll.training.optim;

/** Gradient clipping over a flat gradient array, as PyTorch's {@code torch.nn.utils.clip_grad_*_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales g so that its global L2 norm {@code ||g|| = sqrt(sum_i g_i^2)} is at most
   * {@code maxNorm}: when {@code ||g|| > maxNorm}, {@code g *= maxNorm / (||g|| + 1e-6)} (PyTorch's
   * {@code clip_grad_norm_}, whose 1e-6 keeps the result just under maxNorm). No-op if
   * {@code maxNorm <= 0}, or if the norm is infinite or NaN (which the caller can see in the result
   * and skip the step, rather than have every gradient zeroed or poisoned). Modifies g.
   *
   * @return the norm before clipping, summed in double in index order (so bit-reproducible)
   */
  public static double clipByGlobalNorm(float[] g, double maxNorm) {
    double sum = 0;
    for (float x : g) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (maxNorm > 0 && norm > maxNorm && norm < Double.POSITIVE_INFINITY) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (int i = 0; i < g.length; i++) {
        g[i] *= scale;
      }
    }
    return norm;
  }

  /**
   * Clamps each element: {@code g_i = min(max(g_i, -limit), limit)} (PyTorch's
   * {@code clip_grad_value_}); NaN stays NaN. No-op if {@code limit <= 0}. Modifies g.
   */
  public static void clipByValue(float[] g, double limit) {
    if (!(limit > 0)) {
      return;
    }
    float hi = (float) limit;
    float lo = -hi;
    for (int i = 0; i < g.length; i++) {
      if (g[i] > hi) {
        g[i] = hi;
      } else if (g[i] < lo) {
        g[i] = lo;
      }
    }
  }
}

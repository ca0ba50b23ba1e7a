package dev.unroll.runtime.kernel;

/**
 * Inverted dropout. Masks hold the factor each value is multiplied by: 0 with probability p, else
 * {@code 1 / (1 - p)}, so that no rescaling is needed at inference. Mask bits come from a
 * counter-based generator (SplitMix64 of seed, stream and position), so a mask depends only on its
 * seed and never on the thread or the order in which masks are drawn.
 */
public final class Dropout {
  private Dropout() {}

  /** Fills {@code mask[0 .. len)} for drop probability {@code p}; {@code stream} tells masks of one pass apart. Modifies mask. */
  public static void sample(float[] mask, int len, float p, long seed, long stream) {
    float keep = 1f / (1f - p);
    long base = mix(seed ^ mix(stream + 0x632BE59BD9B4E019L));
    for (int i = 0; i < len; i++) {
      double u = (mix(base + i) >>> 11) * 0x1.0p-53;
      mask[i] = u < p ? 0f : keep;
    }
  }

  /** {@code out[i] = in[i] * mask[i]} for {@code i < len}. Modifies out. */
  public static void apply(int len, float[] in, float[] mask, float[] out) {
    for (int i = 0; i < len; i++) {
      out[i] = in[i] * mask[i];
    }
  }

  /** {@code g[i] *= mask[i]} for {@code i < len}: the gradient of {@link #apply}. Modifies g. */
  public static void scale(int len, float[] g, float[] mask) {
    for (int i = 0; i < len; i++) {
      g[i] *= mask[i];
    }
  }

  /**
   * Variational (per-sequence) dropout of a state: {@code out[b] = h[b] ⊙ mask[b]} for {@code m}
   * rows of {@code n}, where h is a strided slice and mask and out are contiguous {@code [m, n]}. Modifies out.
   */
  public static void applyRows(int m, int n, float[] h, int hOff, int ldh, float[] mask, float[] out, int outOff) {
    for (int b = 0; b < m; b++) {
      int hi = hOff + b * ldh;
      int mi = b * n;
      int oi = outOff + b * n;
      for (int j = 0; j < n; j++) {
        out[oi + j] = h[hi + j] * mask[mi + j];
      }
    }
  }

  /** {@code g[i] += d[i] * mask[i]} for {@code i < len}. Modifies g. */
  public static void addScaled(int len, float[] d, float[] mask, float[] g) {
    for (int i = 0; i < len; i++) {
      g[i] += d[i] * mask[i];
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

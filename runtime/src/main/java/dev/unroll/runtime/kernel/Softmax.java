package dev.unroll.runtime.kernel;

/**
 * The runtime's one softmax, {@code p_j = exp(z_j / T) / sum_i exp(z_i / T)}, computed in double
 * after subtracting the largest logit so that no logit or temperature overflows it. The loss, the
 * model's probabilities and the sampler all go through here.
 */
public final class Softmax {
  private Softmax() {}

  /** The largest of {@code z[from .. from+n)}, {@code -Infinity} for no values. */
  public static float max(float[] z, int from, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, z[from + j]);
    }
    return max;
  }

  /**
   * {@code log sum_j exp(z_j)} of {@code z[from .. from+n)}, as {@code max + log sum exp(z_j - max)}
   * (the cross-entropy's normaliser: {@code log softmax(z)_j = z_j - logSumExp(z)}).
   */
  public static double logSumExp(float[] z, int from, int n) {
    float max = max(z, from, n);
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += Math.exp(z[from + j] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * {@code exp((z_j - max) / T)}, the unnormalised probability of a logit: at most 1, whatever the
   * temperature. The largest logit gets exactly 1, also when it is +Infinity (where the difference
   * would be NaN).
   */
  public static double weight(float z, float max, double temperature) {
    return z == max ? 1.0 : Math.exp(((double) z - max) / temperature);
  }

  /**
   * Writes {@code softmax(z[from .. from+n))} into {@code p[to .. to+n)} (temperature 1).
   */
  public static void probabilities(float[] z, int from, int n, float[] p, int to) {
    float max = max(z, from, n);
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += weight(z[from + j], max, 1.0);
    }
    for (int j = 0; j < n; j++) {
      p[to + j] = (float) (weight(z[from + j], max, 1.0) / sum);
    }
  }
}

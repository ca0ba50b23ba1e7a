package dev.unroll.runtime.infer;

import dev.unroll.runtime.kernel.Softmax;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a symbol from a row of logits: softmax of {@code logits / temperature}, optionally
 * restricted to the {@code k} largest logits (top-k). The softmax ({@link Softmax}) is computed in
 * double after subtracting the largest logit, so no temperature overflows it; as the temperature goes to 0 the
 * distribution goes to the arg-max. Ties are broken towards the lower index, so results depend only
 * on the logits, the settings and the random stream.
 *
 * <p>A sampler holds its work buffers, so a draw allocates nothing; it is therefore not
 * thread-safe: use one per thread (a {@link StreamState} holds one).
 */
public final class Sampler {
  private final int size;
  /** Unnormalised probabilities of the current draw; 0 outside the top k. */
  private final double[] weights;
  /** Indices, partially ordered by top-k selection. */
  private final int[] order;

  /**
   * A sampler for rows of {@code size} logits.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public Sampler(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a sampler needs at least 1 symbol, was " + size);
    }
    this.size = size;
    this.weights = new double[size];
    this.order = new int[size];
  }

  /** The number of symbols per row. */
  public int size() {
    return size;
  }

  /**
   * Draws one index from softmax({@code logits[offset .. offset+size)} / {@code temperature}),
   * restricted to the {@code topK} largest logits.
   *
   * @param topK how many of the largest logits may be drawn; {@code <= 0} or {@code >= size} for all
   * @return an index in {@code [0, size)}
   * @throws IllegalArgumentException if the temperature is not finite and positive, or the row does
   *     not fit in {@code logits}
   * @throws IllegalStateException if a logit is NaN (a diverged model)
   */
  public int sample(float[] logits, int offset, double temperature, int topK, SplittableRandom random) {
    double total = fill(logits, offset, temperature, topK);
    double u = random.nextDouble() * total;
    double cumulative = 0;
    int last = -1;
    for (int i = 0; i < size; i++) {
      double w = weights[i];
      if (w > 0) {
        cumulative += w;
        last = i;
        if (u < cumulative) {
          return i;
        }
      }
    }
    // Only reachable when rounding leaves u at the very top of the cumulative sum.
    return last;
  }

  /**
   * Writes into {@code probabilities[0 .. size)} the distribution {@link #sample} draws from: 0
   * outside the top k, summing to 1.
   *
   * @throws IllegalArgumentException as {@link #sample}, or if {@code probabilities} is shorter than
   *     {@link #size()}
   * @throws IllegalStateException if a logit is NaN
   */
  public void distribution(float[] logits, int offset, double temperature, int topK, double[] probabilities) {
    if (probabilities.length < size) {
      throw new IllegalArgumentException(
          "probabilities holds " + probabilities.length + " values, the sampler draws from " + size);
    }
    double total = fill(logits, offset, temperature, topK);
    for (int i = 0; i < size; i++) {
      probabilities[i] = weights[i] / total;
    }
  }

  /**
   * The index of the largest of {@code logits[offset .. offset+n)}, the lowest index among equals.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static int argmax(float[] logits, int offset, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("argmax of no values");
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (logits[offset + i] > logits[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  /** Fills {@link #weights} with exp((logit - max) / T) over the top k, 0 elsewhere; returns their sum. */
  private double fill(float[] logits, int offset, double temperature, int topK) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, was " + temperature);
    }
    if (offset < 0 || offset + size > logits.length) {
      throw new IllegalArgumentException("a row of " + size + " logits at offset " + offset
          + " does not fit in " + logits.length + " values");
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      float v = logits[offset + i];
      if (Float.isNaN(v)) {
        throw new IllegalStateException("logit " + i + " is NaN: the model's outputs are not numbers");
      }
      if (v > max) {
        max = v;
      }
    }
    if (max == Float.NEGATIVE_INFINITY) {
      throw new IllegalStateException("every logit is -Infinity: there is nothing to draw");
    }
    double total = 0;
    if (topK <= 0 || topK >= size) {
      for (int i = 0; i < size; i++) {
        double w = Softmax.weight(logits[offset + i], max, temperature);
        weights[i] = w;
        total += w;
      }
    } else {
      selectTop(logits, offset, topK);
      Arrays.fill(weights, 0.0);
      for (int j = 0; j < topK; j++) {
        int i = order[j];
        double w = Softmax.weight(logits[offset + i], max, temperature);
        weights[i] = w;
        total += w;
      }
    }
    return total;
  }

  /** Whether symbol {@code a} ranks before {@code b}: a larger logit, or an equal one and a lower index. */
  private static boolean before(float[] x, int offset, int a, int b) {
    float va = x[offset + a];
    float vb = x[offset + b];
    return va > vb || (va == vb && a < b);
  }

  /**
   * Quickselect: afterwards {@code order[0 .. k)} holds the k highest-ranked indices (in no
   * particular order). Expected linear time; the ranking is a strict total order, so equal logits
   * cannot make it degenerate.
   */
  private void selectTop(float[] x, int offset, int k) {
    int[] o = order;
    for (int i = 0; i < size; i++) {
      o[i] = i;
    }
    int lo = 0;
    int hi = size - 1;
    int target = k - 1;
    while (lo < hi) {
      // Median of three as the pivot, moved to hi: sorted input stays linear.
      int mid = (lo + hi) >>> 1;
      if (before(x, offset, o[mid], o[lo])) {
        swap(o, mid, lo);
      }
      if (before(x, offset, o[hi], o[lo])) {
        swap(o, hi, lo);
      }
      if (before(x, offset, o[mid], o[hi])) {
        swap(o, mid, hi);
      }
      int pivot = o[hi];
      int store = lo;
      for (int i = lo; i < hi; i++) {
        if (before(x, offset, o[i], pivot)) {
          swap(o, i, store++);
        }
      }
      swap(o, store, hi);
      if (store == target) {
        return;
      } else if (store < target) {
        lo = store + 1;
      } else {
        hi = store - 1;
      }
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

package dev.unroll.runtime.hopfield;

/**
 * The two ways a memory turns patterns into weights. Both write a symmetric {@code [N, N]} matrix
 * (row-major) over the whole array, so storing replaces what was stored before.
 */
public final class StorageRules {
  private StorageRules() {}

  /** Below this residual norm&sup2; a pattern is taken to lie in the span of the ones before it. */
  private static final double DEPENDENT = 1e-9;

  /**
   * Hebb's rule: {@code W_ij = (1/N) sum_mu xi^mu_i xi^mu_j}, with {@code W_ii = 0} when
   * {@code zeroDiagonal}. Each pattern then has a field {@code h_i = xi_i (1 + crosstalk)} whose
   * crosstalk from the other patterns grows as {@code sqrt(P/N)}.
   *
   * @throws IllegalArgumentException if a pattern is not a bipolar state of {@code units} units
   */
  public static void hebbian(float[] weights, int units, int[][] patterns, boolean zeroDiagonal) {
    checkAll(weights, units, patterns);
    // Integer counts first, so the weights are exact multiples of 1/N whatever the order.
    int[] counts = new int[units * units];
    for (int[] p : patterns) {
      for (int i = 0; i < units; i++) {
        int row = i * units;
        int pi = p[i];
        for (int j = 0; j < units; j++) {
          counts[row + j] += pi * p[j];
        }
      }
    }
    float scale = 1f / units;
    for (int k = 0; k < counts.length; k++) {
      weights[k] = counts[k] * scale;
    }
    if (zeroDiagonal) {
      zeroDiagonal(weights, units);
    }
  }

  /**
   * The projection (pseudo-inverse) rule of Personnaz, Guyon and Dreyfus (1985): {@code W = X^T
   * (X X^T)^+ X} for the patterns as the rows of X, the orthogonal projection onto their span, so
   * {@code W xi = xi} for every stored pattern however correlated. Computed as {@code sum_k q_k
   * q_k^T} over an orthonormal basis {@code q_k} of the span, built by modified Gram-Schmidt in
   * double precision; a pattern in the span of earlier ones adds nothing (the pseudo-inverse).
   * With {@code zeroDiagonal} the diagonal is then cleared, which keeps the patterns fixed points
   * while {@code W_ii} stays below 1 (fewer than about N/2 independent patterns).
   *
   * @throws IllegalArgumentException if a pattern is not a bipolar state of {@code units} units
   */
  public static void projection(float[] weights, int units, int[][] patterns, boolean zeroDiagonal) {
    checkAll(weights, units, patterns);
    double[][] basis = new double[Math.min(patterns.length, units)][];
    int rank = 0;
    for (int[] p : patterns) {
      if (rank == basis.length) {
        break;
      }
      double[] v = new double[units];
      for (int i = 0; i < units; i++) {
        v[i] = p[i];
      }
      // Twice, as modified Gram-Schmidt loses orthogonality on nearly dependent patterns.
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < rank; k++) {
          double dot = dot(basis[k], v);
          double[] q = basis[k];
          for (int i = 0; i < units; i++) {
            v[i] -= dot * q[i];
          }
        }
      }
      double norm2 = dot(v, v);
      if (norm2 > DEPENDENT * units) {
        double inv = 1 / Math.sqrt(norm2);
        for (int i = 0; i < units; i++) {
          v[i] *= inv;
        }
        basis[rank++] = v;
      }
    }
    double[] row = new double[units];
    for (int i = 0; i < units; i++) {
      java.util.Arrays.fill(row, 0);
      for (int k = 0; k < rank; k++) {
        double qi = basis[k][i];
        double[] q = basis[k];
        for (int j = 0; j < units; j++) {
          row[j] += qi * q[j];
        }
      }
      for (int j = 0; j < units; j++) {
        weights[i * units + j] = (float) row[j];
      }
    }
    if (zeroDiagonal) {
      zeroDiagonal(weights, units);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void zeroDiagonal(float[] weights, int units) {
    for (int i = 0; i < units; i++) {
      weights[i * units + i] = 0f;
    }
  }

  private static void checkAll(float[] weights, int units, int[][] patterns) {
    if (weights.length != units * units) {
      throw new IllegalArgumentException("weights hold " + weights.length + " values, expected " + units + " x " + units);
    }
    if (patterns == null) {
      throw new IllegalArgumentException("patterns is null");
    }
    for (int m = 0; m < patterns.length; m++) {
      BipolarStates.check(patterns[m], units, "pattern " + m);
    }
  }
}

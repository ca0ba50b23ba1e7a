package dev.unroll.runtime.kernel;

/**
 * Dense matrix products on row-major slices of flat arrays. Every operation <em>accumulates</em>
 * into C ({@code C += ...}); callers initialise C (zeros, or a bias) first. A matrix is given as
 * (array, offset of element [0,0], leading dimension = distance between rows), so a slice of a
 * wider matrix (one direction of a bidirectional layer's output) needs no copy.
 */
public final class Gemm {
  private Gemm() {}

  /**
   * {@code C[m x n] += A[m x k] * B[n x k]^T}: C's row i, column j gains the dot product of A's row
   * i and B's row j. This is {@code x W^T} for a PyTorch weight {@code W [out, in]}. Modifies C.
   */
  public static void nt(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      for (int j = 0; j < n; j++) {
        int bj = bOff + j * ldb;
        // Four partial sums break the dependency chain of one long float sum.
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int p = 0;
        for (; p + 3 < k; p += 4) {
          s0 += a[ai + p] * b[bj + p];
          s1 += a[ai + p + 1] * b[bj + p + 1];
          s2 += a[ai + p + 2] * b[bj + p + 2];
          s3 += a[ai + p + 3] * b[bj + p + 3];
        }
        for (; p < k; p++) {
          s0 += a[ai + p] * b[bj + p];
        }
        c[ci + j] += (s0 + s1) + (s2 + s3);
      }
    }
  }

  /**
   * {@code C[m x n] += A[m x k] * B[k x n]}: C's row i gains A[i][p] times B's row p, summed over
   * p. This is {@code dY W} for a PyTorch weight {@code W [out, in]}. Modifies C.
   */
  public static void nn(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * lda;
      int ci = cOff + i * ldc;
      for (int p = 0; p < k; p++) {
        float aip = a[ai + p];
        if (aip == 0f) {
          continue;
        }
        int bp = bOff + p * ldb;
        for (int j = 0; j < n; j++) {
          c[ci + j] += aip * b[bp + j];
        }
      }
    }
  }

  /**
   * {@code C[m x n] += A[k x m]^T * B[k x n]}: C's row i gains A[p][i] times B's row p, summed over
   * p. This is the weight gradient {@code dW += dY^T X}. Modifies C.
   */
  public static void tn(
      int m, int n, int k,
      float[] a, int aOff, int lda,
      float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc) {
    for (int p = 0; p < k; p++) {
      int ap = aOff + p * lda;
      int bp = bOff + p * ldb;
      for (int i = 0; i < m; i++) {
        float api = a[ap + i];
        if (api == 0f) {
          continue;
        }
        int ci = cOff + i * ldc;
        for (int j = 0; j < n; j++) {
          c[ci + j] += api * b[bp + j];
        }
      }
    }
  }
}
